package org.redflag.console.app;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.redflag.console.db.ConnectionProblem;

/**
 * Opens the database while JavaFX starts, instead of after the window is up: the two take about as long
 * as each other (a second or two each), so the first rows appear that much sooner.
 */
public final class EarlyOpening {

    private EarlyOpening() {
    }

    /** Starts {@link ConsoleContext#open} on a thread of its own, at once. */
    public static CompletableFuture<ConsoleContext> start(ConsoleSettings settings, Optional<char[]> password,
            Clock clock) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ConsoleContext.open(settings, password, clock);
            } catch (ConnectionProblem problem) {
                throw new CompletionException(problem);
            }
        }, work -> {
            Thread thread = new Thread(work, "console-open");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Waits for it; a failure comes out as it would from {@link ConsoleContext#open}. */
    public static ConsoleContext await(CompletableFuture<ConsoleContext> opening) throws ConnectionProblem {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectionProblem problem) {
                throw problem;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
