package org.redflag.console.ui.history;

import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * One output in a monospace viewer. The lines live in a virtual list, so a 10 MB output costs the screen
 * no more than a short one; selected lines copy with Ctrl+C, "Copy" takes everything loaded.
 */
final class OutputPane extends BorderPane {

    private final ListView<String> lines = new ListView<>();
    private final Label note = new Label();
    private final Button copy = new Button("Copy");
    private final Button showAll = new Button();
    private OutputText shown = OutputText.NONE;

    OutputPane(String idPrefix, Runnable onShowAll) {
        lines.setId(idPrefix + "-lines");
        lines.getStyleClass().add("output-viewer");
        lines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        lines.setFixedCellSize(18);
        lines.setPlaceholder(new Label("(empty)"));
        copy.setId(idPrefix + "-copy");
        showAll.setId(idPrefix + "-show-all");
        note.setId(idPrefix + "-note");
        note.getStyleClass().add("muted");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, note, spacer, showAll, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        setTop(bar);
        setCenter(lines);

        copy.setOnAction(e -> copyToClipboard(shown.text()));
        showAll.setOnAction(e -> onShowAll.run());
        lines.setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyToClipboard(lines.getSelectionModel().getSelectedItems().stream()
                        .collect(Collectors.joining("\n")));
                e.consume();
            }
        });
    }

    void show(OutputText output) {
        shown = output;
        lines.getItems().setAll(output.lines());
        lines.scrollTo(0);
        boolean cut = !output.complete();
        showAll.setVisible(cut);
        showAll.setManaged(cut);
        showAll.setText("Show all (" + size(output.fullLength()) + ")");
        note.setText(cut
                ? "Showing the first " + size(output.text().length()) + " of " + size(output.fullLength())
                : output.fullLength() == 0 ? "" : size(output.fullLength()));
        copy.setDisable(output.text().isEmpty());
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Characters, said the way people say file sizes (one character is about one byte in most outputs). */
    static String size(long chars) {
        if (chars < 1024) {
            return chars + " characters";
        }
        if (chars < 1024 * 1024) {
            return String.format("%.0f KB", chars / 1024.0);
        }
        return String.format("%.1f MB", chars / (1024.0 * 1024.0));
    }
}
