package org.redflag.console.ui;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.redflag.console.app.ConnectionChoice;
import org.redflag.console.app.ConnectionChoices;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.EarlyOpening;
import org.redflag.console.app.StartupTimeline;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;

/**
 * How the window gets its database and changes it: the picker at start (when profiles are saved), opening in the
 * background, what it shows while it waits or when it failed, and "Connect to…": the old database closed on a
 * thread of its own (its views gone, its late errors only logged), then the new one opened as at start.
 */
final class ConnectionFlow {

    private final Stage stage;
    private final BorderPane root;
    private final ConnectionMessages messages;
    private final ViewNavigation views;
    private final WindowStatus status;
    /** The window's door; each database's work reports through a door of its own that hands errors on to it. */
    private final ErrorReporter errors;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final ConnectionChoices choices;
    private final Navigator navigator;

    private ConsoleSettings settings;
    private Optional<char[]> password;
    private CompletableFuture<ConsoleContext> opening;
    private ConsoleContext context;
    private ErrorReporter door;
    private ConsoleViews catalogue;
    /** Counts the openings begun: a database that opens after the window moved on (or closed) is closed unseen. */
    private int attempt;
    private boolean closed;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    ConnectionFlow(Stage stage, BorderPane root, ConnectionMessages messages, ViewNavigation views,
            WindowStatus status, ErrorReporter errors, BackgroundExecutor executor, Clock clock,
            ConnectionChoices choices, Navigator navigator, ConsoleSettings settings, Optional<char[]> password) {
        this.stage = stage;
        this.root = root;
        this.messages = messages;
        this.views = views;
        this.status = status;
        this.errors = errors;
        this.executor = executor;
        this.clock = clock;
        this.choices = choices;
        this.navigator = navigator;
        this.settings = settings;
        this.password = password;
        showWhere(settings);
    }

    /** The picker when the user has profiles and named no database; otherwise the database the options name. */
    void start() {
        if (choices.pickAtStart()) {
            messages.showChoosing(() -> pick(true));
            status.notConnected();
            pick(true);
        } else {
            connect();
        }
    }

    /** The launcher began opening the database while JavaFX started: the first connect waits for that one. */
    void openingAlready(CompletableFuture<ConsoleContext> started) {
        this.opening = started;
    }

    /** Opening or closing a database: no other choice until it is done. */
    ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    ConsoleContext context() {
        return context;
    }

    /** This database's views, or null while there are none. */
    ConsoleViews views() {
        return catalogue;
    }

    /** "Connect to…": the picker, starting on the window's database. */
    void pick(boolean atStart) {
        if (busy.get()) {
            return;
        }
        executor.submit(choices::list, list -> showPicker(list, atStart),
                failure -> errors.report(ConsoleArea.CONSOLE, failure.getMessage(), failure, null));
    }

