package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * The benchmark's own SQL: it fills a database with a fleet of realistic shape, all inside the server
 * (set-based INSERT … SELECT over generate_series), because sending millions of rows through JDBC would measure
 * the network, not the console. Agents and history each load in one transaction through {@link BulkLoad}.
 * Every generated agent is marked {@code metadata.bench = true}.
 */
final class FleetGenerator implements BenchFleet {

    /** History is written in slices of one transaction, so progress shows during a load of minutes. */
    static final long HISTORY_SLICE = 500_000;

    static final List<String> AGENT_TABLES = List.of("agents", "agent_subsystems", "agent_commands");

    /** Days the generated history spreads over, ending now. */
    static final int HISTORY_DAYS = 90;

    /** A package name only one history row in ten thousand mentions: the "rare text" search. */
    static final String RARE_OUTPUT_TEXT = "libfrobnicate";

    /** A package name a few percent of the outputs mention: the "common text" search. */
    static final String COMMON_OUTPUT_TEXT = "openssl";

    private final DataSource dataSource;

    FleetGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Agents with their subsystems and commands, then history in slices, each load with its indexes and keys
     * rebuilt, then fresh statistics. The "in all" lines are the figure that counts: rows and rebuild together.
     */
    @Override
    public List<Step> generate(FleetBench.Sizes sizes, LongConsumer historyProgress) throws SQLException {
        List<Step> steps = new ArrayList<>();
        long start = System.nanoTime();
        BulkLoad.Rebuilt agentKeys = load(AGENT_TABLES, c -> {
            long agentsStart = System.nanoTime();
            agents(c, sizes.agents());
            steps.add(new Step("agents", BenchFleet.seconds(agentsStart), sizes.agents()));
            long othersStart = System.nanoTime();
            long others = subsystemsAndCommands(c);
            steps.add(new Step("agents' subsystems and commands", BenchFleet.seconds(othersStart), others));
        });
        steps.add(rebuiltStep("agent tables", agentKeys));
        long agentRows = steps.get(0).rows() + steps.get(1).rows();
        steps.add(new Step("agent tables in all", BenchFleet.seconds(start), agentRows));
        long historyStart = System.nanoTime();
        BulkLoad.Rebuilt historyKeys = load(List.of("update_logs"), c -> {
            history(c, sizes.history(), historyProgress);
            steps.add(new Step("history rows", BenchFleet.seconds(historyStart), sizes.history()));
        });
        steps.add(rebuiltStep("update_logs", historyKeys));
        steps.add(new Step("history in all", BenchFleet.seconds(historyStart), sizes.history()));
        long resultsStart = System.nanoTime();
        long[] results = {0};
        BulkLoad.Rebuilt resultKeys = load(ScanResultsGenerator.TABLES, c -> results[0] = ScanResultsGenerator.generate(c));
        steps.add(new Step("storage figures and pending updates", BenchFleet.seconds(resultsStart), results[0]));
        steps.add(rebuiltStep("scan results", resultKeys));
        long analyzeStart = System.nanoTime();
        analyze();
        steps.add(new Step("analyze", BenchFleet.seconds(analyzeStart), 0));
        return steps;
    }

