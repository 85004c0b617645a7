package org.redflag.console.ui.history;

import java.io.File;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * The CSV export at the bottom of the history: asking where to write, then its progress, its outcome and a
 * way to cancel. Out of the way while no export has run.
 */
final class HistoryExportBar extends HBox {

    private final HistoryViewModel model;

    private ProgressBar exportProgress;
    private Label exportStatus;
    private Button cancelExport;

    HistoryExportBar(HistoryViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        exportProgress = new ProgressBar();
        exportProgress.setId("history-export-progress");
        exportProgress.setPrefWidth(220);
        exportStatus = new Label();
        exportStatus.setId("history-export-status");
        cancelExport = new Button("Cancel");
        cancelExport.setId("history-export-cancel");
    }

    private void layoutParts() {
        setSpacing(10);
        getChildren().setAll(exportProgress, exportStatus, cancelExport);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 16, 6, 16));
    }

    private void setupBindings() {
        exportProgress.progressProperty().bind(model.exportProgressProperty());
        exportStatus.textProperty().bind(model.exportStatusProperty());
        exportProgress.visibleProperty().bind(model.exportingProperty());
        cancelExport.visibleProperty().bind(model.exportingProperty());
        visibleProperty().bind(model.exportStatusProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    private void setupEventHandlers() {
        cancelExport.setOnAction(e -> model.cancelExport());
    }

    /** Asks for the file and starts the export of everything the filter matches; nothing if the user cancels. */
    void chooseFileAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the filtered history to CSV");
        chooser.setInitialFileName(model.suggestedExportName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }
}
