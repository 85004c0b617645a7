package org.redflag.console.ui.migrations;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.Formats;

/** Every migration Flyway knows for this database, with its state. */
public final class MigrationsView extends BorderPane {

    private final SchemaMigrator migrator;
    private final BackgroundExecutor executor;
    private final java.time.Clock clock;
    private final Consumer<Throwable> onError;

    private final TableView<MigrationStatus> table = new TableView<>();
    private final Label summary = new Label();
    private final Button refresh = new Button("Refresh");

    public MigrationsView(SchemaMigrator migrator, BackgroundExecutor executor, java.time.Clock clock,
            Consumer<Throwable> onError) {
        this.migrator = migrator;
        this.executor = executor;
        this.clock = clock;
        this.onError = onError;
        initializeParts();
        layoutParts();
        refresh.setOnAction(e -> reload());
    }

    private void initializeParts() {
        table.setId("migrations-table");
        summary.setId("migrations-summary");
        summary.getStyleClass().add("muted");
        table.setPlaceholder(new Label("Flyway knows no migrations for this database."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(
                column("Version", 80, MigrationStatus::version),
                column("Description", 280, MigrationStatus::description),
                column("State", 110, MigrationStatus::state),
                column("Installed on", 160, m -> Formats.absolute(m.installedOn(), clock)),
                column("Installed by", 110, MigrationStatus::installedBy),
                column("Script", 280, MigrationStatus::script));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(MigrationStatus item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("row-failed", "row-pending");
                if (!empty && item != null) {
                    if (item.failed()) {
                        getStyleClass().add("row-failed");
                    } else if (!item.applied()) {
                        getStyleClass().add("row-pending");
                    }
                }
            }
        });
    }

    private void layoutParts() {
        Label title = new Label("Migrations");
        title.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, title, refresh, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        setTop(toolbar);
        setCenter(table);
    }

    public void reload() {
        refresh.setDisable(true);
        executor.submit(() -> MigrationOverview.read(migrator), overview -> {
            table.getItems().setAll(overview.migrations());
            summary.setText(overview.summary());
            refresh.setDisable(false);
        }, failure -> {
            refresh.setDisable(false);
            onError.accept(failure);
        });
    }

    private static TableColumn<MigrationStatus, String> column(String title, double width,
            Function<MigrationStatus, String> value) {
        TableColumn<MigrationStatus, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
