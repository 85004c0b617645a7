package org.redflag.console.errors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.history.HistoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door for errors a user sees: first a row in the history table, then a notification. Nothing
 * else in the console shows an error notification.
 *
 * <p>When there is no database (start-up, or the server went away) the error waits in the {@link ErrorSpool}
 * on disk; once the database answers again the spool is replayed in order, each error exactly once (its
 * idempotency key makes a second write a no-op), and trimmed. While the spool holds errors, new ones queue
 * behind them, so the history keeps the order in which things happened.
 *
 * <p>Writing happens on the reporter's worker, never on the caller's thread (the caller may be the FX thread
 * and the database may take seconds to fail), so {@link #report} returns at once.
 */
public final class ErrorReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    static final int MAX_MESSAGE_CHARS = 10_000;
    static final int MAX_DETAILS_CHARS = 1_000_000;
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(15);

    /** Shows the user what went wrong; the FX implementation uses a ControlsFX notification. */
    public interface Notifier {
        /** @param historyEntryId the history row, or null while the error waits in the spool */
        void showError(String title, String message, UUID historyEntryId);
    }

    /** What a replay achieved: rows written now, errors still waiting. */
    public record Replay(int written, int waiting) {
    }

    private final ErrorSpool spool;
    private final HistoryWriter writer;
    private final Notifier notifier;
    private final Clock clock;
    private final String consoleVersion;
    private final Executor worker;
    private final ScheduledExecutorService ownThread;
    private final Duration retryEvery;
    /** The spool is this reporter's own file in the temp folder, not a data folder's: closing tidies it away. */
    private final boolean temporarySpool;
    private final String host = ErrorTexts.hostName();
    private final String user = System.getProperty("user.name", "unknown");
    private final List<IntConsumer> spoolListeners = new CopyOnWriteArrayList<>();
    private final Object writing = new Object();

    private volatile HistoryRepository history;
    private volatile java.util.function.BooleanSupplier databaseUp = () -> true;
    private Instant lastReplayAttempt = Instant.MIN;
    /** Set on a connection's door (see {@link #forConnection}): the window's door, which it hands errors to. */
    private ErrorReporter window;
    private volatile boolean ended;

    /**
     * A reporter that writes on the caller's thread straight into {@code history}, spooling to a file in the
     * temp folder only if the database does not take an error (closing it removes that file when nothing waits
     * in it). For tools and tests; the console itself uses {@link #onOwnThread}.
     */
    public ErrorReporter(HistoryRepository history, Notifier notifier, Clock clock, String consoleVersion) {
        this(ErrorSpool.temporary(), notifier, clock, consoleVersion, Runnable::run, null, DEFAULT_RETRY, true);
        attach(history);
    }

    /**
     * @param worker where errors are written; {@code Runnable::run} writes on the caller's thread
     */
    public ErrorReporter(ErrorSpool spool, Notifier notifier, Clock clock, String consoleVersion, Executor worker) {
        this(spool, notifier, clock, consoleVersion, worker, null, DEFAULT_RETRY, false);
    }

    private ErrorReporter(ErrorSpool spool, Notifier notifier, Clock clock, String consoleVersion, Executor worker,
            ScheduledExecutorService ownThread, Duration retryEvery, boolean temporarySpool) {
        this.spool = spool;
        this.writer = new HistoryWriter(spool);
        this.notifier = notifier;
        this.clock = clock;
        this.consoleVersion = consoleVersion;
        this.worker = worker;
        this.ownThread = ownThread;
        this.retryEvery = retryEvery;
        this.temporarySpool = temporarySpool;
    }

    /**
     * The console's reporter: one daemon thread writes errors in order and retries the spool every
     * {@code retryEvery} while errors wait.
     */
    public static ErrorReporter onOwnThread(ErrorSpool spool, Notifier notifier, Clock clock, String consoleVersion,
            Duration retryEvery) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "console-errors");
            t.setDaemon(true);
            return t;
        });
        ErrorReporter reporter = new ErrorReporter(spool, notifier, clock, consoleVersion, thread, thread, retryEvery,
                false);
        long period = Math.max(1, retryEvery.toMillis());
        thread.scheduleWithFixedDelay(reporter::retryIfWaiting, period, period, TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** From now on errors go to this database; errors waiting in the spool are written first. */
    public void attach(HistoryRepository repository) {
        this.history = repository;
        execute(this::replayQuietly);
    }

    /** Whether the database answers now (the window's health check); while it does not, errors are spooled. */
    public void databaseUpWhen(java.util.function.BooleanSupplier up) {
        this.databaseUp = up;
    }

    /** The database is closing: errors wait in the spool until the next {@link #attach}. */
    public void detach() {
        this.history = null;
        this.databaseUp = () -> true;
    }

    /** Records and shows an error. Safe to call from any thread; never throws; returns at once. */
    public void report(ConsoleArea area, String message, Throwable failure, UUID agentId) {
        if (handedOn(area, message, failure, agentId, true)) {
            return;
        }
        ConsoleError error = ErrorTexts.captureOrLog(LOG, clock, area, message, failure, agentId, host, user, consoleVersion);
        if (error == null) {
            return;
        }
        ErrorTexts.logged(LOG, error, failure);
        execute(() -> {
            UUID row = record(error);
            try {
                notifier.showError(ErrorTexts.titleFor(error.area()), error.message(), row);
            } catch (RuntimeException e) {
                LOG.error("Could not show the notification for a console error", e);
            }
        });
    }

    /** Records and shows an unexpected failure, with a message built from it. */
    public void report(ConsoleArea area, Throwable failure) {
        report(area, describe(failure), failure, null);
    }

    /**
     * Records an error without a notification, for the one case where the window shows its own explanation:
     * the database could not be opened at start-up (the error then waits in the spool).
     */
    public void recordOnly(ConsoleArea area, String message, Throwable failure) {
        if (handedOn(area, message, failure, null, false)) {
            return;
        }
        ConsoleError error = ErrorTexts.captureOrLog(LOG, clock, area, message, failure, null, host, user, consoleVersion);
        if (error == null) {
            return;
        }
        ErrorTexts.logged(LOG, error, failure);
        execute(() -> record(error));
    }

    /**
     * A door for the views of one database: errors go through the window's door while that database is open;
     * once {@link #end}ed (the window closed it for another), late failures of its work go to the log only, so
     * they never land in the next database's history. Only {@link #report} and {@link #recordOnly} are for it.
     */
    public ErrorReporter forConnection() {
        ErrorReporter door = new ErrorReporter(spool, notifier, clock, consoleVersion, worker, null, retryEvery, false);
        door.window = this;
        return door;
    }

    /** The database this door was for is closing: see {@link #forConnection}. */
    public void end() {
        ended = true;
    }

    private boolean handedOn(ConsoleArea area, String message, Throwable failure, UUID agentId, boolean notify) {
        if (window == null) {
            return false;
        }
        if (ended) {
            LOG.info("After its database was closed, {}: {}", area, message, failure);
        } else if (notify) {
            window.report(area, message, failure, agentId);
        } else {
            window.recordOnly(area, message, failure);
        }
        return true;
    }

    /** Writes the waiting errors now, in order; stops at the first that the database does not take. */
    public Replay replaySpool() {
        synchronized (writing) {
            HistoryRepository target = history;
            if (target == null) {
                return new Replay(0, spool.pending());
            }
            lastReplayAttempt = clock.instant();
            Replay replay = writer.replaySpool(target);
            if (replay == null) {
                return new Replay(0, spool.pending());
            }
            fireSpoolChanged();
            writer.takeSetAside().ifPresent(skipped -> recordOnly(ConsoleArea.CONSOLE, skipped, null));
            return replay;
        }
    }

    Path spoolFile() {
        return spool.file();
    }

    /** The database answers again: writes what waits, on the reporter's worker; a failure is logged and retried. */
    public void replaySoon() {
        execute(this::replayQuietly);
    }

    /** How many errors wait on disk for the database. */
    public int waiting() {
        return spool.pending();
    }

    /** Called (on the reporter's thread) with the number of waiting errors whenever it may have changed. */
    public void onSpoolChanged(IntConsumer listener) {
        spoolListeners.add(listener);
        listener.accept(spool.pending());
    }

    /** Waits until every error reported so far is written or spooled (and its notification handed over). */
    public void flush() {
        if (ownThread == null) {
            return;
        }
        try {
            ownThread.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RejectedExecutionException e) {
            LOG.warn("Gave up waiting for the error writer", e);
        }
    }

    @Override
    public void close() {
        if (ownThread != null) {
            ownThread.shutdown();
            try {
                ownThread.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (temporarySpool) {
            spool.removeIfEmpty();
        }
    }

    private UUID record(ConsoleError error) {
        synchronized (writing) {
            // Known to be away: spool at once, rather than make the notification wait out the pool's timeout.
            HistoryRepository target = databaseUp.getAsBoolean() ? history : null;
            if (target != null && spool.pending() > 0 && retryDue()) {
                replaySpool();
            }
            if (target != null && spool.pending() == 0) {
                try {
                    return writer.write(target, error);
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("The database did not take a console error; it waits in {}", spool.file(), e);
                    lastReplayAttempt = clock.instant();
                }
            }
            try {
                spool.append(error);
            } catch (IOException | UncheckedIOException e) {
                LOG.error("Could not spool a console error; only this log keeps it: {}", SpoolLines.encode(error), e);
            }
            fireSpoolChanged();
            return null;
        }
    }

    private boolean retryDue() {
        return !clock.instant().isBefore(lastReplayAttempt.plus(retryEvery));
    }

    private void retryIfWaiting() {
        if (history != null && spool.pending() > 0) {
            replayQuietly();
        }
    }

    private void replayQuietly() {
        try {
            replaySpool();
        } catch (RuntimeException e) {
            LOG.error("Replaying the error spool failed", e);
        }
    }

    private void fireSpoolChanged() {
        int waiting = spool.pending();
        for (IntConsumer listener : spoolListeners) {
            try {
                listener.accept(waiting);
            } catch (RuntimeException e) {
                LOG.warn("A spool listener failed", e);
            }
        }
    }

    private void execute(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** A sentence for a failure nobody explained: the root cause's message, said plainly. */
    static String describe(Throwable failure) {
        return ErrorTexts.describe(failure);
    }
}
