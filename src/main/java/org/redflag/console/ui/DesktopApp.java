package org.redflag.console.ui;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import atlantafx.base.theme.PrimerLight;
import org.redflag.console.app.ConnectionChoices;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.Version;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.ConsoleArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts JavaFX and opens the main window; called by the launcher when no headless command is given. */
public final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private DesktopApp() {
    }

    /**
     * @param choices  the databases the window offers: at start when they say so (then nothing is opened before
     *                 the user picks), and in Connect to…
     * @param heapTour when given, the window browses itself and writes the heap it holds there (see {@link HeapTour})
     */
    public static void launch(ConsoleSettings settings, ConnectionChoices choices, Optional<char[]> password,
            Clock clock, Optional<java.nio.file.Path> heapTour) {
        // The error door and the global handler come first: whatever fails from here on is recorded, in the
        // spool until the database is open.
        AtomicReference<ConsoleWindow> window = new AtomicReference<>();
        ErrorReporter errors = ErrorReporter.onOwnThread(ErrorSpool.in(settings.dataDirectory()),
                new FxNotifier(() -> window.get() == null ? null : window.get().stage(),
                        id -> window.get().showHistoryEntry(id)),
                clock, Version.current(), ConsoleWindow.SPOOL_RETRY);
        installUncaughtHandler(errors);
        // With the picker there is nothing to open yet; without it, as fast as ever.
        var opening = choices.pickAtStart() ? null : org.redflag.console.app.EarlyOpening.start(settings, password, clock);
        try {
            Platform.startup(() -> {
                Themes.apply(new org.redflag.console.app.Preferences(settings.dataDirectory()).theme()
                        .orElse(org.redflag.console.app.Preferences.systemTheme(System.getenv())));
                FxBackgroundExecutor executor = new FxBackgroundExecutor();
                ConsoleWindow opened = ConsoleWindow.withErrors(new Stage(), settings, choices, password, clock, executor,
                        errors);
                window.set(opened);
                if (opening != null) {
                    opened.openingAlready(opening);
                }
                // Runs on the shutdown's own thread once the database is closed: the FX thread never waits for it.
                opened.exitOnClose(() -> {
                    executor.close();
                    errors.close();
                    Platform.exit();
                    // The database is closed and the embedded server stopped; leave no thread behind.
                    System.exit(0);
                });
                opened.show();
                heapTour.ifPresent(report -> HeapTour.start(opened.stage(), report));
            });
        } catch (RuntimeException | Error e) {
            errors.recordOnly(ConsoleArea.STARTUP, "The console window could not open: " + e.getMessage(), e);
            errors.close();
            throw e;
        }
    }

    /** The look every window of the console shares (tests apply it too, so they see what users see). */
    public static void applyTheme() {
        Themes.apply("light");
    }

    /**
     * Every exception nobody caught, on any thread (the FX thread included: its handler is the default one),
     * goes through the error door. The door never throws, and returns at once.
     */
    static void installUncaughtHandler(ErrorReporter errors) {
        Thread.setDefaultUncaughtExceptionHandler(uncaughtHandler(errors));
    }

    static Thread.UncaughtExceptionHandler uncaughtHandler(ErrorReporter errors) {
        return (thread, failure) -> {
            try {
                errors.report(ConsoleArea.CONSOLE, failure);
            } catch (Throwable doorFailed) {
                LOG.error("Uncaught exception on {} (the error door failed too: {})", thread.getName(), doorFailed,
                        failure);
            }
        };
    }
}
