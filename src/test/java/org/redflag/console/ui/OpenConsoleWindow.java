package org.redflag.console.ui;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redflag.console.app.ConnectionChoices;
import org.redflag.console.app.ConsoleSettings;
import org.testfx.api.FxToolkit;

/**
 * The real console window for a TestFX test, opened as the launcher opens it, and closed after each test
 * the way a user closes it: database (and background work) first, then every window it left open.
 * Register with {@code @RegisterExtension final OpenConsoleWindow console = new OpenConsoleWindow();}.
 */
final class OpenConsoleWindow implements AfterEachCallback {

    private FxBackgroundExecutor executor;
    private ConsoleWindow window;

    ConsoleWindow open(ConsoleSettings settings, Clock clock) throws TimeoutException {
        return open(settings, Optional.empty(), clock);
    }

    ConsoleWindow open(ConsoleSettings settings, Optional<char[]> password, Clock clock) throws TimeoutException {
        executor = new FxBackgroundExecutor();
        FxToolkit.setupFixture(() -> {
            DesktopApp.applyTheme();
            window = new ConsoleWindow(new Stage(), settings, password, clock, executor);
            window.show();
        });
        return window;
    }

    /** With the databases the window offers, at start (if they say so) and in Connect to…. */
    ConsoleWindow open(ConsoleSettings settings, ConnectionChoices choices, Clock clock) throws TimeoutException {
        executor = new FxBackgroundExecutor();
        FxToolkit.setupFixture(() -> {
            DesktopApp.applyTheme();
            window = new ConsoleWindow(new Stage(), settings, choices, Optional.empty(), clock, executor);
            window.show();
        });
        return window;
    }

    ConsoleWindow window() {
        return window;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (window != null) {
            CountDownLatch closed = new CountDownLatch(1);
            FxToolkit.setupFixture(() -> window.close(closed::countDown));
            closed.await(20, TimeUnit.SECONDS);
            FxToolkit.setupFixture(() -> Window.getWindows().stream().toList().forEach(Window::hide));
            window = null;
        }
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }
}
