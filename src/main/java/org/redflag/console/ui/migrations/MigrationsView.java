package org.redflag.console.ui.migrations;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Region;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.ui.Reasons;

/**
 * Is this database's schema what it claims to be? Flyway's migrations with their states, Validate and
 * Migrate; and a second tab with the audit: the record against what its own scripts make, and its repair.
 */
public final class MigrationsView extends BorderPane {

    private final MigrationsViewModel model;
    private final AuditViewModel auditModel;

    private final Label summary = new Label();
    private final Label invalidIndexes = new Label();
    private final Button refresh = new Button("Refresh");
    private final Button validate = new Button("Validate");
    private final Button migrate = new Button("Migrate…");
    private final javafx.scene.layout.StackPane migrateHolder = Reasons.holder(migrate);
    private final javafx.beans.property.BooleanProperty migrateRefused = new javafx.beans.property.SimpleBooleanProperty();
    private final TabPane tabs = new TabPane();
    private MigrationRecordPane record;
    private AuditPane audit;

    /** What the audit replays when no scripts folder is chosen. */
    public void auditWithoutFolderReplays(String text) {
        audit.withoutFolderReplays(text);
    }

    /** A standing hint above the audit. */
    public void auditHint(String text) {
        audit.showHint(text);
    }

    /** Another tab beside the record and the audit (the companion, on a RedFlag database). */
    public void addTab(String title, String id, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tabs.getTabs().add(tab);
    }

    /** The connected role may not migrate: Migrate stays disabled, and says why. */
    public void migrateRefused(String reason) {
        migrateRefused.set(true);
        Reasons.show(migrateHolder, migrate, reason);
    }

    /** The first tab's title: "Flyway migrations" for the console's own schema, RedFlag's record otherwise. */
    public void recordTabTitle(String title) {
        tabs.getTabs().get(0).setText(title);
    }

    public MigrationsView(MigrationsViewModel model, AuditViewModel auditModel) {
        this.model = model;
        this.auditModel = auditModel;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("migrations-view");
        summary.setId("migrations-summary");
        refresh.setId("migrations-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        validate.setId("migrations-validate");
        migrate.setId("migrations-migrate");
        tabs.setId("migrations-tabs");
        summary.getStyleClass().add("summary");
        record = new MigrationRecordPane(model);
        audit = new AuditPane(auditModel);
    }

    private void layoutParts() {
        Label title = new Label("Migrations");
        title.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, title, refresh, validate, migrateHolder, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        setTop(toolbar);

        Tab flywayTab = new Tab("Flyway migrations", record);
        flywayTab.setId("tab-flyway");
        Tab auditTab = new Tab("Audit", audit);
        auditTab.setId("tab-audit");
        tabs.getTabs().addAll(flywayTab, auditTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // An interrupted CREATE INDEX CONCURRENTLY is a problem of the schema, not of a tab: said above both.
        invalidIndexes.setId("migrations-invalid-indexes");
        invalidIndexes.getStyleClass().add("problem-banner");
        invalidIndexes.setWrapText(true);
        invalidIndexes.setMaxWidth(Double.MAX_VALUE);
        invalidIndexes.visibleProperty().bind(Bindings.isNotEmpty(model.invalidIndexes()));
        invalidIndexes.managedProperty().bind(invalidIndexes.visibleProperty());
        invalidIndexes.textProperty().bind(Bindings.createStringBinding(
                () -> String.join("\n", model.invalidIndexes()), model.invalidIndexes()));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        setCenter(new VBox(invalidIndexes, tabs));
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        refresh.disableProperty().bind(model.busyProperty());
        validate.disableProperty().bind(model.busyProperty());
        migrate.disableProperty().bind(model.busyProperty().or(model.pendingCountProperty().isEqualTo(0))
                .or(migrateRefused));
    }

    private void setupEventHandlers() {
        refresh.setOnAction(e -> model.refresh());
        validate.setOnAction(e -> model.validate());
        migrate.setOnAction(e -> confirmMigrate());
    }

    private void confirmMigrate() {
        long pending = model.pendingCountProperty().get();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(getScene().getWindow());
        confirm.setTitle("Migrate");
        confirm.setHeaderText("Apply " + pending + (pending == 1 ? " pending migration" : " pending migrations") + " to "
                + model.database() + "?");
        confirm.setContentText(String.join("\n", model.rows().stream().filter(MigrationStatus::pending)
                .map(MigrationStatus::label).toList())
                + "\n\nEach script runs in its own transaction unless its configuration says otherwise; a script "
                + "that fails is rolled back and stops the run.");
        confirm.getDialogPane().setId("migrate-confirmation");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.migrate());
    }
}
