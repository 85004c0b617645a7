package org.redflag.console.overview;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.fleet.Presence;
import org.redflag.console.history.RedFlagActions;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * The Overview's figures, each one statement whose cost is bounded at fleet scale: the agents table is read
 * once per figure (it is as big as the fleet, never bigger); the history only over the charts' 7 days, on its
 * executed_at index; commands through the partial indexes of work in flight; disks through the few rows over
 * the threshold. Every schema the console speaks gets the same figures, or none where it lacks the data.
 */
public final class OverviewRepository {

    /** How many values the OS and version tiles name before the rest becomes "other"; how many full disks they name. */
    public static final int TOP = 5;
    public static final int FULLEST = 4;

    private final DataSource dataSource;
    private final Capabilities capabilities;
    private final Duration commandTimeout;
    private final Clock clock;
    private final FirstFiguresAhead ahead;

    public OverviewRepository(DataSource dataSource, Capabilities capabilities, Duration commandTimeout, Clock clock) {
        this.dataSource = dataSource;
        this.capabilities = capabilities;
        this.commandTimeout = commandTimeout;
        this.clock = clock;
        this.ahead = new FirstFiguresAhead(clock);
    }

    /** Every figure, one statement each, in turn. */
    public FleetOverview read() throws SQLException {
        return new FleetOverview(clock.instant(), agents(), agentsByOs(), agentsByVersion(), scans(), commands(),
                fullDisks(FULLEST), pendingUpdates());
    }

    /** The cheap figures, for the Overview to show before the rest (see {@link FirstFigures}). */
    public FirstFigures firstFigures() throws SQLException {
        Optional<FirstFigures> early = ahead.take();
        return early.isPresent() ? early.get() : readFirstFigures();
    }

    private FirstFigures readFirstFigures() throws SQLException {
        return new FirstFigures(clock.instant(), agents(), commands(), pendingUpdates());
    }

    /** Starts reading the first figures for the next {@link #firstFigures} now (see {@link FirstFiguresAhead}). */
    public void readFirstFiguresAhead(java.util.concurrent.Executor executor) {
        ahead.start(this::readFirstFigures, executor);
    }

    /** Takes the figures read ahead if fresh; {@code onlyIfRead}: never waits for a read still running (FX thread). */
    public Optional<FirstFigures> takeFirstFiguresReadAhead(boolean onlyIfRead) {
        return onlyIfRead ? ahead.takeIfRead() : ahead.take();
    }

    public boolean hasAgents() throws SQLException {
        return query("SELECT EXISTS (SELECT 1 FROM agents)", List.of(), rs -> rs.getBoolean(1)).get(0);
    }

    /** Online, offline, stale and reboot required, in one pass over the agents. */
    public AgentCounts agents() throws SQLException {
        Instant now = clock.instant();
        var online = SqlTime.bind(now.minus(Presence.ONLINE_WINDOW));
        var stale = SqlTime.bind(now.minus(Presence.STALE_AFTER));
        String reboot = capabilities.has(Feature.REBOOT_REQUIRED) ? "a.reboot_required IS TRUE" : "false";
        String sql = """
                SELECT count(*) AS total,
                       count(*) FILTER (WHERE a.last_seen > ?) AS online,
                       count(*) FILTER (WHERE a.last_seen <= ? AND a.last_seen >= ?) AS offline,
                       count(*) FILTER (WHERE a.last_seen IS NULL OR a.last_seen < ?) AS stale,
                       count(*) FILTER (WHERE %s) AS reboot
                FROM agents a
                """.formatted(reboot);
        return query(sql, List.of(online, online, stale, stale), rs -> new AgentCounts(rs.getLong("total"),
                rs.getLong("online"), rs.getLong("offline"), rs.getLong("stale"), rs.getLong("reboot"))).get(0);
    }

    /** Agents by OS type, the {@link #TOP} commonest and "other". */
    public List<Share> agentsByOs() throws SQLException {
        return shares("a.os_type");
    }

