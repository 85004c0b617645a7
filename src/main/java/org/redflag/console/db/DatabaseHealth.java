package org.redflag.console.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, found out within a second or two. The pool cannot say: it only learns of an
 * outage when a query waits out its connection timeout, and then only the caller of that query knows. So a
 * thread of its own pings the database on a connection of its own, with short timeouts, and tells its
 * listeners when the answer changes; while the database is away it tries to reconnect on every check.
 */
public final class DatabaseHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    public enum State {
        UP,
        DOWN
    }

    /** Opens a connection outside the pool, with short connect and login timeouts. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /**
     * @param every   the pause between two checks
     * @param timeout how long one ping may take before the database counts as away
     */
    public record Settings(Duration every, Duration timeout) {
        /** A check every 750 ms that may take 1 s: an outage shows within 2 s even when a ping hangs. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(750), Duration.ofSeconds(1));
        }
    }

    private final ConnectionOpener opener;
    private final Settings settings;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    // The window has just connected when the check starts, so the database counts as up until a ping fails.
    private volatile State state = State.UP;
    private volatile boolean running;
    private Thread thread;
    private Connection connection;

    public DatabaseHealth(ConnectionOpener opener, Settings settings) {
        this.opener = opener;
        this.settings = settings;
    }

    /** Starts checking; calling it again while it runs does nothing. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::checkUntilClosed, "database-health");
        thread.setDaemon(true);
        thread.start();
    }

    public State state() {
        return state;
    }

    public boolean isUp() {
        return state == State.UP;
    }

    /** Called on the checking thread on every change of the state (not with the current one). */
    public void onChange(Consumer<State> listener) {
        listeners.add(listener);
    }

    private void checkUntilClosed() {
        while (running) {
            boolean answered = check();
            if (!running) {
                break;
            }
            setState(answered ? State.UP : State.DOWN);
            try {
                Thread.sleep(settings.every().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeConnection();
    }

    /** One ping; a broken connection is dropped and the next check (this one, if it was old) opens another. */
    boolean check() {
        int timeoutSeconds = (int) Math.max(1, settings.timeout().toSeconds());
        try {
            if (connection == null) {
                connection = opener.open();
            }
            if (connection.isValid(timeoutSeconds)) {
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("The database health check failed", e);
        }
        closeConnection();
        return false;
    }

    private void setState(State next) {
        if (next == state) {
            return;
        }
        state = next;
        if (next == State.DOWN) {
            LOG.warn("The database does not answer; checking again every {} ms", settings.every().toMillis());
        } else {
            LOG.info("The database answers again");
        }
        for (Consumer<State> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A database health listener failed", e);
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the health connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        Thread checking;
        synchronized (this) {
            running = false;
            checking = thread;
            thread = null;
        }
        if (checking != null) {
            checking.interrupt();
            try {
                checking.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final long JOIN_MILLIS = 3_000;
}
