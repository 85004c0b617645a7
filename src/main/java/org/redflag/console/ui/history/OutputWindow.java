package org.redflag.console.ui.history;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.redflag.console.history.HistoryEntry;

/**
 * One history entry's outputs in full, in a window of their own: the pane under the list shows the first
 * part of a long output; this shows all of it, in the same virtual viewer, beside the list.
 */
final class OutputWindow {

    private OutputWindow() {
    }

    static Stage open(Window owner, HistoryViewModel model, HistoryEntry entry) {
        Label title = new Label(HistoryDetailPane.describe(entry, model.clock()));
        title.setId("output-window-title");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        title.setPadding(new Insets(8, 10, 8, 10));
        OutputPane stderr = new OutputPane("output-window-stderr", () -> { });
        OutputPane stdout = new OutputPane("output-window-stdout", () -> { });
        Tab stderrTab = new Tab("stderr", stderr);
        Tab stdoutTab = new Tab("stdout", stdout);
        TabPane outputs = new TabPane(stderrTab, stdoutTab);
        outputs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label loading = new Label("Loading the whole output…");
        loading.getStyleClass().add("muted");
        BorderPane root = new BorderPane(loading);
        root.setTop(title);

        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(entry.action() + " on " + (entry.hostname() == null ? "the console" : entry.hostname())
                + " — output");
        Scene scene = new Scene(root, 900, 620);
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.show();
        model.loadInFull(entry, full -> {
            stderr.show(full.stderr());
            stdout.show(full.stdout());
            stderrTab.setText("stderr" + (full.stderr().fullLength() == 0 ? " (empty)" : ""));
            stdoutTab.setText("stdout" + (full.stdout().fullLength() == 0 ? " (empty)" : ""));
            outputs.getSelectionModel().select(full.stderr().fullLength() > 0 || full.stdout().fullLength() == 0
                    ? stderrTab : stdoutTab);
            root.setCenter(outputs);
        });
        return stage;
    }
}