    /** Agents by the version they run (as the Agents view shows it), the {@link #TOP} commonest and "other". */
    public List<Share> agentsByVersion() throws SQLException {
        return shares(versionSql(capabilities));
    }

    /**
     * The version the Agents view shows (AgentRepository's rule): RedFlag's check-ins report current_version,
     * agent_version is what the agent registered with, so the newer wins unless it is still the '0.0.0' default.
     */
    static String versionSql(Capabilities capabilities) {
        return capabilities.has(Feature.CURRENT_VERSION)
                ? "coalesce(nullif(nullif(a.current_version, ''), '0.0.0'), a.agent_version)"
                : "a.agent_version";
    }

    private List<Share> shares(String valueSql) throws SQLException {
        // One grouping of the agents; the rank keeps the top values by name and folds the rest into NULL.
        String sql = """
                SELECT CASE WHEN r <= ? THEN value END AS value, sum(n)::bigint AS agents
                FROM (SELECT value, n, row_number() OVER (ORDER BY n DESC, value) AS r
                      FROM (SELECT coalesce(%s, 'unknown')::text AS value, count(*) AS n FROM agents a GROUP BY 1) g) ranked
                GROUP BY 1
                ORDER BY min(r)
                """.formatted(valueSql);
        return query(sql, List.of(TOP), rs -> new Share(rs.getString("value"), rs.getLong("agents")));
    }

    /**
     * History rows of scans (not console errors) per bar of both charts, by subsystem and result. The subsystem
     * is the History's own (on RedFlag, from the column or the action), so a bar opens the very rows it counts.
     */
    public ScanActivity scans() throws SQLException {
        ScanWindows windows = ScanWindows.at(clock);
        String subsystem = RedFlagActions.subsystemOfRowSql(capabilities);
        // The edges arrive as text: cast once (an InitPlan), not once per row, as a cast in the expression would be.
        String sql = """
                WITH edges AS (SELECT ?::timestamptz[] AS e)
                SELECT bucket, subsystem, result, count(*) AS n
                FROM (SELECT width_bucket(l.executed_at::timestamptz, (SELECT e FROM edges)) AS bucket,
                             %s AS subsystem, l.result
                      FROM update_logs l
                      WHERE l.executed_at >= ? AND l.executed_at < ? AND l.action <> 'console_error') s
                WHERE subsystem IS NOT NULL
                GROUP BY 1, 2, 3
                """.formatted(subsystem);
        List<Object[]> rows = query(sql, List.of(windows.edgesLiteral(), SqlTime.bind(windows.start()),
                SqlTime.bind(windows.end())), rs -> new Object[] {rs.getInt("bucket"), rs.getString("subsystem"),
                rs.getString("result"), rs.getLong("n")});
        return new ScanActivity(bars(windows.hourEdges, windows.edges, rows), bars(windows.dayEdges, windows.edges, rows));
    }

    /** Adds the fine buckets (width_bucket's 1-based numbers over {@code fine}) into bars between {@code edges}. */
    private static List<ScanActivity.Bucket> bars(List<Instant> edges, List<Instant> fine, List<Object[]> rows) {
        List<ScanActivity.Bucket> bars = new ArrayList<>();
        for (int i = 0; i + 1 < edges.size(); i++) {
            Instant start = edges.get(i);
            Instant end = edges.get(i + 1);
            Map<String, Map<String, Long>> counts = new HashMap<>();
            for (Object[] row : rows) {
                int bucket = (Integer) row[0];
                if (bucket < 1 || bucket >= fine.size()) {
                    continue;
                }
                Instant fineStart = fine.get(bucket - 1);
                if (!fineStart.isBefore(start) && fineStart.isBefore(end)) {
                    counts.computeIfAbsent((String) row[1], s -> new HashMap<>())
                            .merge((String) row[2], (Long) row[3], Long::sum);
                }
            }
            bars.add(new ScanActivity.Bucket(start, end, counts));
        }
        return bars;
    }