    private static Step rebuiltStep(String tables, BulkLoad.Rebuilt rebuilt) {
        return new Step(String.format(java.util.Locale.ROOT, "%s: %d indexes, %d keys rebuilt", tables,
                rebuilt.indexes(), rebuilt.keys()), rebuilt.seconds(), 0);
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction readied by {@link BulkLoad} for {@code tables}; commits after the rebuild. */
    private BulkLoad.Rebuilt load(List<String> tables, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                BulkLoad load = BulkLoad.begin(c, tables);
                work.run(c);
                BulkLoad.Rebuilt rebuilt = load.finish();
                c.commit();
                return rebuilt;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public List<String> tables() {
        return List.of("agents", "agent_subsystems", "agent_commands", "update_logs", "storage_metrics",
                "storage_latest", "update_packages");
    }

    @Override
    public int historyDays() {
        return HISTORY_DAYS;
    }

    @Override
    public String subsystemFilter() {
        return "docker";
    }

    @Override
    public String commonOutputText() {
        return COMMON_OUTPUT_TEXT;
    }

    @Override
    public String rareOutputText() {
        return RARE_OUTPUT_TEXT;
    }

    @Override
    public String duplicateRule() {
        return "more than one pending or sent command per (agent, command type)";
    }

    @Override
    public boolean runsClaimRound() {
        return true;
    }

    /** Agents in the database, or zero when it has no agents table yet (a database never migrated). */
    long existingAgents() throws SQLException {
        if (count("SELECT count(to_regclass('agents'))") == 0) {
            return 0;
        }
        return count("SELECT count(*) FROM (SELECT 1 FROM agents LIMIT 1) one");
    }

    /**
     * Agents with a realistic mix: 70% linux, 25% windows, 5% macos; 60% seen in the last 15 minutes, 30% in
     * the last week, the rest up to 90 days ago or never.
     */
    private static void agents(Connection c, long count) throws SQLException {
        execute(c, List.of("SELECT setseed(0.42)", """
                INSERT INTO agents (hostname, os_type, os_version, os_architecture, agent_version, machine_id, last_seen,
                                    status, reboot_required, metadata, created_at)
                SELECT (ARRAY['web', 'db', 'app', 'cache', 'build', 'ws', 'fs', 'mail'])[1 + i % 8]
                           || '-' || lpad(i::text, 6, '0') || '.'
                           || (ARRAY['ams', 'fra', 'nyc', 'sfo', 'sgp'])[1 + (i / 8) % 5] || '.fleet.example',
                       os,
                       CASE os WHEN 'linux' THEN (ARRAY['Ubuntu 22.04', 'Ubuntu 24.04', 'Debian 12', 'Rocky Linux 9',
                                                        'Fedora 40'])[1 + i % 5]
                               WHEN 'windows' THEN (ARRAY['Windows Server 2022', 'Windows 11 23H2'])[1 + i % 2]
                               ELSE 'macOS 14.5' END,
                       CASE WHEN i % 10 = 0 THEN 'arm64' ELSE 'amd64' END,
                       (ARRAY['0.1.22', '0.1.23', '0.1.24'])[1 + i % 3],
                       'bench-' || i,
                       CASE WHEN i % 10 < 6 THEN now() - random() * interval '14 minutes'
                            WHEN i % 10 < 9 THEN now() - interval '15 minutes' - random() * interval '7 days'
                            WHEN i % 20 = 9 THEN NULL
                            ELSE now() - random() * interval '90 days' END,
                       CASE WHEN i % 10 < 6 THEN 'online' ELSE 'offline' END,
                       i % 13 = 0,
                       '{"bench": true}'::jsonb,
                       now() - interval '120 days' + random() * interval '30 days'
                FROM generate_series(1, ?::bigint) i
                CROSS JOIN LATERAL (SELECT CASE WHEN i % 20 < 14 THEN 'linux'
                                                WHEN i % 20 < 19 THEN 'windows' ELSE 'macos' END AS os) o
                """), count);
    }

    /**
     * Each generated agent gets its four subsystems (docker enabled on half the linux machines only) and three
     * finished scans; one agent in fifty has a system scan pending. Returns the rows written. An agent's
     * subsystems are written together, in registration order, as a server writes them when the agent registers:
     * side by side on disk, not a table's length apart.
     */
    private static long subsystemsAndCommands(Connection c) throws SQLException {
        return execute(c, List.of("""
                INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run, last_run_at,
                                              next_run_at)
                SELECT a.id, s.name,
                       s.name <> 'docker' OR (a.os_type = 'linux' AND random() < 0.5),
                       (ARRAY[15, 60, 240, 1440])[1 + s.n % 4], true,
                       a.last_seen - random() * interval '4 hours',
                       a.last_seen + interval '15 minutes'
                FROM agents a
                CROSS JOIN unnest(ARRAY['updates', 'storage', 'system', 'docker']) WITH ORDINALITY AS s(name, n)
                WHERE a.metadata @> '{"bench": true}'
                ORDER BY substring(a.machine_id FROM 7)::bigint, s.n
                """)) + execute(c, List.of("""
                INSERT INTO agent_commands (agent_id, command_type, params, status, source, created_at, sent_at,
                                            completed_at, result)
                SELECT a.id, 'scan_' || t.name, jsonb_build_object('subsystem', t.name),
                       CASE WHEN random() < 0.08 THEN 'failed' ELSE 'completed' END, 'system',
                       c.at, c.at + interval '20 seconds', c.at + interval '50 seconds',
                       jsonb_build_object('summary', 'Scan of ' || t.name || ' finished')
                FROM agents a
                CROSS JOIN unnest(ARRAY['updates', 'storage', 'system']) AS t(name)
                CROSS JOIN LATERAL (SELECT now() - random() * interval '90 days' AS at) c
                WHERE a.metadata @> '{"bench": true}'
                """)) + execute(c, List.of("""
                INSERT INTO agent_commands (agent_id, command_type, params, status, source, created_at)
                SELECT a.id, 'scan_system', '{"subsystem": "system"}'::jsonb, 'pending', 'system',
                       now() - random() * interval '1 hour'
                FROM agents a
                WHERE a.metadata @> '{"bench": true}' AND substring(a.machine_id FROM 7)::bigint % 50 = 0
                """));
    }

    /**
     * History over the last {@value #HISTORY_DAYS} days: 40% updates, 25% storage, 25% system, 10% docker
     * scans; 85% success, 10% failed, 5% partial; one row in five hundred a console error with a stack trace in
     * stderr. Outputs are scan summaries naming packages, so text search has something real to find.
     */
    private static void history(Connection c, long rows, LongConsumer progress) throws SQLException {
        long agents = execute(c, List.of("""
                CREATE TEMPORARY TABLE bench_agent_numbers ON COMMIT DROP AS
                SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM agents WHERE metadata @> '{"bench": true}'
                """));
        execute(c, List.of("CREATE UNIQUE INDEX ON bench_agent_numbers (n)", "ANALYZE bench_agent_numbers"));
        for (long first = 1; first <= rows; first += HISTORY_SLICE) {
            long last = Math.min(rows, first + HISTORY_SLICE - 1);
            execute(c, List.of("""
                    INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, stderr, exit_code,
                                             duration_seconds, metadata, executed_at)
                    SELECT CASE WHEN console THEN NULL ELSE b.id END,
                           CASE WHEN console THEN 'console_error' ELSE 'scan_' || sub END,
                           CASE WHEN console THEN 'failed' ELSE res END,
                           CASE WHEN console THEN (ARRAY['history', 'agents', 'scans'])[1 + g % 3] ELSE sub END,
                           CASE WHEN console OR res = 'failed' THEN NULL
                                WHEN sub = 'updates' THEN 'Found ' || (g % 37) || ' updates: '
                                     || (ARRAY['curl', 'openssl', 'bash', 'tzdata', 'python3', 'nginx', 'git', 'zlib',
                                               'systemd', 'sudo', 'vim', 'libc6', 'openssh', 'perl', 'glibc',
                                               'kernel', 'docker-ce', 'containerd', 'tar', 'gzip'])[1 + g % 20]
                                     || ' ' || (g % 9) || '.' || (g % 17) || '.' || (g % 5) || ', '
                                     || CASE WHEN g % 10000 = 7 THEN ?::text ELSE (ARRAY['ca-certificates', 'libssl3', 'coreutils', 'rsync', 'less'])[1 + g % 5] END
                                     || ' and ' || (g % 37) / 2 || ' more'
                                WHEN sub = 'storage' THEN 'Checked ' || (1 + g % 6) || ' mounts: / at '
                                     || (g % 97) || '%, /var at ' || (g % 89) || '% on ' || b.n
                                WHEN sub = 'system' THEN 'Uptime ' || (g % 400) || ' days, ' || (2 << (g % 6)::int)
                                     || ' cores, ' || (4 << (g % 5)::int) || ' GB memory, reboot '
                                     || CASE WHEN g % 13 = 0 THEN 'required' ELSE 'not required' END
                                ELSE 'Scanned ' || (g % 30) || ' images; ' || (g % 4) || ' have newer tags' END,
                           CASE WHEN console THEN 'java.sql.SQLTransientConnectionException: redflag-console - '
                                     || 'Connection is not available, request timed out after 10000ms.'
                                     || E'\\n\\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException'
                                WHEN res = 'failed' THEN 'exit status ' || (1 + g % 2) || ': '
                                     || (ARRAY['could not resolve host', 'dpkg lock held by another process',
                                               'permission denied', 'disk full'])[1 + g % 4]
                                ELSE NULL END,
                           CASE WHEN console THEN NULL WHEN res = 'failed' THEN 1 + g % 2 ELSE 0 END,
                           CASE WHEN console THEN NULL ELSE 1 + g % 300 END,
                           CASE WHEN console THEN '{"kind": "console_error"}'::jsonb ELSE '{}'::jsonb END,
                           now() - random() * make_interval(days => ?::int)
                    FROM generate_series(?::bigint, ?::bigint) g
                    CROSS JOIN LATERAL (SELECT g % 500 = 3 AS console,
                                               CASE WHEN g % 20 < 8 THEN 'updates' WHEN g % 20 < 13 THEN 'storage'
                                                    WHEN g % 20 < 18 THEN 'system' ELSE 'docker' END AS sub,
                                               CASE WHEN g % 100 < 85 THEN 'success' WHEN g % 100 < 95 THEN 'failed'
                                                    ELSE 'partial' END AS res) k
                    JOIN bench_agent_numbers b ON b.n = (g * 7919) % ?
                    """), RARE_OUTPUT_TEXT, HISTORY_DAYS, first, last, agents);
            progress.accept(last);
        }
    }

    /** Fresh statistics and visibility maps, as autovacuum would have them on a database that grew over months. */
    void analyze() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // Every table is vacuumed, as autovacuum does a table soon after it grows: the pages all-visible, an
            // index-only scan (the Overview's charts) answers from the index, and no autovacuum worker then takes a
            // core while the queries are timed. The checkpoint writes the load out now rather than during them.
            execute(c, List.of("VACUUM (ANALYZE) agents", "VACUUM (ANALYZE) agent_subsystems",
                    "VACUUM (ANALYZE) agent_commands", "VACUUM (ANALYZE) update_logs", "VACUUM (ANALYZE) storage_metrics",
                    "VACUUM (ANALYZE) storage_latest", "VACUUM (ANALYZE) update_packages"));
            try {
                execute(c, List.of("CHECKPOINT"));
            } catch (SQLException notAllowed) {
                // Only a superuser or a member of pg_checkpoint may; the run is then as noisy as it is.
            }
        }
    }

