package org.redflag.console.ui;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.EarlyOpening;
import org.redflag.console.app.Version;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.DatabaseHealth;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.ui.agents.AgentsScreen;
import org.redflag.console.ui.history.HistoryView;
import org.redflag.console.ui.migrations.MigrationsScreen;

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
    private final VBox viewButtons = new VBox(4);
    private final ViewNavigation views = new ViewNavigation(viewButtons, content);
    private final ConsoleStatusBar statusBar = new ConsoleStatusBar();
    private final DatabaseBanner banner = new DatabaseBanner();
    /** What the status bar says while the database answers, to say it again when it is back. */
    private String connectedAs = "";
    private final ConnectionMessages connectionMessages;

    private final ErrorReporter errors;
    /** The window made its reporter (tests, tools) and so closes it; the launcher's reporter outlives it. */
    private final boolean ownsErrors;
    private Optional<char[]> password;
    private ConsoleContext context;
    private java.util.concurrent.CompletableFuture<ConsoleContext> opening;
    private HistoryView historyView;
    /** The connected database has the console's schema, so Agents and History can query it. */
    private boolean schemaReady;

    /** A window with its own error door, spooling under the settings' data folder. */
    public ConsoleWindow(Stage stage, ConsoleSettings settings, Optional<char[]> password, Clock clock,
            BackgroundExecutor executor) {
        this(stage, settings, password, clock, executor, null);
    }

    private ConsoleWindow(Stage stage, ConsoleSettings settings, Optional<char[]> password, Clock clock,
            BackgroundExecutor executor, ErrorReporter errors) {
        this.stage = stage;
        this.settings = settings;
        this.password = password;
        this.clock = clock;
        this.executor = executor;
        this.connectionMessages = new ConnectionMessages(stage, content);
        this.ownsErrors = errors == null;
        this.errors = errors != null ? errors : ErrorReporter.onOwnThread(ErrorSpool.in(settings.dataDirectory()),
                new FxNotifier(() -> stage, this::showHistoryEntry), clock, Version.current(), SPOOL_RETRY);
        layoutParts();
        this.errors.onSpoolChanged(waiting -> Platform.runLater(() -> statusBar.showSpool(waiting)));
    }

    /** The launcher's window: the error door exists (and catches start-up errors) before the window does. */
    static ConsoleWindow withErrors(Stage stage, ConsoleSettings settings, Optional<char[]> password, Clock clock,
            BackgroundExecutor executor, ErrorReporter errors) {
        return new ConsoleWindow(stage, settings, password, clock, executor, errors);
    }

    static final java.time.Duration SPOOL_RETRY = java.time.Duration.ofSeconds(10);

    private void layoutParts() {
        Label brand = new Label("RedFlag");
        brand.getStyleClass().add("brand");
        Label subtitle = new Label("fleet console");
        subtitle.getStyleClass().add("muted");
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        VBox.setVgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        navigation.getChildren().addAll(brand, subtitle, new Separator(), viewButtons, spacer,
                Themes.switchFor(new org.redflag.console.app.Preferences(settings.dataDirectory())));
        navigation.getStyleClass().add("navigation");
        navigation.setPadding(new Insets(16, 10, 16, 10));
        navigation.setPrefWidth(170);

        content.getStyleClass().add("content");
        root.setLeft(navigation);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(new VBox(banner, content));
        root.setBottom(statusBar);
        root.setTop(ProfileBar.of(settings.profile()));

        Scene scene = new Scene(root, 1280, 780);
        scene.getStylesheets().add(ConsoleWindow.class.getResource("console.css").toExternalForm());
        stage.setScene(scene);
        views.installShortcuts(scene);
        ViewKeys.install(scene, content);
        stage.setTitle("RedFlag Console");
        // The same picture as the installer's menu entry, so the task bar shows what the menu showed.
        stage.getIcons().add(new Image(
                ConsoleWindow.class.getResource("redflag-console.png").toExternalForm()));
        stage.setMinWidth(900);
        stage.setMinHeight(560);
    }

    /** Shows the window and starts opening the database. */
    public void show() {
        stage.show();
        org.redflag.console.app.StartupTimeline.mark("window shown");
        connect();
    }

    public Stage stage() {
        return stage;
    }

    /** Opens a view in the state a request asks for: what tiles and links in the views hold. */
    public Navigator navigator() {
        return views::open;
    }

    /** Null until the database is open. */
    public ConsoleContext context() {
        return context;
    }

    private void connect() {
        boolean embedded = settings.target() instanceof DatabaseTarget.Embedded;
        connectionMessages.showWaiting(embedded
                ? "Starting the embedded PostgreSQL… (the first start unpacks the server and takes a few seconds)"
                : "Connecting to " + settings.target().describe() + "…");
        statusBar.showConnecting(embedded ? "starting embedded database…" : "connecting to " + settings.target().describe());
        Optional<char[]> attempt = password;
        var early = opening;
        opening = null;
        // Long work: it may start the embedded server and migrate (the launcher may have begun it already).
        executor.submitLong(() -> early != null ? EarlyOpening.await(early) : ConsoleContext.open(settings, attempt, clock),
                this::connected, this::connectFailed);
    }

    /** The launcher began opening the database while JavaFX started: the first connect waits for that one. */
    void openingAlready(java.util.concurrent.CompletableFuture<ConsoleContext> started) {
        this.opening = started;
    }

    /** The one door for errors of this window: history row, then notification. */
    public ErrorReporter errors() {
        return errors;
    }

    private void connected(ConsoleContext opened) {
        this.context = opened;
        errors.attach(opened.history());
        boolean demo = settings.seedsDemoFleet() && opened.capabilities().isConsole();
        connectedAs = opened.database().describeConnection() + (demo ? " · demo fleet" : "");
        statusBar.showConnected(connectedAs, opened.capabilities().role());
        watchHealth(opened);

        // Support staff often open someone else's database with --no-migrate: find out first whether the
        // console's own views can work on it, instead of letting them fail query after query.
        executor.submit(() -> opened.migrations().overview(), overview -> openViews(opened, overview),
                failure -> {
                    errors.report(ConsoleArea.MIGRATIONS, failure);
                    openViews(opened, null);
                });
    }

    private void openViews(ConsoleContext opened, MigrationOverview overview) {
        org.redflag.console.app.StartupTimeline.mark("migrations read");
        schemaReady = readyForViews(opened, overview);
        AgentsScreen agentsScreen = new AgentsScreen(opened, executor, errors, clock, failure -> errors.report(ConsoleArea.AGENTS, failure));
        views.add("Agents", () -> schemaReady ? agentsScreen.view() : schemaNotReady("Agents"));
        views.add("Migrations", () -> MigrationsScreen.build(opened, executor, clock, errors, this::refreshStatus));
        views.add("History", () -> {
            if (!schemaReady) {
                return schemaNotReady("History");
            }
            historyView = HistoryView.following(opened.changes(), opened.history(), executor, clock, errors);
            return historyView;
        });
        views.add("Updates", () -> schemaReady ? org.redflag.console.ui.updates.UpdatesView.following(opened.changes(),
                new org.redflag.console.ui.updates.UpdatesViewModel(opened.updates(), executor, errors, clock, opened.health()::isUp)) : schemaNotReady("Updates"));
        opened.changes().onMode(javafx.application.Platform::runLater, statusBar::showLiveMode);
        if (schemaReady) {
            // Live from the start, so nothing that changes while the first page loads is missed.
            opened.startBackgroundWork();
        }
        // The status bar's counts (Flyway's record, the agents) wait for the first page instead of competing.
        agentsScreen.afterFirstPage(this::refreshStatus);
        views.show(schemaReady ? "Agents" : "Migrations");
        if (!schemaReady) {
            org.redflag.console.app.StartupTimeline.finish("migrations shown");
            refreshStatus();
        }
    }

    /**
     * Says within two seconds when the database stops answering, and again when it is back, instead of letting
     * the next click find out by waiting for the pool. Writes check the same health and are refused meanwhile.
     */
    private void watchHealth(ConsoleContext opened) {
        DatabaseHealth health = opened.health();
        errors.databaseUpWhen(health::isUp);
        health.onChange(state -> Platform.runLater(() -> showHealth(opened, state)));
        health.start();
    }

    private void showHealth(ConsoleContext opened, DatabaseHealth.State state) {
        if (context != opened) {
            return;
        }
        boolean up = state == DatabaseHealth.State.UP;
        banner.showAway(!up);
        if (!up) {
            statusBar.showDatabaseAway();
            return;
        }
        statusBar.showConnected(connectedAs);
        // The views reload from the context's poll; errors that waited in the spool are written now, on the
        // error door's own thread, which logs a failure (the replay here once dropped it without a word).
        errors.replaySoon();
        refreshStatus();
    }

    /** The views can read this database: RedFlag's as it is, the console's own once it is up to date. */
    private static boolean readyForViews(ConsoleContext opened, MigrationOverview overview) {
        return opened.capabilities().isRedFlag() || overview != null && overview.readyForConsole();
    }

    private Node schemaNotReady(String view) {
        return SchemaNotReadyPane.of(view, statusBar.schemaText(),
                () -> views.show("Migrations"));
    }

    /** Refreshes the status bar's schema version and agent count. */
    public void refreshStatus() {
        ConsoleContext opened = context;
        executor.submit(() -> {
                    MigrationOverview overview = opened.migrations().overview();
                    boolean ready = readyForViews(opened, overview);
                    String schema = overview.isConsoles() ? overview.summary() : opened.capabilities().describe();
                    return new StatusFacts(schema, ready, ready ? opened.agents().count() : -1);
                },
                facts -> {
                    statusBar.showSchema(facts.schema());
                    statusBar.showAgents(facts.agents());
                    if (facts.ready() && !schemaReady) {
                        schemaOpened(opened);
                    }
                },
                this::reportFrom);
    }

    private record StatusFacts(String schema, boolean ready, long agents) {
    }

    /** A migrate from the Migrations view brought the schema up to date: the other views can open now. */
    private void schemaOpened(ConsoleContext opened) {
        schemaReady = true;
        views.rebuild("Agents", "History", "Updates");
        opened.startBackgroundWork();
    }

    private void reportFrom(Throwable failure) {
        errors.report(ConsoleArea.CONSOLE, failure);
    }

    /** "Details" of an error notification: the History view, with that entry open in its detail pane. */
    public void showHistoryEntry(UUID entryId) {
        if (context == null || entryId == null) {
            return;
        }
        views.show("History");
        if (historyView != null) {
            historyView.model().reveal(entryId);
        }
    }

    private void connectFailed(Throwable failure) {
        ConnectionProblem problem = failure instanceof ConnectionProblem p
                ? p
                : new ConnectionProblem(ConnectionProblem.Kind.OTHER, "The console could not start: "
                        + failure.getMessage() + ". The log in the data folder has the details.", failure);
        statusBar.showNotConnected();
        if (!problem.passwordMightHelp()) {
            // The window and its dialog explain it; the history keeps it (from the spool, once a database is open).
            errors.recordOnly(ConsoleArea.STARTUP, problem.getMessage(), failure);
        }
        connectionMessages.showFailure(problem, this::connect, typed -> {
            password = Optional.of(typed);
            connect();
        });
    }

    /**
     * Closes the database (and stops the embedded server) on a thread of its own, then runs {@code then} there
     * too: nothing of the shutdown waits on the FX thread. A step that fails is logged; the next still runs.
     */
    public void close(Runnable then) {
        ConsoleContext opened = context;
        context = null;
        Shutdown.start(Shutdown.ofWindow(errors, ownsErrors, opened, then));
    }

    /** The launcher's close: the window goes at once, the shutdown goes on behind it and ends with {@code exit}. */
    public void exitOnClose(Runnable exit) {
        stage.setOnCloseRequest(e -> {
            e.consume();
            stage.hide();
            close(exit);
        });
    }
}