    /**
     * Commands in flight by status, and the stuck ones: taken by an agent (sent, received, running) longer ago
     * than the command timeout, the console's sweep's own rule. On the console's schema each status is counted on
     * the partial index that holds exactly it (V1's pending, V4's in flight).
     */
    public CommandCounts commands() throws SQLException {
        var stuckBefore = SqlTime.bind(clock.instant().minus(commandTimeout));
        List<String> taken = new ArrayList<>(List.of("sent", "running"));
        if (capabilities.has(Feature.RECEIVED_STATUS)) {
            taken.add(1, "received");
        }
        String sql = capabilities.isConsole() ? """
                SELECT 'pending' AS status, count(*) AS n, 0 AS stuck FROM agent_commands c WHERE c.status = 'pending'
                UNION ALL
                SELECT c.status, count(*), count(*) FILTER (WHERE c.sent_at < ?) FROM agent_commands c
                WHERE c.status IN ('sent', 'running') GROUP BY c.status
                """ : """
                SELECT c.status, count(*) AS n, count(*) FILTER (WHERE c.status <> 'pending' AND c.sent_at < ?) AS stuck
                FROM agent_commands c WHERE c.status = ANY (?) GROUP BY c.status
                """;
        List<String> statuses = new ArrayList<>(List.of("pending"));
        statuses.addAll(taken);
        List<Object> args = capabilities.isConsole() ? List.of(stuckBefore)
                : List.of(stuckBefore, statuses.toArray(String[]::new));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach(s -> byStatus.put(s, 0L));
        long[] stuck = {0};
        query(sql, args, rs -> {
            byStatus.merge(rs.getString(1), rs.getLong(2), Long::sum);
            stuck[0] += rs.getLong(3);
            return null;
        });
        return new CommandCounts(byStatus, stuck[0], commandTimeout);
    }

    /** Newest storage figures over the threshold, per agent and mountpoint; empty where there are no storage figures. */
    public Optional<FullDisks> fullDisks(int fullest) throws SQLException {
        if (!capabilities.has(Feature.STORAGE_METRICS)) {
            return Optional.empty();
        }
        // The threshold is written into the statement, not bound: so the planner can use the partial indexes on it.
        String sql = """
                WITH full_disks AS (%s)
                SELECT (SELECT count(*) FROM full_disks) AS disks,
                       (SELECT count(DISTINCT agent_id) FROM full_disks) AS agents,
                       f.agent_id, a.hostname, f.mountpoint, f.used_percent::numeric(5, 2) AS used_percent
                FROM (SELECT 1) one
                LEFT JOIN (SELECT * FROM full_disks ORDER BY used_percent DESC, agent_id, mountpoint LIMIT ?) f ON true
                LEFT JOIN agents a ON a.id = f.agent_id
                ORDER BY f.used_percent DESC NULLS LAST, f.agent_id, f.mountpoint
                """.formatted(fullDisksSql(capabilities).formatted(FullDisks.THRESHOLD_PERCENT));
        long[] totals = {0, 0};
        List<FullDisks.Disk> disks = new ArrayList<>();
        query(sql, List.of(fullest), rs -> {
            totals[0] = rs.getLong("disks");
            totals[1] = rs.getLong("agents");
            UUID agent = rs.getObject("agent_id", UUID.class);
            if (agent != null) {
                disks.add(new FullDisks.Disk(agent, rs.getString("hostname"), rs.getString("mountpoint"),
                        rs.getBigDecimal("used_percent")));
            }
            return null;
        });
        return Optional.of(new FullDisks(totals[0], totals[1], disks));
    }

