package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.redflag.console.db.Database;

/**
 * What the server's backends of one application were doing while a concurrent run went on, from
 * {@code pg_stat_activity} sampled every few milliseconds: waiting for the client (the Java side and the
 * network), queued for the lock that lets one notifying transaction commit at a time, flushing WAL, or running.
 * Wall time alone cannot tell those apart; the share of samples in each state can.
 */
final class BackendWaits implements AutoCloseable {

    /** PostgreSQL's PreCommit_Notify holds a lock on a shared object till after commit: this is waiting for it. */
    static final String NOTIFY_LOCK = "NOTIFY queue lock at commit";
    static final String CLIENT = "waiting for the client";
    static final String WAL = "WAL flush at commit";
    static final String RUNNING = "running";

    private static final long SAMPLE_EVERY_MILLIS = 5;

    private final Connection connection;
    private final long backendPid;
    private final String applicationName;
    private final Map<String, Long> counts = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile String failure;

    private BackendWaits(Connection connection, String applicationName) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.backendPid = rs.getLong(1);
        }
        this.applicationName = applicationName;
        this.thread = new Thread(this::sampleUntilClosed, "bench-backend-waits");
        this.thread.setDaemon(true);
    }

    /** Starts sampling the backends named {@code applicationName}, on a connection of its own. */
    static BackendWaits start(Database database, String applicationName) throws SQLException {
        Connection connection = database.openBareConnection("redflag-console (bench waits)", new Properties());
        try {
            BackendWaits waits = new BackendWaits(connection, applicationName);
            waits.thread.start();
            return waits;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void sampleUntilClosed() {
        String sql = """
                SELECT CASE WHEN wait_event_type = 'Lock' AND wait_event = 'object' THEN ?
                            WHEN wait_event_type = 'Client' THEN ?
                            WHEN wait_event LIKE 'WAL%' THEN ?
                            WHEN wait_event_type IS NULL THEN ?
                            ELSE wait_event_type || ': ' || wait_event END
                FROM pg_stat_activity
                WHERE application_name = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                """;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, NOTIFY_LOCK);
            ps.setString(2, CLIENT);
            ps.setString(3, WAL);
            ps.setString(4, RUNNING);
            ps.setString(5, applicationName);
            while (running.get()) {
                try (ResultSet rs = ps.executeQuery()) {
                    synchronized (counts) {
                        while (rs.next()) {
                            counts.merge(rs.getString(1), 1L, Long::sum);
                        }
                    }
                }
                Thread.sleep(SAMPLE_EVERY_MILLIS);
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sampler's own backend: its work is the benchmark's, not the side's. */
    long backendPid() {
        return backendPid;
    }

    /** Backend samples per state, to be added up over several runs of one side. */
    Map<String, Long> counts() {
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }

    /** Why there are no samples, if sampling failed (a user who may not read pg_stat_activity). */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Each state's share of all samples, largest first. */
    static Map<String, Double> shares(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> shares.put(e.getKey(), total == 0 ? 0 : QueryReport.round((double) e.getValue() / total)));
        return shares;
    }

    /** "41% waiting for the client, 35% NOTIFY queue lock at commit, …" (states under 3% left out). */
    static String describe(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "no samples";
        }
        return shares(counts).entrySet().stream().filter(e -> e.getValue() >= 0.03)
                .map(e -> String.format(Locale.ROOT, "%.0f%% %s", e.getValue() * 100, e.getKey()))
                .collect(Collectors.joining(", "));
    }

    /** Stops sampling; the counts stay readable. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The samples are taken; a connection that will not close cleanly changes none of them.
        }
    }
}