    private void showPicker(List<ConnectionChoice> list, boolean atStart) {
        var dialog = ConnectionPicker.of(stage, list, ConnectionChoice.nameFor(settings), atStart ? "Quit" : "Cancel");
        dialog.setOnHidden(e -> {
            ConnectionChoice chosen = dialog.getResult();
            if (chosen != null) {
                switchTo(chosen);
            } else if (atStart) {
                // As the window's close button: the launcher's handler shuts down and exits.
                stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        dialog.show();
    }

    private void switchTo(ConnectionChoice choice) {
        ConsoleSettings next;
        try {
            next = choices.settingsFor(choice);
        } catch (IllegalArgumentException refused) {
            errors.report(ConsoleArea.CONSOLE, refused.getMessage(), refused, null);
            return;
        }
        settings = next;
        StartupTimeline.mark("database chosen");
        // A password typed for the old database is not one for the new: PGPASSWORD, ~/.pgpass or the prompt.
        password = choices.password();
        leaveThen(this::connect);
    }

    /** Closes the window's database off the FX thread (errors so far written to it first), then runs next. */
    private void leaveThen(Runnable next) {
        ConsoleContext old = context;
        ErrorReporter oldDoor = door;
        context = null;
        door = null;
        catalogue = null;
        views.clear();
        if (old == null) {
            next.run();
            return;
        }
        oldDoor.end();
        status.left();
        busy.set(true);
        messages.showWaiting("Closing " + old.database().describe() + "…");
        executor.submitLong(() -> {
            Shutdown.run(Shutdown.ofWindow(errors, false, old, () -> { }));
            return null;
        }, done -> next.run(), failure -> next.run());
    }

    private void connect() {
        if (closed) {
            return;
        }
        int mine = ++attempt;
        ConsoleSettings target = settings;
        showWhere(target);
        boolean embedded = target.target() instanceof DatabaseTarget.Embedded;
        messages.showWaiting(embedded
                ? "Starting the embedded PostgreSQL… (the first start unpacks the server and takes a few seconds)"
                : "Connecting to " + target.target().describe() + "…");
        status.connecting(embedded ? "starting embedded database…" : "connecting to " + target.target().describe());
        busy.set(true);
        Optional<char[]> attemptPassword = password;
        var early = opening;
        opening = null;
        // Long work: it may start the embedded server and migrate (the launcher may have begun it already).
        executor.submitLong(() -> early != null ? EarlyOpening.await(early)
                        : ConsoleContext.open(target, attemptPassword, clock),
                opened -> connected(mine, opened), failure -> {
                    if (mine == attempt && !closed) {
                        connectFailed(failure);
                    }
                });
    }

    private void connected(int mine, ConsoleContext opened) {
        if (mine != attempt || closed) {
            executor.submitLong(() -> {
                opened.close();
                return null;
            }, done -> { }, failure -> { });
            return;
        }
        busy.set(false);
        context = opened;
        door = errors.forConnection();
        errors.attach(opened.history());
        boolean demo = opened.settings().seedsDemoFleet() && opened.capabilities().isConsole();
        status.connected(opened, door, opened.database().describeConnection() + (demo ? " · demo fleet" : ""), () -> {
            if (context == opened && catalogue != null) {
                catalogue.schemaArrived();
            }
        });
        ErrorReporter openedDoor = door;
        if (opened.schemaCheckedWithoutFlyway()) {
            // The record matched this build's scripts: the views open now, Flyway validates once they show rows.
            openViews(opened, true);
            catalogue.afterFirstRows(() -> FlywayValidation.run(opened, executor, openedDoor, status::refresh));
            return;
        }
        // Support staff often open someone else's database with --no-migrate: find out first whether the
        // console's own views can work on it, instead of letting them fail query after query.
        executor.submit(() -> opened.migrations().overview(), overview -> {
                    StartupTimeline.mark("migrations read");
                    openViews(opened, WindowStatus.readyForViews(opened, overview));
                },
                failure -> {
                    openedDoor.report(ConsoleArea.MIGRATIONS, failure);
                    openViews(opened, WindowStatus.readyForViews(opened, null));
                });
    }

    private void openViews(ConsoleContext opened, boolean ready) {
        if (context != opened) {
            return;
        }
        catalogue = new ConsoleViews(opened, executor, door, clock, navigator, views, status);
        catalogue.register(ready);
        if (ready) {
            // Live from the start, so nothing that changes while the first page loads is missed.
            opened.startBackgroundWork();
        }
        catalogue.showFirst();
        if (!ready) {
            StartupTimeline.finish("migrations shown");
            status.refresh();
        }
    }

    private void connectFailed(Throwable failure) {
        busy.set(false);
        ConnectionProblem problem = failure instanceof ConnectionProblem p
                ? p
                : new ConnectionProblem(ConnectionProblem.Kind.OTHER, "The console could not start: "
                        + failure.getMessage() + ". The log in the data folder has the details.", failure);
        status.notConnected();
        if (!problem.passwordMightHelp()) {
            // The window and its dialog explain it; the history keeps it (from the spool, once a database is open).
            errors.recordOnly(ConsoleArea.STARTUP, problem.getMessage(), failure);
        }
        messages.showFailure(problem, this::connect, typed -> {
            password = Optional.of(typed);
            connect();
        }, () -> pick(false));
    }

    /** The window is closing: returns its database for the shutdown to close; one still opening is closed unseen. */
    ConsoleContext closeForGood() {
        closed = true;
        if (door != null) {
            door.end();
        }
        ConsoleContext opened = context;
        context = null;
        return opened;
    }

    /** The profile's coloured bar and name in the title, as soon as the window heads for it. */
    private void showWhere(ConsoleSettings target) {
        root.setTop(ProfileBar.of(target.profile()));
        stage.setTitle(target.profile().map(p -> "RedFlag Console — " + p.name()).orElse("RedFlag Console"));
    }
}
