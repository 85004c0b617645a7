package org.redflag.console.ui;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.Version;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.ui.agents.AgentsView;
import org.redflag.console.ui.agents.AgentsViewModel;
import org.redflag.console.ui.history.HistoryView;
import org.redflag.console.ui.migrations.MigrationsView;
import org.redflag.console.ui.migrations.MigrationsViewModel;

/**
 * The main window: navigation on the left, the current view in the middle, a status bar at the bottom.
 * It opens the database in the background, so the window is up at once and says what it is waiting for.
 */
public final class ConsoleWindow {

    private final Stage stage;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final BackgroundExecutor executor;

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final VBox navigation = new VBox(4);
    private final ToggleGroup navigationGroup = new ToggleGroup();
    private final Label connectionLabel = new Label("not connected");
    private final Label schemaLabel = new Label();
    private final Label agentCountLabel = new Label();

    private Optional<char[]> password;
    private ConsoleContext context;
    private ErrorReporter errors;

    public ConsoleWindow(Stage stage, ConsoleSettings settings, Optional<char[]> password, Clock clock,
            BackgroundExecutor executor) {
        this.stage = stage;
        this.settings = settings;
        this.password = password;
        this.clock = clock;
        this.executor = executor;
        layoutParts();
    }

    private void layoutParts() {
        Label brand = new Label("RedFlag");
        brand.getStyleClass().add("brand");
        Label subtitle = new Label("fleet console");
        subtitle.getStyleClass().add("muted");
        navigation.getChildren().addAll(brand, subtitle, new Separator());
        navigation.getStyleClass().add("navigation");
        navigation.setPadding(new Insets(16, 10, 16, 10));
        navigation.setPrefWidth(170);

        connectionLabel.setId("status-connection");
        schemaLabel.setId("status-schema");
        agentCountLabel.setId("status-agents");
        StatusBar statusBar = new StatusBar();
        statusBar.setId("status-bar");
        statusBar.setText("");
        statusBar.getLeftItems().add(connectionLabel);
        statusBar.getRightItems().addAll(schemaLabel, new Separator(javafx.geometry.Orientation.VERTICAL),
                agentCountLabel);

        content.getStyleClass().add("content");
        root.setLeft(navigation);
        root.setCenter(content);
        root.setBottom(statusBar);

        Scene scene = new Scene(root, 1280, 780);
        scene.getStylesheets().add(ConsoleWindow.class.getResource("console.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("RedFlag Console");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
    }

    /** Shows the window and starts opening the database. */
    public void show() {
        stage.show();
        connect();
    }

    public Stage stage() {
        return stage;
    }

    /** Null until the database is open. */
    public ConsoleContext context() {
        return context;
    }

    private void connect() {
        boolean embedded = settings.target() instanceof DatabaseTarget.Embedded;
        showMessage(new ProgressIndicator(), embedded
                ? "Starting the embedded PostgreSQL… (the first start unpacks the server and takes a few seconds)"
                : "Connecting to " + settings.target().describe() + "…");
        connectionLabel.setText(embedded ? "starting embedded database…" : "connecting to " + settings.target().describe());
        Optional<char[]> attempt = password;
        executor.submit(() -> ConsoleContext.open(settings, attempt, clock), this::connected, this::connectFailed);
    }

    private void connected(ConsoleContext opened) {
        this.context = opened;
        this.errors = new ErrorReporter(opened.history(), new FxNotifier(stage), clock, Version.current());
        boolean demo = settings.seedsDemoFleet();
        connectionLabel.setText("● " + opened.database().describe() + (demo ? " · demo fleet" : ""));
        connectionLabel.getStyleClass().setAll("label", "status-connected");

        AgentsViewModel agentsModel = new AgentsViewModel(opened.agents(), executor, clock, this::reportFrom);
        addView("Agents", () -> {
            AgentsView view = new AgentsView(agentsModel);
            agentsModel.reload();
            return view;
        });
        addView("Migrations", () -> {
            MigrationsViewModel model = new MigrationsViewModel(opened.migrations(), opened.legacyAudit(),
                    opened.database().describe(), executor, Platform::runLater, clock, errors, this::refreshStatus);
            model.refresh();
            return new MigrationsView(model);
        });
        addView("History", () -> {
            HistoryView view = new HistoryView(opened.history(), executor, clock, this::reportFrom);
            view.reload();
            return view;
        });
        navigationGroup.getToggles().get(0).setSelected(true);
        refreshStatus();
    }

    private final Map<String, Node> views = new LinkedHashMap<>();

    private void addView(String name, Supplier<Node> factory) {
        ToggleButton button = new ToggleButton(name);
        button.setId("nav-" + name.toLowerCase());
        button.setToggleGroup(navigationGroup);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add("nav-button");
        button.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                content.getChildren().setAll(views.computeIfAbsent(name, n -> factory.get()));
            }
        });
        // Keep one view selected: clicking the current one again must not leave the window empty.
        button.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (button.isSelected()) {
                e.consume();
            }
        });
        navigation.getChildren().add(button);
    }

    /** Refreshes the status bar's schema version and agent count. */
    public void refreshStatus() {
        ConsoleContext opened = context;
        executor.submit(() -> new StatusFacts(MigrationOverview.read(opened.migrator()).summary(),
                        opened.agents().count()),
                facts -> {
                    schemaLabel.setText(facts.schema());
                    agentCountLabel.setText(facts.agents() + (facts.agents() == 1 ? " agent" : " agents"));
                },
                this::reportFrom);
    }

    private record StatusFacts(String schema, long agents) {
    }

    private void reportFrom(Throwable failure) {
        errors.report("console", failure);
    }

    private void connectFailed(Throwable failure) {
        ConnectionProblem problem = failure instanceof ConnectionProblem p
                ? p
                : new ConnectionProblem(ConnectionProblem.Kind.OTHER, "The console could not start: "
                        + failure.getMessage() + ". The log in the data folder has the details.", failure);
        connectionLabel.setText("not connected");
        Button retry = new Button("Retry");
        retry.setOnAction(e -> connect());
        Label message = new Label(problem.getMessage());
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setId("connection-problem-message");
        showMessage(retry, ConnectionDialogs.headline(problem.kind()));
        ((VBox) content.getChildren().get(0)).getChildren().add(1, message);

        if (problem.passwordMightHelp()) {
            var dialog = ConnectionDialogs.password(stage, problem);
            dialog.setOnHidden(e -> {
                char[] typed = dialog.getResult();
                if (typed != null) {
                    password = Optional.of(typed);
                    connect();
                }
            });
            dialog.show();
            return;
        }
        var alert = ConnectionDialogs.problem(stage, problem);
        alert.setOnHidden(e -> {
            if (alert.getResult() == ConnectionDialogs.RETRY) {
                connect();
            } else if (alert.getResult() == ConnectionDialogs.QUIT) {
                stage.close();
            }
        });
        alert.show();
    }

    private void showMessage(Node graphic, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder-title");
        label.setWrapText(true);
        label.setMaxWidth(560);
        VBox box = new VBox(16, label, graphic);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        content.getChildren().setAll(box);
    }

    /** Closes the database (and stops the embedded server) off the FX thread. */
    public void close(Runnable then) {
        ConsoleContext opened = context;
        context = null;
        if (opened == null) {
            then.run();
            return;
        }
        executor.submit(() -> {
            opened.close();
            return true;
        }, done -> then.run(), failure -> then.run());
    }

    /** For the global uncaught-exception handler: goes through the same door as every other error. */
    public void reportUncaught(Throwable failure) {
        if (errors != null) {
            errors.report("console", failure);
        }
    }
}
