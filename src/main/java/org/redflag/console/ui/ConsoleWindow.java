package org.redflag.console.ui;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.redflag.console.app.ConnectionChoices;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.Version;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;

/**
 * The main window: navigation on the left, the current view in the middle, a status bar at the bottom. Its
 * database comes and goes through {@link ConnectionFlow} (in the background, so the window is up at once and
 * says what it is waiting for), its views from {@link ConsoleViews}, its status bar's words from
 * {@link WindowStatus}.
 */
public final class ConsoleWindow {

    /** "Connect to…" from anywhere in the window. */
    static final KeyCombination CONNECT_TO = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final Stage stage;
    private final ConsoleSettings settings;

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final VBox navigation = new VBox(4);
    private final VBox viewButtons = new VBox(4);
    private final ViewNavigation views = new ViewNavigation(viewButtons, content);
    private final ConsoleStatusBar statusBar = new ConsoleStatusBar();
    private final DatabaseBanner banner = new DatabaseBanner();
    private final Button connectTo = new Button("Connect to…");

    private final ErrorReporter errors;
    /** The window made its reporter (tests, tools) and so closes it; the launcher's reporter outlives it. */
    private final boolean ownsErrors;
    private final WindowStatus status;
    private final ConnectionFlow connection;

    /** A window with its own error door, spooling under the settings' data folder; profiles from the same folder. */
    public ConsoleWindow(Stage stage, ConsoleSettings settings, Optional<char[]> password, Clock clock,
            BackgroundExecutor executor) {
        this(stage, settings, ConnectionChoices.around(settings, Map.copyOf(System.getenv())), password, clock,
                executor);
    }

    /** A window with its own error door that offers these choices (at start if they say so, and in Connect to…). */
    public ConsoleWindow(Stage stage, ConsoleSettings settings, ConnectionChoices choices, Optional<char[]> password,
            Clock clock, BackgroundExecutor executor) {
        this(stage, settings, choices, password, clock, executor, null);
    }

    private ConsoleWindow(Stage stage, ConsoleSettings settings, ConnectionChoices choices, Optional<char[]> password,
            Clock clock, BackgroundExecutor executor, ErrorReporter errors) {
        this.stage = stage;
        this.settings = settings;
        this.ownsErrors = errors == null;
        this.errors = errors != null ? errors : ErrorReporter.onOwnThread(ErrorSpool.in(settings.dataDirectory()),
                new FxNotifier(() -> stage, this::showHistoryEntry), clock, Version.current(), SPOOL_RETRY);
        this.status = new WindowStatus(statusBar, banner, executor, this.errors);
        this.connection = new ConnectionFlow(stage, root, new ConnectionMessages(stage, content), views, status,
                this.errors, executor, clock, choices, navigator(), settings, password);
        layoutParts();
        this.errors.onSpoolChanged(waiting -> Platform.runLater(() -> statusBar.showSpool(waiting)));
    }

    /** The launcher's window: the error door exists (and catches start-up errors) before the window does. */
    static ConsoleWindow withErrors(Stage stage, ConsoleSettings settings, ConnectionChoices choices,
            Optional<char[]> password, Clock clock, BackgroundExecutor executor, ErrorReporter errors) {
        return new ConsoleWindow(stage, settings, choices, password, clock, executor, errors);
    }

    static final java.time.Duration SPOOL_RETRY = java.time.Duration.ofSeconds(10);

    private void layoutParts() {
        Label brand = new Label("RedFlag");
        brand.getStyleClass().add("brand");
        Label subtitle = new Label("fleet console");
        subtitle.getStyleClass().add("muted");
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        VBox.setVgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        connectTo.setId("connect-to");
        Icons.on(connectTo, Icons.CONNECT);
        connectTo.setMaxWidth(Double.MAX_VALUE);
        connectTo.setTooltip(new Tooltip("Open another database: the embedded demo or a saved profile (Ctrl+Shift+O)"));
        connectTo.setOnAction(e -> connection.pick(false));
        connectTo.disableProperty().bind(connection.busy());
        navigation.getChildren().addAll(brand, subtitle, new Separator(), viewButtons, spacer, connectTo,
                Themes.switchFor(new org.redflag.console.app.Preferences(settings.dataDirectory())));
        navigation.getStyleClass().add("navigation");
        navigation.setPadding(new Insets(16, 10, 16, 10));
        navigation.setPrefWidth(170);

        content.getStyleClass().add("content");
        root.setLeft(navigation);
        VBox.setVgrow(content, javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(new VBox(banner, content));
        root.setBottom(statusBar);

        Scene scene = new Scene(root, 1280, 780);
        scene.getStylesheets().add(ConsoleWindow.class.getResource("console.css").toExternalForm());
        stage.setScene(scene);
        views.installShortcuts(scene);
        scene.getAccelerators().put(CONNECT_TO, () -> connection.pick(false));
        ViewKeys.install(scene, content);
        // The same picture as the installer's menu entry, so the task bar shows what the menu showed.
        stage.getIcons().add(new Image(
                ConsoleWindow.class.getResource("redflag-console.png").toExternalForm()));
        stage.setMinWidth(900);
        stage.setMinHeight(560);
    }

    /** Shows the window and starts opening the database (or asks which one first). */
    public void show() {
        stage.show();
        org.redflag.console.app.StartupTimeline.mark("window shown");
        connection.start();
    }

    public Stage stage() {
        return stage;
    }

    /** Opens a view in the state a request asks for: what tiles and links in the views hold. */
    public Navigator navigator() {
        return views::open;
    }

    /** Null until the database is open (and while the window changes databases). */
    public ConsoleContext context() {
        return connection.context();
    }

    /** The launcher began opening the database while JavaFX started: the first connect waits for that one. */
    void openingAlready(java.util.concurrent.CompletableFuture<ConsoleContext> started) {
        connection.openingAlready(started);
    }

    /** The one door for errors of this window: history row, then notification. */
    public ErrorReporter errors() {
        return errors;
    }

    /** Refreshes the status bar's schema version and agent count. */
    public void refreshStatus() {
        status.refresh();
    }

    /** "Details" of an error notification: the History view, with that entry open in its detail pane. */
    public void showHistoryEntry(UUID entryId) {
        ConsoleViews catalogue = connection.views();
        if (catalogue == null || entryId == null) {
            return;
        }
        catalogue.showHistoryEntry(entryId);
    }

    /**
     * Closes the database (and stops the embedded server) on a thread of its own, then runs {@code then} there
     * too: nothing of the shutdown waits on the FX thread. A step that fails is logged; the next still runs.
     */
    public void close(Runnable then) {
        ConsoleContext opened = connection.closeForGood();
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
