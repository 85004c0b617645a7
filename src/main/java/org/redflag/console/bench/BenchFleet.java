package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.AgentSort;

/**
 * A generated fleet in one database shape: how it is made, and the facts the measurements need from it
 * (where a deep page starts, which agent and row to ask for, what a duplicate scan is). The measurements
 * themselves go through the console's repositories only; this is the benchmark's own SQL.
 */
interface BenchFleet {

    /** One line of the Generation table. */
    record Step(String name, double seconds, long rows) {
    }

    DataSource dataSource();

    /** Fills the database (empty, or migrated for the console) and refreshes statistics; returns what it did. */
    List<Step> generate(FleetBench.Sizes sizes, LongConsumer historyProgress) throws SQLException;

    /** The tables the report sizes, in this shape. */
    List<String> tables();

    /** Days the generated history spreads over, ending now: where a deep page and "one day" are taken. */
    int historyDays();

    /** A subsystem the history of this generation has rows of. */
    String subsystemFilter();

    /** Text a few percent of the outputs contain. */
    String commonOutputText();

    /** Text few or no outputs contain: the search has to look through everything the plan reads. */
    String rareOutputText();

    /** Rows that break the one-scan rule of this schema; must be zero. */
    long duplicateScans() throws SQLException;

    /** That rule, in words, for the report. */
    String duplicateRule();

    /** Whether the simulated fleet's claim round applies (it reads and writes the console's own tables). */
    boolean runsClaimRound();

    /** An agent with history: the "one agent" filter. */
    Optional<UUID> someAgent() throws SQLException;

    /** Table name to total size on disk (with indexes and TOAST), in bytes. */
    default Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : tables()) {
            sizes.put(table, count("SELECT pg_total_relation_size('" + table + "')"));
        }
        return sizes;
    }

    default long rows(String table) throws SQLException {
        return count("SELECT count(*) FROM " + table);
    }

    default long consoleErrors() throws SQLException {
        return count("SELECT count(*) FROM update_logs WHERE action = 'console_error'");
    }

    /** An agent's key a little before the end of the hostname order: where a deep page starts. */
    default String[] agentKeyNearEnd() throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                // 150 from the end, or the middle of a fleet smaller than that (a small fleet must work too).
                "SELECT hostname, id FROM (SELECT hostname, id::text, count(*) OVER () AS n, row_number() OVER "
                        + "(ORDER BY lower(hostname) DESC, id DESC) AS r FROM agents) a WHERE r = least(151, n / 2 + 1)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
        }
    }

    /**
     * Where a deep page starts in last-seen order, newest first (the Agents view's header clicked twice): 150 from
     * the end, or the middle of a small fleet, as the last row's key in that order.
     */
    default AgentRepository.OrderKey lastSeenKeyNearEnd() throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_seen, id FROM (SELECT last_seen, id, count(*) OVER () AS n, row_number() OVER "
                        + "(ORDER BY last_seen ASC NULLS FIRST, id ASC) AS r FROM agents) a WHERE r = least(151, n / 2 + 1)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new AgentRepository.OrderKey(AgentSort.LAST_SEEN, SqlTime.instant(rs, "last_seen"),
                    rs.getObject("id", UUID.class)) : null;
        }
    }

    /** Agent ids in hostname order, the first {@code limit} of them: who the scan throughput asks. */
    default List<UUID> agentIds(int limit) throws SQLException {
        return agentIds(0, limit);
    }

    /** Agent ids in hostname order, {@code limit} of them after the first {@code skip}: agents not asked yet. */
    default List<UUID> agentIds(int skip, int limit) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM agents ORDER BY lower(hostname), id OFFSET ? LIMIT ?")) {
            ps.setInt(1, skip);
            ps.setInt(2, limit);
            List<UUID> ids = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /** The newest history row with an output: what the output fetch reads. */
    default Optional<UUID> newestHistoryRowWithOutput() throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM update_logs WHERE stdout IS NOT NULL ORDER BY executed_at DESC, id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
        }
    }

    /** The database's clock: the generated history ends at it (sessions run in UTC, so RedFlag's zoneless times agree). */
    default Instant databaseNow() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    default long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
