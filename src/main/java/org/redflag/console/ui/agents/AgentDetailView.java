package org.redflag.console.ui.agents;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.AgentSubsystem;
import org.redflag.console.scan.DockerImage;
import org.redflag.console.scan.PendingPackage;
import org.redflag.console.scan.StorageMetric;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.Reasons;
import org.redflag.console.ui.history.HistoryView;

/** An agent's details in a window of their own, so several agents can be watched side by side. */
public final class AgentDetailView extends BorderPane {

    private final AgentDetailViewModel model;

    private Label title;
    private Button refresh;
    private final Button close = new Button("Close");
    private TableView<AgentSubsystem> subsystems;
    private TableView<AgentCommand> commands;
    private TableView<StorageMetric> storage;
    private TableView<PendingPackage> packages;
    private TableView<DockerImage> images;

    /** The agent's own slice of the history table, shown in a tab of its own. */
    private final HistoryView history;
    private Tab historyTab;

    public AgentDetailView(AgentDetailViewModel model, HistoryView history) {
        this.model = model;
        this.history = history;
        initializeParts();
        layoutParts();
        setupEventHandlers();
    }

    /** Opens the details next to the main window and keeps them current until closed. */
    public static Stage show(Window owner, AgentDetailViewModel model, HistoryView history) {
        AgentDetailView view = new AgentDetailView(model, history);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(model.hostname() + " — agent details");
        // Tall enough for the history tab to show a page of rows and an output under it, on any screen.
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1240, screen.getWidth() * 0.94),
                Math.min(960, screen.getHeight() * 0.94));
        scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        stage.setScene(scene);
        // A details window is read and put away: Escape closes it, as the Close button does.
        scene.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                stage.close();
            }
        });
        view.close.setOnAction(e -> stage.close());
        stage.setOnHidden(e -> model.close());
        stage.show();
        model.reload();
        return stage;
    }

    private void initializeParts() {
        setId("agent-detail");
        title = new Label(model.hostname());
        title.getStyleClass().add("view-title");
        refresh = new Button("Refresh");
        refresh.setId("detail-refresh");
        close.setId("detail-close");
        close.setCancelButton(true);

        subsystems = table("detail-subsystems", model.subsystems(), "This agent reports no subsystems.");
        subsystems.getColumns().addAll(
                column("Subsystem", 100, s -> s.subsystem().id()),
                column("Enabled", 70, s -> s.enabled() ? "yes" : "no"),
                column("Auto-run", 70, s -> s.autoRun() ? "yes" : "no"),
                column("Interval", 80, s -> s.intervalMinutes() > 0 ? s.intervalMinutes() + " min" : "—"),
                column("Last run", 150, s -> Formats.absolute(s.lastRunAt(), model.clock())),
                // RedFlag keeps a next run even for subsystems that do not run by themselves: not worth showing.
                column("Next run", 150, s -> s.autoRun() ? Formats.absolute(s.nextRunAt(), model.clock()) : "—"),
                subsystemScanColumn());
        subsystems.setFixedCellSize(34);
        subsystems.setPrefHeight(34 * 4 + 42);
        subsystems.setMinHeight(34 * 4 + 42);
        // The keyboard's way to a subsystem's scan: select its row, press Enter.
        subsystems.setOnKeyPressed(e -> {
            AgentSubsystem chosen = subsystems.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && chosen != null && chosen.enabled()
                    && model.refusal(DatabaseRole.Action.QUEUE).isEmpty()) {
                model.scan(chosen.subsystem());
                e.consume();
            }
        });

        commands = table("detail-commands", model.commands(), "No commands yet: scan a subsystem above.");
        CommandsTable.equip(model, commands);

        storage = table("detail-storage", model.storage(), "No storage measured yet: scan storage.");
        storage.getColumns().addAll(
                column("Mountpoint", 120, StorageMetric::mountpoint),
                column("Size", 75, m -> Formats.bytes(m.totalBytes())),
                column("Free", 75, m -> Formats.bytes(m.availableBytes())),
                column("Used", 65, m -> m.usedPercent().stripTrailingZeros().toPlainString() + " %"),
                column("Severity", 75, StorageMetric::severity),
                column("Measured", 75, m -> Formats.clockTime(m.collectedAt(), model.clock())));

        packages = table("detail-packages", model.packages(), "No pending updates known: scan updates.");
        packages.getColumns().addAll(
                column("Type", 70, PendingPackage::packageType),
                column("Package", 150, PendingPackage::name),
                column("Installed", 110, p -> p.currentVersion() == null ? "" : p.currentVersion()),
                column("Available", 110, PendingPackage::availableVersion),
                column("Severity", 80, PendingPackage::severity));

        images = table("detail-docker", model.images(), "No container images reported: scan docker.");
        images.getColumns().addAll(
                column("Image", 260, DockerImage::image),
                column("Running", 160, i -> i.currentVersion() == null ? "" : i.currentVersion()),
                column("Update", 160, i -> i.updateAvailable() ? i.availableVersion() : "up to date"),
                column("Severity", 80, i -> i.severity() == null ? "" : i.severity()),
                column("Reported", 90, i -> Formats.clockTime(i.seenAt(), model.clock())));
    }

    private void layoutParts() {
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        HBox header = new HBox(10, title, refresh, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(12, 16, 8, 16));
        VBox right = new VBox(6, section("Latest storage"), storage, section("Pending packages"), packages);
        VBox left = new VBox(6, section("Commands"), commands);
        VBox.setVgrow(storage, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(packages, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(commands, javafx.scene.layout.Priority.ALWAYS);
        SplitPane lower = new SplitPane(left, right);
        lower.setOrientation(Orientation.HORIZONTAL);
        lower.setDividerPositions(0.52);
        Tab results = new Tab("Commands and results", lower);
        historyTab = new Tab("History", history);
        historyTab.setId("detail-history-tab");
        Tab docker = new Tab("Docker images", images);
        docker.setId("detail-docker-tab");
        Tab system = new Tab("System", new SystemPane(model));
        system.setId("detail-system-tab");
        TabPane tabs = new TabPane(results, docker, system, historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox body = new VBox(6, section("Subsystems"), subsystems, tabs);
        VBox.setVgrow(tabs, javafx.scene.layout.Priority.ALWAYS);
        body.setPadding(new Insets(0, 16, 16, 16));
        setTop(header);
        setCenter(body);
    }

    private void setupEventHandlers() {
        refresh.setOnAction(e -> model.reload());
        refresh.disableProperty().bind(model.loadingProperty());
        // The history tab follows the details: fresh when opened, and again after each reload while it shows.
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected()) {
                history.reload();
            }
        });
        model.loadingProperty().addListener((obs, was, loading) -> {
            if (!loading && historyTab.isSelected()) {
                history.reload();
            }
        });
    }

    private TableColumn<AgentSubsystem, AgentSubsystem> subsystemScanColumn() {
        TableColumn<AgentSubsystem, AgentSubsystem> column = Columns.row("Scan", 260);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button scan = new Button();

            {
                // A row's button stays out of the tab order: after a reload the same cell may show another
                // subsystem, and Space must never act on a row nobody chose.
                scan.setFocusTraversable(false);
            }
            private final Label state = new Label();
            private final javafx.scene.layout.StackPane holder = Reasons.holder(scan);
            private final HBox box = new HBox(8, holder, state);
            private final String refused = model.refusal(DatabaseRole.Action.QUEUE).orElse(null);

            {
                scan.getStyleClass().addAll("detail-scan-button", "small");
                state.getStyleClass().add("scan-state");
                box.setAlignment(Pos.CENTER_LEFT);
                scan.setOnAction(e -> model.scan(getItem().subsystem()));
            }

            @Override
            protected void updateItem(AgentSubsystem subsystem, boolean empty) {
                super.updateItem(subsystem, empty);
                state.textProperty().unbind();
                if (empty || subsystem == null) {
                    setGraphic(null);
                    return;
                }
                scan.setText("Scan " + subsystem.subsystem());
                scan.setId("detail-scan-" + subsystem.subsystem().id());
                scan.setDisable(!subsystem.enabled() || refused != null);
                scan.setTooltip(new javafx.scene.control.Tooltip("Scan " + subsystem.subsystem()
                        + " now (or select the row and press Enter)"));
                Reasons.show(holder, scan, refused);
                var asked = Bindings.valueAt(model.scanStates(), subsystem.subsystem());
                String idle = subsystem.enabled() ? "" : "disabled";
                state.textProperty().bind(Bindings.createStringBinding(
                        () -> asked.get() == null ? idle : asked.get(), asked));
                setGraphic(box);
            }
        });
        return column;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    private static <T> TableView<T> table(String id, javafx.collections.ObservableList<T> items, String placeholder) {
        TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.setPlaceholder(new Label(placeholder));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return Columns.text(title, width, value);
    }
}
