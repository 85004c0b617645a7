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
        noSelection = new Label("Select an entry to see its output.");
        noSelection.getStyleClass().add("muted");
    }

    private void layoutParts() {
        detailPane = new BorderPane(outputs);
        detailPane.setId("history-detail");
        detailTitle.setPadding(new Insets(6, 10, 6, 10));
        detailPane.setTop(detailTitle);
        getChildren().setAll(noSelection, detailPane);
    }

    private void setupBindings() {
        noSelection.visibleProperty().bind(model.detailProperty().isNull());
        detailPane.visibleProperty().bind(model.detailProperty().isNotNull());
    }

    /** Shows an entry's outputs; a newly shown entry opens on the tab that has something to say. */
    void show(HistoryViewModel.Detail shown) {
        HistoryEntry e = shown.entry();
        detailTitle.setText(String.join(" · ", Formats.absolute(e.executedAt(), model.clock()),
                e.hostname() == null ? "console" : e.hostname(), String.valueOf(e.subsystem()), e.action(),
                e.result()) + (e.exitCode() == null ? "" : " · exit " + e.exitCode())
                + (e.durationSeconds() == null ? "" : " · " + HistoryView.duration(e.durationSeconds())));
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
