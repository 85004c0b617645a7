package org.redflag.console.ui.migrations;

import java.io.File;
import java.util.List;
import java.util.function.Function;
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
import org.redflag.console.migration.Finding;
import org.redflag.console.migration.LegacyVerdict;

/**
 * The Migrations view's audit tab: RedFlag's claims (schema_migrations, optionally its scripts folder)
 * against the catalog of expected effects, as one verdict per migration and the findings in words.
 */
final class LegacyAuditPane extends BorderPane {

    private final MigrationsViewModel model;

    private final Button runAudit = new Button("Run audit");
    private final Button chooseScripts = new Button("Scripts folder…");
    private final Label scriptsFolder = new Label("no scripts folder");
    private final Label auditScope = new Label();
    private final Label auditSummary = new Label();
    private final TableView<LegacyVerdict> verdicts = new TableView<>();
    private final TableView<Finding> findings = new TableView<>();

    LegacyAuditPane(MigrationsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        runAudit.setId("audit-run");
        findings.setId("audit-findings");
        verdicts.setId("audit-verdicts");
        auditSummary.setId("audit-summary");
        auditScope.getStyleClass().add("muted");
        scriptsFolder.getStyleClass().add("muted");

        verdicts.setPlaceholder(new Label("Run the audit to see each RedFlag migration that is recorded or left something behind."));
        verdicts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        verdicts.getColumns().addAll(List.of(
                verdictColumn("Version", 70, LegacyVerdict::version),
                verdictColumn("Recorded as", 320, v -> v.files().isEmpty() ? "(not recorded)" : String.join(", ", v.files())),
                verdictColumn("Verdict", 200, LegacyVerdict::verdict)));
        findings.setPlaceholder(new Label("Run the audit to compare the claims with the schema."));
        findings.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        findings.getColumns().addAll(List.of(severityColumn(),
                findingColumn("Migration", 80, Finding::migration),
                findingColumn("Kind", 130, f -> f.kind().label()),
                sentenceColumn()));
    }

    private void layoutParts() {
        HBox auditToolbar = new HBox(10, runAudit, chooseScripts, scriptsFolder);
        auditToolbar.setAlignment(Pos.CENTER_LEFT);
        auditScope.setWrapText(true);
        VBox auditTop = new VBox(6, auditToolbar, auditScope, auditSummary);
        auditTop.setPadding(new Insets(10, 12, 10, 12));
        SplitPane auditTables = new SplitPane(verdicts, findings);
        auditTables.setOrientation(Orientation.VERTICAL);
        auditTables.setDividerPositions(0.35);
        setCenter(auditTables);
        setTop(auditTop);
    }

    private void setupBindings() {
        runAudit.disableProperty().bind(model.busyProperty());
        verdicts.setItems(model.verdicts());
        findings.setItems(model.findings());
        auditScope.textProperty().bind(model.auditScopeProperty());
        auditSummary.textProperty().bind(model.auditSummaryProperty());
        scriptsFolder.textProperty().bind(Bindings.createStringBinding(() -> model.scriptsFolderProperty().get() == null
                ? "no scripts folder: files that insert into schema_migrations are not checked"
                : model.scriptsFolderProperty().get().toString(), model.scriptsFolderProperty()));
    }

    private void setupEventHandlers() {
        runAudit.setOnAction(e -> model.runAudit());
        chooseScripts.setOnAction(e -> chooseScriptsFolder());
    }

    private void chooseScriptsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("RedFlag's migration files");
        File chosen = chooser.showDialog(getScene().getWindow());
        model.scriptsFolderProperty().set(chosen == null ? null : chosen.toPath());
    }

    private static TableColumn<Finding, Finding> severityColumn() {
        return MigrationColumns.badge("Severity", 90, f -> f.severity().label(), f -> StateBadges.styleClass(f.severity()));
    }

    private static TableColumn<Finding, String> sentenceColumn() {
        TableColumn<Finding, String> column = findingColumn("Finding", 600, Finding::sentence);
        column.setCellFactory(c -> new TableCell<>() {
            // A Text node, not a wrapping Label: a table cell sizes its height from the graphic's wrapped height.
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

    private static TableColumn<LegacyVerdict, String> verdictColumn(String title, double width, Function<LegacyVerdict, String> value) {
        return MigrationColumns.text(title, width, value);
    }

    private static TableColumn<Finding, String> findingColumn(String title, double width, Function<Finding, String> value) {
        return MigrationColumns.text(title, width, value);
    }
}
