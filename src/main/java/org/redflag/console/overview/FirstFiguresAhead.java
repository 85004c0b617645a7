package org.redflag.console.overview;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Overview's first figures read before the window asks for them (while JavaFX is still starting), kept for its
 * first showing. Figures older than {@link #KEPT} by then, or a read that failed, count as none: the Overview reads
 * them again, as it would have.
 */
final class FirstFiguresAhead {

    static final Duration KEPT = Duration.ofSeconds(10);

    interface Read {
        FirstFigures read() throws java.sql.SQLException;
    }

    private final Clock clock;
    private final AtomicReference<CompletableFuture<FirstFigures>> ahead = new AtomicReference<>();

    FirstFiguresAhead(Clock clock) {
        this.clock = clock;
    }

    void start(Read read, Executor executor) {
        ahead.set(CompletableFuture.supplyAsync(() -> {
            try {
                return read.read();
            } catch (java.sql.SQLException e) {
                throw new CompletionException(e);
            }
        }, executor));
    }

    /** The figures read ahead (waiting for a read still running), once: later reads go to the database. */
    Optional<FirstFigures> take() {
        return fresh(ahead.getAndSet(null));
    }

    /** The same, only if the read is over (never waits): for the FX thread. */
    Optional<FirstFigures> takeIfRead() {
        var early = ahead.get();
        return early != null && early.isDone() && ahead.compareAndSet(early, null) ? fresh(early) : Optional.empty();
    }

    private Optional<FirstFigures> fresh(CompletableFuture<FirstFigures> early) {
        if (early == null) {
            return Optional.empty();
        }
        try {
            FirstFigures read = early.join();
            return read.readAt().isBefore(clock.instant().minus(KEPT)) ? Optional.empty() : Optional.of(read);
        } catch (CompletionException | CancellationException e) {
            ahead.compareAndSet(early, null);
            return Optional.empty();
        }
    }
}