    /**
     * The disks whose newest figure is over the threshold (left as {@code %d}). The console's schema keeps each disk's
     * newest figure (V19's storage_latest): the full ones are read from its partial index, however long the
     * history. Elsewhere, from the figures over the threshold (the console's V16 partial index, before V19),
     * those that no newer figure of their disk replaced: one probe of the disk's newest figure each (a NOT EXISTS
     * became a hash anti-join over every figure: 630 ms at 1,200,000 figures), which grows with the history of
     * disks that stay full.
     */
    private static String fullDisksSql(Capabilities capabilities) {
        return capabilities.has(Feature.STORAGE_LATEST) ? """
                SELECT l.agent_id, l.mountpoint, l.used_percent FROM storage_latest l WHERE l.used_percent > %d
                """ : """
                SELECT s.agent_id, s.mountpoint, s.used_percent
                FROM storage_metrics s
                WHERE s.used_percent > %d
                  AND s.created_at = (SELECT max(n.created_at) FROM storage_metrics n
                                      WHERE n.agent_id = s.agent_id AND n.mountpoint = s.mountpoint)
                """;
    }

    /**
     * Above this many rows (the planner's count) the console's pending updates are the planner's statistics, not a
     * count: at 100,000 agents with a few updates each, counting them and their distinct agents took 450 ms.
     */
    static final long ESTIMATE_ABOVE = 200_000;

    /**
     * Pending updates by severity: the console's update_packages (every row is an available update), RedFlag's
     * current_package_state rows still pending. Empty where the schema keeps no package state. One statement: the
     * table's size, found in the catalog first, switches off the branch that would not be used (each branch runs
     * only if its one-time filter holds).
     */
    public Optional<PendingUpdates> pendingUpdates() throws SQLException {
        String sql;
        if (capabilities.isConsole()) {
            sql = """
                    WITH size AS (SELECT c.reltuples::bigint AS n FROM pg_class c WHERE c.oid = 'update_packages'::regclass)
                    SELECT e.severity, e.all_severities, e.n, e.agents, false AS estimated
                    FROM (%s) e
                    WHERE (SELECT n FROM size) <= %d
                    UNION ALL
                    SELECT v.severity, 0, round(v.freq * z.n)::bigint, 0, true
                    FROM size z, pg_stats st,
                         unnest(st.most_common_vals::text::text[], st.most_common_freqs) AS v(severity, freq)
                    WHERE z.n > %3$d AND st.schemaname = current_schema() AND st.tablename = 'update_packages'
                      AND st.attname = 'severity'
                    UNION ALL
                    SELECT NULL, 1, 0, round(CASE WHEN st.n_distinct < 0 THEN -st.n_distinct * z.n
                                                  ELSE least(st.n_distinct, z.n) END)::bigint, true
                    FROM size z, pg_stats st
                    WHERE z.n > %3$d AND st.schemaname = current_schema() AND st.tablename = 'update_packages'
                      AND st.attname = 'agent_id'
                    """.formatted(exactUpdates("update_packages p"), ESTIMATE_ABOVE, ESTIMATE_ABOVE);
        } else if (capabilities.has(Feature.PACKAGE_STATE)) {
            sql = exactUpdates("current_package_state p WHERE p.status = 'pending'");
        } else {
            return Optional.empty();
        }
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        PendingUpdates.SEVERITIES.forEach(s -> bySeverity.put(s, 0L));
        long[] agents = {0};
        boolean[] estimated = {false};
        query(sql, List.of(), rs -> {
            estimated[0] |= rs.getBoolean("estimated");
            if (rs.getInt("all_severities") == 1) {
                agents[0] = rs.getLong("agents");
            } else {
                String severity = rs.getString("severity");
                bySeverity.merge(severity == null ? "none" : severity, rs.getLong("n"), Long::sum);
            }
            return null;
        });
        return Optional.of(new PendingUpdates(bySeverity, agents[0], estimated[0]));
    }

    /** The count by severity; the empty grouping set adds the row of all severities, with their distinct agents. */
    private static String exactUpdates(String from) {
        return """
                SELECT p.severity::text AS severity, GROUPING(p.severity) AS all_severities, count(*) AS n,
                       count(DISTINCT p.agent_id) AS agents, false AS estimated
                FROM %s
                GROUP BY GROUPING SETS ((p.severity), ())
                """.formatted(from);
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> args, Row<T> row) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof String[] texts) {
                    ps.setArray(i + 1, c.createArrayOf("text", texts));
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }
}