    long benchAgents() throws SQLException {
        return count("SELECT count(*) FROM agents WHERE metadata @> '{\"bench\": true}'");
    }

    /** The first generated agent in hostname order: every agent has history, spread evenly. */
    @Override
    public Optional<UUID> someAgent() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM agents WHERE metadata @> '{\"bench\": true}' ORDER BY lower(hostname), id LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
        }
    }

    /** (agent, command type) pairs with more than one active command: must be zero. */
    @Override
    public long duplicateScans() throws SQLException {
        return count("""
                SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status IN ('pending', 'sent')
                                      GROUP BY agent_id, command_type HAVING count(*) > 1) d
                """);
    }

    /**
     * Runs the statements in order on {@code c} (one session, so setseed holds); the last one gets {@code args}.
     * Returns the rows the last one wrote.
     */
    private static long execute(Connection c, List<String> statements, Object... args) throws SQLException {
        long written = 0;
        for (int i = 0; i < statements.size(); i++) {
            try (PreparedStatement ps = c.prepareStatement(statements.get(i))) {
                if (i == statements.size() - 1) {
                    for (int a = 0; a < args.length; a++) {
                        ps.setObject(a + 1, args[a]);
                    }
                }
                ps.execute();
                written = Math.max(0, ps.getLargeUpdateCount());
            }
        }
        return written;
    }
}
