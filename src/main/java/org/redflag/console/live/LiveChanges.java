package org.redflag.console.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the database's change notifications on a connection of its own and publishes them on the
 * bus. Notifications can be lost (a dropped connection, a console that was asleep), so a slow poll tells
 * every view to look again now and then; while no connection can listen, the poll runs faster and the mode
 * says "polling".
 */
public final class LiveChanges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveChanges.class);
    public static final String CHANNEL = "redflag_changes";

    public enum Mode {
        LIVE,
        POLLING
    }

    /** Opens a connection that is not from the pool: LISTEN holds it for as long as the console runs. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    /**
     * @param livePoll     how often views look again although notifications arrive (covers lost ones)
     * @param fallbackPoll how often they look again while nothing can listen
     */
    public record Settings(Duration livePoll, Duration fallbackPoll, Duration reconnectEvery) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(3));
        }
    }

    private static final int WAIT_MILLIS = 500;

    private final ConnectionOpener opener;
    private final ChangeBus bus;
    private final Settings settings;
    private volatile boolean running;
    private volatile java.util.function.BooleanSupplier databaseUp = () -> true;
    private Thread thread;

    public LiveChanges(ConnectionOpener opener, ChangeBus bus, Settings settings) {
        this.opener = opener;
        this.bus = bus;
        this.settings = settings;
    }

    /**
     * Only the poll, for a database without the console's change triggers (a RedFlag database the admin has
     * not given the console's companion schema): a LISTEN there would hear nothing and claim to be live.
     */
    public static LiveChanges pollingOnly(ChangeBus bus, Settings settings) {
        return new LiveChanges(null, bus, settings);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        if (opener == null) {
            bus.setMode(Mode.POLLING);
        }
        running = true;
        thread = new Thread(this::listenUntilClosed, "live-changes");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * While the database is known to be away, the poll would only make every view fail to reload (and say so
     * every few seconds); the views keep what they have, and whoever knows it is back publishes a poll.
     */
    public void pollOnlyWhen(java.util.function.BooleanSupplier up) {
        this.databaseUp = up;
    }

    private void listenUntilClosed() {
        long lastPoll = System.nanoTime();
        long lastAttempt = 0;
        Connection connection = null;
        while (running) {
            try {
                if (connection == null && opener != null && (lastAttempt == 0 || elapsed(lastAttempt) >= settings.reconnectEvery().toNanos())) {
                    lastAttempt = System.nanoTime();
                    connection = listen();
                    bus.setMode(Mode.LIVE);
                    // Whatever happened while we were not listening is caught up on at once.
                    bus.publish(ChangeNotice.poll());
                    lastPoll = System.nanoTime();
                }
                if (connection != null) {
                    PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            ChangeNotice.parse(notification.getParameter()).ifPresent(bus::publish);
                        }
                    }
                } else {
                    Thread.sleep(WAIT_MILLIS);
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Lost the live connection to the database; polling every {} s until it is back",
                            settings.fallbackPoll().toSeconds(), e);
                }
                closeQuietly(connection);
                connection = null;
                bus.setMode(Mode.POLLING);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Duration pollEvery = connection == null ? settings.fallbackPoll() : settings.livePoll();
            if (elapsed(lastPoll) >= pollEvery.toNanos() && databaseUp.getAsBoolean()) {
                lastPoll = System.nanoTime();
                bus.publish(ChangeNotice.poll());
            }
        }
        closeQuietly(connection);
    }

    private Connection listen() throws SQLException {
        Connection connection = opener.open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
        LOG.info("Listening for live changes on channel {}", CHANNEL);
        return connection;
    }

    private static long elapsed(long since) {
        return System.nanoTime() - since;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the live connection failed", e);
            }
        }
    }

    @Override
    public void close() {
        Thread listening;
        synchronized (this) {
            running = false;
            listening = thread;
            thread = null;
        }
        if (listening != null) {
            try {
                listening.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final long JOIN_MILLIS = 2_000;
}
