package org.redflag.console.ui.migrations;

import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.redflag.console.migration.Finding;
import org.redflag.console.migration.LegacyVerdict;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.ui.Formats;

/**
 * Is this database's schema what it claims to be? Flyway's migrations with their states, Validate and
 * Migrate; and a second tab with the audit of claims against the catalog.
 */
public final class MigrationsView extends BorderPane {

    private final MigrationsViewModel model;

    private final Label summary = new Label();
    private final Button refresh = new Button("Refresh");
    private final Button validate = new Button("Validate");
    private final Button migrate = new Button("Migrate…");
    private final TableView<MigrationStatus> table = new TableView<>();
    private final Label validationSummary = new Label();
    private final ListView<String> validationList = new ListView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label elapsed = new Label();
    private final Label outcome = new Label();
    private final ListView<String> log = new ListView<>();

    private final Button runAudit = new Button("Run audit");
    private final Button chooseScripts = new Button("Scripts folder…");
    private final Label scriptsFolder = new Label("no scripts folder");
    private final Label auditScope = new Label();
    private final Label auditSummary = new Label();
    private final TableView<LegacyVerdict> verdicts = new TableView<>();
    private final TableView<Finding> findings = new TableView<>();
    private final TabPane tabs = new TabPane();
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.millis(200), e -> ticked()));

    /** Another tab beside the record and the audit (the companion, on a RedFlag database). */
    public void addTab(String title, String id, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tabs.getTabs().add(tab);
    }

    /** The first tab's title: "Flyway migrations" for the console's own schema, RedFlag's record otherwise. */
    public void recordTabTitle(String title) {
        tabs.getTabs().get(0).setText(title);
    }

    public MigrationsView(MigrationsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("migrations-view");
        summary.setId("migrations-summary");
        refresh.setId("migrations-refresh");
        validate.setId("migrations-validate");
        migrate.setId("migrations-migrate");
        table.setId("migrations-table");
        validationList.setId("migrations-validation");
        progress.setId("migrations-progress");
        elapsed.setId("migrations-elapsed");
        outcome.setId("migrations-outcome");
        log.setId("migrations-log");
        runAudit.setId("audit-run");
        findings.setId("audit-findings");
        verdicts.setId("audit-verdicts");
        auditSummary.setId("audit-summary");
        tabs.setId("migrations-tabs");
        summary.getStyleClass().add("summary");
        auditScope.getStyleClass().add("muted");
        scriptsFolder.getStyleClass().add("muted");
        validationSummary.getStyleClass().add("muted");
        outcome.setWrapText(true);
        outcome.setMinHeight(Region.USE_PREF_SIZE);
        ticker.setCycleCount(Timeline.INDEFINITE);

        table.setPlaceholder(new Label("Flyway knows no migrations for this database."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Version", 75, m -> m.version() == null ? "—" : m.version()),
                column("Description", 230, MigrationStatus::description),
                column("Type", 60, MigrationStatus::type),
                stateColumn(),
                column("Installed on", 150, m -> Formats.absolute(m.installedOn(), model.clock())),
                column("Installed by", 105, MigrationStatus::installedBy),
                column("Time", 70, m -> m.executionMillis() == null ? "" : m.executionMillis() + " ms"),
                checksumColumn(),
                column("Script", 220, MigrationStatus::script)));
        table.getColumns().forEach(c -> c.setMinWidth(Math.min(c.getPrefWidth(), 105)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MigrationStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-failed", "row-pending");
                String style = empty || item == null ? null : StateBadges.rowStyleClass(item);
                if (style != null) {
                    getStyleClass().add(style);
                }
            }
        });
        validationList.setPlaceholder(new Label("Not validated yet."));
        validationList.setCellFactory(list -> wrappingCell(list));
        log.setCellFactory(list -> wrappingCell(list));
        log.setPlaceholder(new Label("Migrate writes its progress here."));

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
        Label title = new Label("Migrations");
        title.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, title, refresh, validate, migrate, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        setTop(toolbar);

        VBox validationPane = new VBox(6, section("Validation"), validationSummary, validationList);
        VBox.setVgrow(validationList, Priority.ALWAYS);
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox progressRow = new HBox(8, progress, elapsed);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        VBox migratePane = new VBox(6, section("Migrate"), progressRow, outcome, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        // Without a zero minimum, long log lines widen the pane past the window and nothing wraps.
        validationPane.setMinWidth(0);
        migratePane.setMinWidth(0);
        progressRow.setMinWidth(0);
        SplitPane details = new SplitPane(validationPane, migratePane);
        details.setDividerPositions(0.45);
        details.setPadding(new Insets(8, 0, 0, 0));
        SplitPane flyway = new SplitPane(table, details);
        flyway.setOrientation(Orientation.VERTICAL);
        flyway.setDividerPositions(0.58);

        HBox auditToolbar = new HBox(10, runAudit, chooseScripts, scriptsFolder);
        auditToolbar.setAlignment(Pos.CENTER_LEFT);
        auditScope.setWrapText(true);
        VBox auditTop = new VBox(6, auditToolbar, auditScope, auditSummary);
        auditTop.setPadding(new Insets(10, 12, 10, 12));
        SplitPane auditTables = new SplitPane(verdicts, findings);
        auditTables.setOrientation(Orientation.VERTICAL);
        auditTables.setDividerPositions(0.35);
        BorderPane auditPane = new BorderPane(auditTables);
        auditPane.setTop(auditTop);

        Tab flywayTab = new Tab("Flyway migrations", flyway);
        flywayTab.setId("tab-flyway");
        Tab auditTab = new Tab("Legacy audit", auditPane);
        auditTab.setId("tab-audit");
        tabs.getTabs().addAll(flywayTab, auditTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    private void setupBindings() {
        table.setItems(model.rows());
        summary.textProperty().bind(model.summaryProperty());
        refresh.disableProperty().bind(model.busyProperty());
        validate.disableProperty().bind(model.busyProperty());
        migrate.disableProperty().bind(model.busyProperty().or(model.pendingCountProperty().isEqualTo(0)));
        runAudit.disableProperty().bind(model.busyProperty());
        validationList.setItems(model.validation());
        validationSummary.textProperty().bind(model.validationSummaryProperty());
        progress.progressProperty().bind(model.progressProperty());
        elapsed.textProperty().bind(model.elapsedProperty());
        outcome.textProperty().bind(model.outcomeProperty());
        log.setItems(model.log());
        verdicts.setItems(model.verdicts());
        findings.setItems(model.findings());
        auditScope.textProperty().bind(model.auditScopeProperty());
        auditSummary.textProperty().bind(model.auditSummaryProperty());
        scriptsFolder.textProperty().bind(Bindings.createStringBinding(() -> model.scriptsFolderProperty().get() == null
                ? "no scripts folder: files that insert into schema_migrations are not checked"
                : model.scriptsFolderProperty().get().toString(), model.scriptsFolderProperty()));
    }

    private void setupEventHandlers() {
        refresh.setOnAction(e -> model.refresh());
        validate.setOnAction(e -> model.validate());
        migrate.setOnAction(e -> confirmMigrate());
        runAudit.setOnAction(e -> model.runAudit());
        chooseScripts.setOnAction(e -> chooseScriptsFolder());
        model.migratingProperty().addListener((obs, was, running) -> {
            if (running) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
        model.outcomeFailedProperty().addListener((obs, was, failed) -> {
            outcome.getStyleClass().remove("outcome-failed");
            if (failed) {
                outcome.getStyleClass().add("outcome-failed");
            }
        });
        model.log().addListener((javafx.collections.ListChangeListener<String>) change -> {
            if (!log.getItems().isEmpty()) {
                log.scrollTo(log.getItems().size() - 1);
            }
        });
    }

    private void ticked() {
        model.tick();
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

    private void chooseScriptsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("RedFlag's migration files");
        File chosen = chooser.showDialog(getScene().getWindow());
        model.scriptsFolderProperty().set(chosen == null ? null : chosen.toPath());
    }

    private static ListCell<String> wrappingCell(ListView<String> list) {
        ListCell<String> cell = new ListCell<>() {
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(list.widthProperty().subtract(32));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(item);
                setGraphic(empty || item == null ? null : text);
            }
        };
        cell.setPrefWidth(0);
        return cell;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static TableColumn<MigrationStatus, MigrationStatus> stateColumn() {
        return badgeColumn("State", 110, m -> m.state(), StateBadges::styleClass);
    }

    /** "matches", "EDITED" (applied, then changed), or a dash when there is nothing to compare. */
    private static TableColumn<MigrationStatus, MigrationStatus> checksumColumn() {
        return badgeColumn("Checksum", 100,
                m -> m.checksumMatches() == null ? null : m.checksumMatches() ? "matches" : "EDITED",
                m -> Boolean.TRUE.equals(m.checksumMatches()) ? "badge-success" : "badge-danger");
    }

    private static TableColumn<Finding, Finding> severityColumn() {
        return badgeColumn("Severity", 90, f -> f.severity().label(), f -> StateBadges.styleClass(f.severity()));
    }

    /** A column whose cells show a coloured badge; a null text shows a dash instead. */
    private static <T> TableColumn<T, T> badgeColumn(String title, double width, Function<T, String> text,
            Function<T, String> styleClass) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                String label = empty || item == null ? null : text.apply(item);
                setText(!empty && item != null && label == null ? "—" : null);
                if (label == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(label);
                badge.getStyleClass().addAll("badge", styleClass.apply(item));
                setGraphic(badge);
            }
        });
        return column;
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

    private static <T> TableColumn<T, String> genericColumn(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<MigrationStatus, String> column(String title, double width, Function<MigrationStatus, String> value) {
        return genericColumn(title, width, value);
    }

    private static TableColumn<LegacyVerdict, String> verdictColumn(String title, double width, Function<LegacyVerdict, String> value) {
        return genericColumn(title, width, value);
    }

    private static TableColumn<Finding, String> findingColumn(String title, double width, Function<Finding, String> value) {
        return genericColumn(title, width, value);
    }
}
