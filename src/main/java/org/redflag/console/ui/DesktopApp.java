package org.redflag.console.ui;

import java.time.Clock;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import atlantafx.base.theme.PrimerLight;
import org.redflag.console.app.ConsoleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts JavaFX and opens the main window; called by the launcher when no headless command is given. */
public final class DesktopApp {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private DesktopApp() {
    }

    public static void launch(ConsoleSettings settings, Optional<char[]> password, Clock clock) {
        Platform.startup(() -> {
            applyTheme();
            FxBackgroundExecutor executor = new FxBackgroundExecutor();
            ConsoleWindow window = new ConsoleWindow(new Stage(), settings, password, clock, executor);
            installUncaughtHandler(window);
            window.stage().setOnCloseRequest(e -> {
                e.consume();
                window.stage().hide();
                window.close(() -> {
                    executor.close();
                    Platform.exit();
                    // The database is closed and the embedded server stopped; leave no thread behind.
                    System.exit(0);
                });
            });
            window.show();
        });
    }

    /** The look every window of the console shares (tests apply it too, so they see what users see). */
    public static void applyTheme() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    /** Every exception nobody caught, on any thread, goes through the window's error door. */
    static void installUncaughtHandler(ConsoleWindow window) {
        Thread.UncaughtExceptionHandler handler = (thread, failure) -> {
            LOG.error("Uncaught exception on {}", thread.getName(), failure);
            if (Platform.isFxApplicationThread()) {
                window.reportUncaught(failure);
            } else {
                Platform.runLater(() -> window.reportUncaught(failure));
            }
        };
        Thread.setDefaultUncaughtExceptionHandler(handler);
        Thread.currentThread().setUncaughtExceptionHandler(handler);
    }
}
