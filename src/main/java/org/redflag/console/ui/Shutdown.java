package org.redflag.console.ui;

import java.util.ArrayList;
import java.util.List;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing the console: named steps, in order, on a thread of its own. Run from the window's close handler on
 * the FX thread, flushing the error door, closing the pools and stopping the embedded server froze the closed
 * window's process for up to 20 s; and a step that failed was dropped without a word. Now a step that fails is
 * logged and the next one still runs, so the process always reaches its last step (the exit).
 */
final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    static final String THREAD_NAME = "console-shutdown";

    /** @param what what the step does, for the log line if it fails ("closing the database") */
    record Step(String what, Runnable action) {
    }

    private Shutdown() {
    }

    /**
     * A window's shutdown: the errors reported so far written (later ones wait in the spool), the error door
     * closed if the window owns it, the database closed (the embedded server stopped), then {@code then}.
     */
    static List<Step> ofWindow(ErrorReporter errors, boolean closeErrors, ConsoleContext opened, Runnable then) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("writing the errors reported so far", () -> {
            errors.flush();
            errors.detach();
        }));
        if (closeErrors) {
            steps.add(new Step("closing the error door", errors::close));
        }
        if (opened != null) {
            steps.add(new Step("closing the database", opened::close));
        }
        steps.add(new Step("finishing the shutdown", then));
        return steps;
    }

    /** Starts the steps on their own thread and returns at once. */
    static Thread start(List<Step> steps) {
        Thread thread = new Thread(() -> run(steps), THREAD_NAME);
        // Not a daemon: with the window gone, the JVM must not end before the embedded server has stopped.
        thread.setDaemon(false);
        thread.start();
        return thread;
    }

    static void run(List<Step> steps) {
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException | Error e) {
                LOG.warn("Shutting down: {} failed; going on with the rest", step.what(), e);
            }
        }
    }
}
