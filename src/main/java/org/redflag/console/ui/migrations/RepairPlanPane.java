package org.redflag.console.ui.migrations;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The repair plan of the last audit: the script to review and copy, and Apply, which first lists every
 * statement it will run and runs nothing without OK; then the progress and a log of the steps.
 */
final class RepairPlanPane extends VBox {

    private final AuditViewModel model;

    private final TextArea script = AuditFindingPane.monospace("audit-plan");
    private final Button copy = new Button("Copy plan");
    private final Button apply = new Button("Apply…");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label outcome = new Label();
    private final ListView<String> log = new ListView<>();

    RepairPlanPane(AuditViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("audit-repair");
        copy.setId("audit-copy-plan");
        apply.setId("audit-apply");
        progress.setId("audit-progress");
        outcome.setId("audit-outcome");
        log.setId("audit-log");
        script.setPromptText("Run the audit: the plan is the SQL that makes the database what its record claims.");
        outcome.setWrapText(true);
        log.setPlaceholder(new Label("Applied steps are logged here, one history row each."));
        log.setPrefHeight(90);
        log.getStyleClass().add("output-viewer");
        progress.setMaxWidth(Double.MAX_VALUE);
    }

    private void layoutParts() {
        Label title = new Label("Repair plan");
        title.getStyleClass().add("section-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, title, spacer, copy, apply);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(progress, Priority.ALWAYS);
        VBox.setVgrow(script, Priority.ALWAYS);
        VBox.setVgrow(log, Priority.SOMETIMES);
        getChildren().addAll(actions, script, progress, outcome, log);
        setSpacing(4);
        setPadding(new Insets(8, 12, 8, 12));
    }

    private void setupBindings() {
        script.textProperty().bind(model.planScriptProperty());
        copy.disableProperty().bind(model.planScriptProperty().isEmpty());
        apply.disableProperty().bind(model.planEmptyProperty().or(model.busyProperty()));
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.applyingProperty().or(model.outcomeProperty().isNotEmpty()));
        progress.managedProperty().bind(progress.visibleProperty());
        outcome.textProperty().bind(model.outcomeProperty());
        model.outcomeFailedProperty().addListener((o, was, failed) -> {
            outcome.getStyleClass().remove("outcome-failed");
            if (failed) {
                outcome.getStyleClass().add("outcome-failed");
            }
        });
        log.setItems(model.log());
    }

    private void setupEventHandlers() {
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.planScriptProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        apply.setOnAction(e -> confirmApply());
    }

    private void confirmApply() {
        List<String> statements = model.planStatements();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(getScene().getWindow());
        confirm.setTitle("Apply the repair plan");
        confirm.setHeaderText("Run " + (statements.size() == 1 ? "this statement" : "these " + statements.size()
                + " statements") + " on the database?");
        Label how = new Label("Each step runs in its own transaction; a CONCURRENTLY step runs alone, outside one. "
                + "The first step that fails stops the repair; each step writes a history row; then the audit runs again.");
        how.setWrapText(true);
        TextArea listed = AuditFindingPane.monospace("repair-confirmation-statements");
        listed.setText(String.join("\n\n", statements));
        listed.setPrefRowCount(Math.min(14, 2 + 3 * statements.size()));
        VBox content = new VBox(8, how, listed);
        confirm.getDialogPane().setContent(content);
        confirm.getDialogPane().setId("repair-confirmation");
        confirm.getDialogPane().setPrefWidth(760);
        confirm.setResizable(true);
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.applyPlan());
    }
}
