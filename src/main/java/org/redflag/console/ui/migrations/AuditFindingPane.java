package org.redflag.console.ui.migrations;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected finding: its object's definition in the database and as the scripts make it, side by side, and
 * the SQL that repairs it. Read-only.
 */
final class AuditFindingPane extends VBox {

    private final AuditViewModel model;

    private final Label object = new Label();
    private final TextArea inDatabase = monospace("audit-target-definition");
    private final TextArea asScripts = monospace("audit-replay-definition");
    private final TextArea repair = monospace("audit-finding-repair");

    AuditFindingPane(AuditViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("audit-finding");
        object.setId("audit-finding-object");
        object.getStyleClass().add("detail-title");
        object.setWrapText(true);
        inDatabase.setPromptText("Select a finding");
        asScripts.setPromptText("Select a finding");
        repair.setPromptText("The selected finding's repair");
    }

    private void layoutParts() {
        GridPane sideBySide = new GridPane();
        sideBySide.setHgap(8);
        sideBySide.setVgap(2);
        sideBySide.add(title("In the database"), 0, 0);
        sideBySide.add(title("As the scripts make it"), 1, 0);
        sideBySide.add(inDatabase, 0, 1);
        sideBySide.add(asScripts, 1, 1);
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        sideBySide.getColumnConstraints().addAll(half, half);
        GridPane.setVgrow(inDatabase, Priority.ALWAYS);
        GridPane.setVgrow(asScripts, Priority.ALWAYS);
        VBox.setVgrow(sideBySide, Priority.ALWAYS);
        VBox.setVgrow(repair, Priority.SOMETIMES);
        getChildren().addAll(object, sideBySide, title("Its repair"), repair);
        setSpacing(4);
        setPadding(new Insets(8, 12, 8, 12));
    }

    private void setupBindings() {
        inDatabase.textProperty().bind(model.targetDefinitionProperty());
        asScripts.textProperty().bind(model.replayDefinitionProperty());
        repair.textProperty().bind(model.findingRepairProperty());
        object.textProperty().bind(Bindings.createStringBinding(() -> {
            AuditRows.Finding f = model.selectedProperty().get();
            if (f == null) {
                return "Select a finding to see its definitions and its repair.";
            }
            return f.migration() + (f.objectKey() == null ? "" : " · " + f.objectKey()) + " · " + f.kind();
        }, model.selectedProperty()));
    }

    private void setupEventHandlers() {
        // Read-only: nothing to handle.
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    static TextArea monospace(String id) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(4);
        area.getStyleClass().add("output-viewer");
        return area;
    }
}
