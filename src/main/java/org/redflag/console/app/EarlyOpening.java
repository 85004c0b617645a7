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
                ConsoleContext context = ConsoleContext.open(settings, password, clock);
                readOverviewAhead(context);
                return context;
            } catch (ConnectionProblem problem) {
                throw new CompletionException(problem);
            }
        }, EarlyOpening::onOwnThread);
    }

    /**
     * The window opens on the Overview when the fleet has agents: its first figures are read while JavaFX is still
     * starting (the database is usually ready first), so the first showing finds them read. On a schema the views
     * cannot read yet, the read fails and the Overview reads as it would have.
     */
    private static void readOverviewAhead(ConsoleContext context) {
        if (context.capabilities().isConsole() || context.capabilities().isRedFlag()) {
            context.overview().readFirstFiguresAhead(EarlyOpening::onOwnThread);
        }
    }

    private static void onOwnThread(Runnable work) {
        Thread thread = new Thread(work, "console-open");
        thread.setDaemon(true);
        thread.start();
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
