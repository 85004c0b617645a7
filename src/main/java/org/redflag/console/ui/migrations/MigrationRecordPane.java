package org.redflag.console.ui.migrations;

import java.util.List;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.ui.Formats;

/**
 * The Migrations view's first tab, the record: every migration with its state, and below it what Validate
 * found and how Migrate is going (progress, time, outcome and its log).
 */
final class MigrationRecordPane extends SplitPane {

    private final MigrationsViewModel model;

    private final TableView<MigrationStatus> table = new TableView<>();
    private final Label validationSummary = new Label();
    private final ListView<String> validationList = new ListView<>();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label elapsed = new Label();
    private final Label outcome = new Label();
    private final ListView<String> log = new ListView<>();
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.millis(200), e -> ticked()));

    MigrationRecordPane(MigrationsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        table.setId("migrations-table");
        validationList.setId("migrations-validation");
        progress.setId("migrations-progress");
        elapsed.setId("migrations-elapsed");
        outcome.setId("migrations-outcome");
        log.setId("migrations-log");
        validationSummary.getStyleClass().add("muted");
        validationSummary.setWrapText(true);
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
        Label noProblems = new Label();
        // What the empty list says follows the summary, so "Valid" above never sits over "Not validated yet".
        noProblems.textProperty().bind(javafx.beans.binding.Bindings.when(model.validatedProperty())
                .then("No problems found.").otherwise("Not validated yet."));
        validationList.setPlaceholder(noProblems);
        validationList.setCellFactory(list -> wrappingCell(list));
        log.setCellFactory(list -> wrappingCell(list));
        log.setPlaceholder(new Label("Migrate writes its progress here."));
    }

    private void layoutParts() {
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
        getItems().setAll(table, details);
        setOrientation(Orientation.VERTICAL);
        setDividerPositions(0.58);
    }

    private void setupBindings() {
        table.setItems(model.rows());
        validationList.setItems(model.validation());
        validationSummary.textProperty().bind(model.validationSummaryProperty());
        progress.progressProperty().bind(model.progressProperty());
        elapsed.textProperty().bind(model.elapsedProperty());
        outcome.textProperty().bind(model.outcomeProperty());
        log.setItems(model.log());
    }

    private void setupEventHandlers() {
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
        return MigrationColumns.badge("State", 110, m -> m.state(), StateBadges::styleClass);
    }

    /** "matches", "EDITED" (applied, then changed), or a dash when there is nothing to compare. */
    private static TableColumn<MigrationStatus, MigrationStatus> checksumColumn() {
        return MigrationColumns.badge("Checksum", 100,
                m -> m.checksumMatches() == null ? null : m.checksumMatches() ? "matches" : "EDITED",
                m -> Boolean.TRUE.equals(m.checksumMatches()) ? "badge-success" : "badge-danger");
    }

    private static TableColumn<MigrationStatus, String> column(String title, double width, Function<MigrationStatus, String> value) {
        return MigrationColumns.text(title, width, value);
    }
}
