package org.redflag.console.ui.history;

import java.util.UUID;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.ui.Formats;

/**
 * The selected history entry: a title line with what ran where and how it ended, and its stderr and stdout
 * in tabs; a hint while nothing is selected.
 */
final class HistoryDetailPane extends StackPane {

    private final HistoryViewModel model;

    private Label detailTitle;
    private TabPane outputs;
    private Tab stderrTab;
    private Tab stdoutTab;
    private OutputPane stderrPane;
    private OutputPane stdoutPane;
    private Label noSelection;
    private javafx.scene.control.Button openInWindow;
    private BorderPane detailPane;
    /** The entry whose tabs were last chosen, so a refresh of the same entry keeps the user's tab. */
    private UUID shownEntryId;

    HistoryDetailPane(HistoryViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
    }

    private void initializeParts() {
        detailTitle = new Label();
        detailTitle.setId("history-detail-title");
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.setWrapText(true);
        stderrPane = new OutputPane("history-stderr", model::showAll);
        stdoutPane = new OutputPane("history-stdout", model::showAll);
        stderrTab = new Tab("stderr", stderrPane);
        stdoutTab = new Tab("stdout", stdoutPane);
        outputs = new TabPane(stderrTab, stdoutTab);
        outputs.setId("history-outputs");
        outputs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        openInWindow = new javafx.scene.control.Button("Open in window");
        openInWindow.setId("history-open-output");
        openInWindow.setTooltip(new javafx.scene.control.Tooltip(
                "The whole output in a window of its own (Enter on the selected row)"));
        openInWindow.setOnAction(e -> {
            HistoryViewModel.Detail shown = model.detailProperty().get();
            if (shown != null) {
                OutputWindow.open(getScene().getWindow(), model, shown.entry());
            }
        });
        noSelection = new Label("Select an entry to see its output.");
        noSelection.getStyleClass().add("muted");
    }

    private void layoutParts() {
        detailPane = new BorderPane(outputs);
        detailPane.setId("history-detail");
        javafx.scene.layout.HBox.setHgrow(detailTitle, javafx.scene.layout.Priority.ALWAYS);
        detailTitle.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.HBox titleBar = new javafx.scene.layout.HBox(8, detailTitle, openInWindow);
        titleBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        titleBar.setPadding(new Insets(6, 10, 6, 10));
        detailPane.setTop(titleBar);
        getChildren().setAll(noSelection, detailPane);
    }

    private void setupBindings() {
        noSelection.visibleProperty().bind(model.detailProperty().isNull());
        detailPane.visibleProperty().bind(model.detailProperty().isNotNull());
    }

    /** What ran where and how it ended, in one line. */
    static String describe(HistoryEntry e, java.time.Clock clock) {
        return String.join(" · ", Formats.absolute(e.executedAt(), clock),
                e.hostname() == null ? "console" : e.hostname(), String.valueOf(e.subsystem()), e.action(),
                e.result()) + (e.exitCode() == null ? "" : " · exit " + e.exitCode())
                + (e.durationSeconds() == null ? "" : " · " + Formats.duration(e.durationSeconds()));
    }

    /** Shows an entry's outputs; a newly shown entry opens on the tab that has something to say. */
    void show(HistoryViewModel.Detail shown) {
        HistoryEntry e = shown.entry();
        detailTitle.setText(describe(e, model.clock()));
        stderrPane.show(shown.stderr());
        stdoutPane.show(shown.stdout());
        stderrTab.setText("stderr" + (shown.stderr().fullLength() == 0 ? " (empty)" : ""));
        stdoutTab.setText("stdout" + (shown.stdout().fullLength() == 0 ? " (empty)" : ""));
        if (!e.id().equals(shownEntryId)) {
            shownEntryId = e.id();
            outputs.getSelectionModel().select(shown.stderr().fullLength() > 0 || shown.stdout().fullLength() == 0
                    ? stderrTab : stdoutTab);
        }
    }
}
