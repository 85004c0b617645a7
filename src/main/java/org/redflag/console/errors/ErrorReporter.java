package org.redflag.console.errors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    static final int MAX_AREA_CHARS = 64;
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
    private final Notifier notifier;
    private final Clock clock;
    private final String consoleVersion;
    private final Executor worker;
    private final ScheduledExecutorService ownThread;
    private final Duration retryEvery;
    private final String host = hostName();
    private final String user = System.getProperty("user.name", "unknown");
    private final List<IntConsumer> spoolListeners = new CopyOnWriteArrayList<>();
    private final Object writing = new Object();

    private volatile HistoryRepository history;
    private Instant lastReplayAttempt = Instant.MIN;

    /**
     * A reporter that writes on the caller's thread straight into {@code history}, spooling to a file in the
     * temp folder. For tools and tests; the console itself uses {@link #onOwnThread}.
     */
    public ErrorReporter(HistoryRepository history, Notifier notifier, Clock clock, String consoleVersion) {
        this(temporarySpool(), notifier, clock, consoleVersion, Runnable::run, null, DEFAULT_RETRY);
        attach(history);
    }

    /**
     * @param worker where errors are written; {@code Runnable::run} writes on the caller's thread
     */
    public ErrorReporter(ErrorSpool spool, Notifier notifier, Clock clock, String consoleVersion, Executor worker) {
        this(spool, notifier, clock, consoleVersion, worker, null, DEFAULT_RETRY);
    }

    private ErrorReporter(ErrorSpool spool, Notifier notifier, Clock clock, String consoleVersion, Executor worker,
            ScheduledExecutorService ownThread, Duration retryEvery) {
        this.spool = spool;
        this.notifier = notifier;
        this.clock = clock;
        this.consoleVersion = consoleVersion;
        this.worker = worker;
        this.ownThread = ownThread;
        this.retryEvery = retryEvery;
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
        ErrorReporter reporter = new ErrorReporter(spool, notifier, clock, consoleVersion, thread, thread, retryEvery);
        long period = Math.max(1, retryEvery.toMillis());
        thread.scheduleWithFixedDelay(reporter::retryIfWaiting, period, period, TimeUnit.MILLISECONDS);
        return reporter;
    }

    /** From now on errors go to this database; errors waiting in the spool are written first. */
    public void attach(HistoryRepository repository) {
        this.history = repository;
        execute(this::replayQuietly);
    }

    /** The database is closing: errors wait in the spool until the next {@link #attach}. */
    public void detach() {
        this.history = null;
    }

    /** Records and shows an error. Safe to call from any thread; never throws; returns at once. */
    public void report(String area, String message, Throwable failure, UUID agentId) {
        ConsoleError error = captureOrLog(area, message, failure, agentId);
        if (error == null) {
            return;
        }
        logged(error, failure);
        execute(() -> {
            UUID row = record(error);
            try {
                notifier.showError(titleFor(error.area()), error.message(), row);
            } catch (RuntimeException e) {
                LOG.error("Could not show the notification for a console error", e);
            }
        });
    }

    /** Records and shows an unexpected failure, with a message built from it. */
    public void report(String area, Throwable failure) {
        report(area, describe(failure), failure, null);
    }

    /**
     * Records an error without a notification, for the one case where the window shows its own explanation:
     * the database could not be opened at start-up (the error then waits in the spool).
     */
    public void recordOnly(String area, String message, Throwable failure) {
        ConsoleError error = captureOrLog(area, message, failure, null);
        if (error == null) {
            return;
        }
        logged(error, failure);
        execute(() -> record(error));
    }

    /** Writes the waiting errors now, in order; stops at the first that the database does not take. */
    public Replay replaySpool() {
        synchronized (writing) {
            HistoryRepository target = history;
            if (target == null) {
                return new Replay(0, spool.pending());
            }
            lastReplayAttempt = clock.instant();
            List<ErrorSpool.Entry> entries;
            try {
                entries = spool.read();
            } catch (IOException e) {
                LOG.error("Could not read the error spool {}", spool.file(), e);
                return new Replay(0, spool.pending());
            }
            int written = 0;
            long end = 0;
            List<String> unreadable = new ArrayList<>();
            for (ErrorSpool.Entry entry : entries) {
                if (entry.readable()) {
                    try {
                        write(target, entry.error());
                    } catch (SQLException | RuntimeException e) {
                        LOG.info("The database does not take spooled errors yet ({}); {} wait", e.getMessage(),
                                spool.pending() - written);
                        break;
                    }
                    written++;
                } else {
                    unreadable.add(entry.line());
                }
                end = entry.endOffset();
            }
            if (end > 0) {
                try {
                    spool.trim(end, written, unreadable);
                } catch (IOException e) {
                    // The rows are written; the next replay finds them again and writes nothing twice.
                    LOG.error("Could not trim the error spool {}", spool.file(), e);
                }
            }
            if (written > 0) {
                LOG.info("Wrote {} spooled console error(s) to the history; {} wait", written, spool.pending());
            }
            fireSpoolChanged();
            return new Replay(written, spool.pending());
        }
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
    }

    /** The full failure goes to the log; a throwable that cannot even print itself must not stop the door. */
    private static void logged(ConsoleError error, Throwable failure) {
        try {
            LOG.warn("Console error in {}: {}", error.area(), error.message(), failure);
        } catch (RuntimeException e) {
            LOG.warn("Console error in {}: {} ({})", error.area(), error.message(), error.details());
        }
    }

    private UUID record(ConsoleError error) {
        synchronized (writing) {
            HistoryRepository target = history;
            if (target != null && spool.pending() > 0 && retryDue()) {
                replaySpool();
            }
            if (target != null && spool.pending() == 0) {
                try {
                    return write(target, error);
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

    /**
     * Writes the error's row. A row the schema refuses for good (a check, a missing column: SQL states 42xxx
     * and 23xxx) is no outage: waiting would not help, and spooling it would hold back every error behind it
     * and say "offline" while connected. Then the barest row every update_logs takes is written instead, and
     * if even that is refused the error is set aside on disk; the log says why either way.
     *
     * @return the history row, or null when the error had to be set aside
     */
    private UUID write(HistoryRepository target, ConsoleError error) throws SQLException {
        try {
            return target.insertConsoleError(error);
        } catch (SQLException refused) {
            if (!refusedForGood(refused)) {
                throw refused;
            }
            LOG.warn("The history refused the console error row ({}, SQL state {}); writing a bare row instead",
                    refused.getMessage(), refused.getSQLState());
            try {
                return target.insertBareConsoleError(error);
            } catch (SQLException bare) {
                if (!refusedForGood(bare)) {
                    throw bare;
                }
                LOG.error("The history refused even a bare console error row ({}); it is kept in {}",
                        bare.getMessage(), spool.rejectedFile());
                try {
                    spool.setAside(error);
                } catch (IOException e) {
                    LOG.error("Could not set the console error aside; only this log keeps it: {}", SpoolLines.encode(error), e);
                }
                return null;
            }
        }
    }

    private static boolean refusedForGood(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("23"));
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

    /** Null when even describing the error failed (it is then only in the log). */
    private ConsoleError captureOrLog(String area, String message, Throwable failure, UUID agentId) {
        try {
            return capture(area, message, failure, agentId);
        } catch (RuntimeException | Error e) {
            LOG.error("Could not even describe an error of {}: {}", area, message, failure);
            return null;
        }
    }

    private ConsoleError capture(String area, String message, Throwable failure, UUID agentId) {
        String where = area == null || area.isBlank() ? "console" : area.strip();
        where = StorableText.of(where, Integer.MAX_VALUE);
        if (where.length() > MAX_AREA_CHARS) {
            where = where.substring(0, MAX_AREA_CHARS);
        }
        String what = message == null || message.isBlank()
                ? (failure == null ? "Unknown error" : describe(failure))
                : message;
        return new ConsoleError(UUID.randomUUID(), clock.instant(), where, StorableText.of(what, MAX_MESSAGE_CHARS),
                StorableText.of(stackTrace(failure), MAX_DETAILS_CHARS), agentId, StorableText.of(host, 255),
                StorableText.of(user, 255), StorableText.of(consoleVersion, 64),
                StorableText.of(Thread.currentThread().getName(), 255));
    }

    /** A sentence for a failure nobody explained: the root cause's message, said plainly. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "Unknown error";
        }
        Throwable root = failure;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String message;
        try {
            message = root.getMessage() == null || root.getMessage().isBlank()
                    ? root.getClass().getSimpleName()
                    : root.getMessage().strip();
        } catch (RuntimeException e) {
            message = root.getClass().getName();
        }
        if (root instanceof SQLTransientConnectionException
                || root instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return "Lost the connection to the database (" + message + "). Check that the server is running and "
                    + "reachable; errors are kept on disk until it is back.";
        }
        if (root instanceof SQLException sql && sql.getSQLState() != null) {
            return "The database refused the request: " + message;
        }
        return message;
    }

    private static String titleFor(String area) {
        return area.isEmpty() ? "Error" : Character.toUpperCase(area.charAt(0)) + area.substring(1) + " — error";
    }

    private static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        try {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            return text.toString();
        } catch (RuntimeException | StackOverflowError e) {
            // A throwable whose toString() or getMessage() fails still deserves a row.
            return failure.getClass().getName() + " (its stack trace could not be printed: " + e + ")";
        }
    }

    private static ErrorSpool temporarySpool() {
        try {
            return new ErrorSpool(Files.createTempFile("redflag-console-errors", ".jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temp folder for the error spool", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
