package org.redflag.console.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A text a table cell can only show the start of, in full: a window of its own that can be read, selected,
 * copied and put away with Escape.
 */
public final class TextWindow {

    private TextWindow() {
    }

    public static Stage show(Window owner, String title, String text) {
        TextArea area = new TextArea(text);
        area.setId("text-window-text");
        area.setEditable(false);
        area.setWrapText(true);
        Button copy = new Button("Copy");
        copy.setId("text-window-copy");
        Button close = new Button("Close");
        close.setId("text-window-close");
        close.setCancelButton(true);
        HBox bar = new HBox(8, copy, close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(8, 0, 0, 0));
        BorderPane root = new BorderPane(area);
        root.setBottom(bar);
        root.setPadding(new Insets(12));

        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(root, 640, 360);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            }
        });
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
        close.setOnAction(e -> stage.close());
        stage.setScene(scene);
        stage.show();
        area.requestFocus();
        return stage;
    }
}
