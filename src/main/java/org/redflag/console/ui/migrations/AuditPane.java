package org.redflag.console.ui.migrations;

import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;

/**
 * The Migrations view's Audit tab: the record's claims against what its own scripts make when replayed (or,
 * without scripts, the hand catalog, which says so): one verdict per recorded file, the findings, the selected
 * finding's two definitions side by side, and the repair plan with Apply.
 */
final class AuditPane extends BorderPane {

    private final AuditViewModel model;

    private final Button runAudit = new Button("Run audit");
    private final Button chooseScripts = new Button("Scripts folder…");
    private final Label scriptsFolder = new Label();
    private final Label source = new Label();
    private final Label warning = new Label();
    private final Label summary = new Label();
    private final TableView<AuditRows.Verdict> verdicts = new TableView<>();
    private final TableView<AuditRows.Finding> findings = new TableView<>();
    private AuditFindingPane finding;
    private RepairPlanPane plan;

    AuditPane(AuditViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("audit-pane");
        runAudit.setId("audit-run");
        chooseScripts.setId("audit-scripts-folder");
        source.setId("audit-source");
        warning.setId("audit-warning");
        findings.setId("audit-findings");
        verdicts.setId("audit-verdicts");
        summary.setId("audit-summary");
        summary.getStyleClass().add("summary");
        source.getStyleClass().add("muted");
        scriptsFolder.getStyleClass().add("muted");
        warning.getStyleClass().add("notice");
        source.setWrapText(true);
        warning.setWrapText(true);

        verdicts.setPlaceholder(placeholder("Run the audit to see a verdict for every recorded migration.",
                "Nothing is recorded: no migration to give a verdict on."));
        verdicts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        verdicts.getColumns().addAll(List.of(
                MigrationColumns.text("Migration", 290, AuditRows.Verdict::migration),
                MigrationColumns.badge("Verdict", 130, AuditRows.Verdict::verdict, AuditRows.Verdict::badge),
                MigrationColumns.text("Effects", 70, v -> v.effects() == null ? "—" : String.valueOf(v.effects())),
                wrapping(MigrationColumns.text("Sentence", 520, AuditRows.Verdict::sentence))));
        findings.setPlaceholder(placeholder("Run the audit to compare the record with the schema.",
                "No findings: the database is what its record claims."));
        findings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        findings.getColumns().addAll(List.of(
                MigrationColumns.badge("Severity", 90, f -> f.severity().label(), f -> StateBadges.styleClass(f.severity())),
                MigrationColumns.text("Migration", 250, AuditRows.Finding::migration),
                MigrationColumns.text("Kind", 140, AuditRows.Finding::kind),
                wrapping(MigrationColumns.text("Finding", 520, AuditRows.Finding::sentence))));
        finding = new AuditFindingPane(model);
        plan = new RepairPlanPane(model);
    }

    /** What replays when no folder was chosen. */
    private final javafx.beans.property.StringProperty withoutFolder =
            new javafx.beans.property.SimpleStringProperty("no RedFlag scripts folder");

    /** Says what replays when no folder is chosen (the scripts the console ships, for its own embedded RedFlag). */
    void withoutFolderReplays(String text) {
        withoutFolder.set(text);
    }

    /** A standing hint above the audit, e.g. where to find a database worth auditing. */
    void showHint(String text) {
        Label hint = new Label(text);
        hint.setId("audit-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("notice");
        ((VBox) getTop()).getChildren().add(0, hint);
    }

    private void layoutParts() {
        HBox toolbar = new HBox(10, runAudit, chooseScripts, scriptsFolder);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, toolbar, source, warning, summary);
        top.setPadding(new Insets(10, 12, 10, 12));
        setTop(top);

        SplitPane bottom = new SplitPane(finding, plan);
        bottom.setOrientation(Orientation.HORIZONTAL);
        bottom.setDividerPositions(0.55);
        SplitPane center = new SplitPane(verdicts, findings, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.3, 0.55);
        setCenter(center);
    }

    /** An empty table says "run the audit" before one ran, and what an empty answer means after. */
    private Label placeholder(String beforeAnAudit, String afterAnAudit) {
        Label label = new Label();
        label.textProperty().bind(javafx.beans.binding.Bindings.when(model.summaryProperty().isEmpty())
                .then(beforeAnAudit).otherwise(afterAnAudit));
        return label;
    }

    private void setupBindings() {
        runAudit.disableProperty().bind(model.busyProperty());
        chooseScripts.disableProperty().bind(model.busyProperty());
        verdicts.setItems(model.verdicts());
        findings.setItems(model.findings());
        source.textProperty().bind(model.sourceProperty());
        summary.textProperty().bind(model.summaryProperty());
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        scriptsFolder.textProperty().bind(Bindings.createStringBinding(() -> model.scriptsFolderProperty().get() == null
                ? withoutFolder.get() : model.scriptsFolderProperty().get().toString(),
                model.scriptsFolderProperty(), withoutFolder));
    }

    private void setupEventHandlers() {
        runAudit.setOnAction(e -> model.runAudit());
        chooseScripts.setOnAction(e -> chooseScriptsFolder());
        findings.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            model.select(now);
            showVerdictOf(now);
        });
    }

    private void chooseScriptsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("RedFlag's migration files");
        if (model.scriptsFolderProperty().get() != null && model.scriptsFolderProperty().get().toFile().isDirectory()) {
            chooser.setInitialDirectory(model.scriptsFolderProperty().get().toFile());
        }
        File chosen = chooser.showDialog(getScene().getWindow());
        if (chosen != null) {
            model.scriptsFolderProperty().set(chosen.toPath());
        }
    }

    /** The selected finding's file, selected and scrolled to in the verdicts, so its verdict is in view. */
    private void showVerdictOf(AuditRows.Finding finding) {
        if (finding == null) {
            return;
        }
        for (int i = 0; i < verdicts.getItems().size(); i++) {
            if (verdicts.getItems().get(i).migration().equals(finding.migration())) {
                verdicts.getSelectionModel().clearAndSelect(i);
                verdicts.scrollTo(Math.max(0, i - 1));
                return;
            }
        }
    }

    /** A column whose text wraps: a Text node, since a table cell sizes its height from the graphic. */
    private static <T> TableColumn<T, String> wrapping(TableColumn<T, String> column) {
        column.setCellFactory(c -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(16));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(item);
                setGraphic(empty || item == null ? null : text);
            }
        });
        return column;
    }
}
