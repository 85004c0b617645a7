package org.redflag.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.cli.ExitCodes;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The benchmark end to end on a tiny fleet: it generates what it says and prints every figure. No timing asserts. */
class BenchCommandTest {

    @Test
    void generatesTheFleetAndReportsEveryMeasuredQuery() {
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = bench(db, "--agents", "200", "--history", "2000", "--runs", "2", "--warmups", "1",
                "--scan-calls", "100");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        for (String measured : FleetBench.MEASURED) {
            assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(measured)
                    + "\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+");
        }
        assertThat(run.out()).contains("Generation", "Tables", "Plans (EXPLAIN ANALYZE, BUFFERS of the same SQL)",
                "index scan on idx_update_logs_executed", "Memory (heap used after System.gc()",
                "history: 10 pages", "100 calls", "50 queued, 50 already queued, duplicates = 0",
                "Scans under concurrency", "duplicates = 0;", "  why: ", "Live latency", "0 lost",
                "Scan all matching", "\"agent_commands,*,\"");
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(200);
        assertThat(db.queryLong("SELECT count(*) FROM agent_subsystems")).isEqualTo(800);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(2000);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(4);
        assertThat(db.queryLong("SELECT count(DISTINCT subsystem) FROM update_logs WHERE action <> 'console_error'"))
                .isEqualTo(4);
        // Generated: three finished scans per agent and one pending system scan per fifty agents. Queued by the bench:
        // 50 updates scans on one thread, a storage scan on each of the 100 agents the concurrent run asked, and,
        // scanning all matching, a system scan on every agent that had no active one.
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE source = 'system'")).isEqualTo(600 + 4);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE source = 'manual' "
                + "AND command_type = 'scan_updates'")).isEqualTo(50);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE source = 'manual' "
                + "AND command_type = 'scan_storage'")).isEqualTo(100);
        assertThat(db.queryLong("SELECT count(DISTINCT agent_id) FROM agent_commands WHERE command_type = 'scan_system' "
                + "AND status IN ('pending', 'sent')")).isEqualTo(200);
        assertThat(db.queryLong("""
                SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status IN ('pending', 'sent')
                                      GROUP BY agent_id, command_type HAVING count(*) > 1) d""")).isZero();
        // Generated with storage_metrics' triggers off, storage_latest still holds each disk's newest figure.
        assertThat(db.queryLong("SELECT count(*) FROM storage_latest")).isGreaterThanOrEqualTo(600);
        assertThat(db.queryLong("""
                WITH kept AS (SELECT agent_id, mountpoint, metric_id, used_percent, created_at FROM storage_latest),
                     newest AS (SELECT DISTINCT ON (agent_id, mountpoint) agent_id, mountpoint, id, used_percent, created_at
                                FROM storage_metrics ORDER BY agent_id, mountpoint, created_at DESC, id DESC)
                SELECT count(*) FROM ((TABLE kept EXCEPT TABLE newest) UNION ALL (TABLE newest EXCEPT TABLE kept)) d
                """)).isZero();
    }

    /**
     * The JSON report holds what the text shows: every timed read query with the console's and the raw figures side
     * by side, and the generation's rows per second. Only the shape of the figures is checked, never their size.
     */
    @Test
    void writesTheWholeReportAsJsonWithConsoleAndRawFiguresForEveryQuery(@TempDir Path folder) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Path file = folder.resolve("bench.json");

        CliRun run = bench(db, "--agents", "100", "--history", "1000", "--runs", "2", "--warmups", "0",
                "--scan-calls", "20", "--json", file.toString(), "--window");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        Map<String, Object> report = JSON.std.mapFrom(Files.readString(file));
        // Without a display the window cannot be toured: said, and the report says it was not measured.
        assertThat(run.out()).contains("not measured: there is no display");
        assertThat(asMap(report.get("window"))).containsEntry("measured", false);
        assertReadmeTablesAreMadeFrom(file, queryNames(report), folder);
        assertThat(report).containsEntry("shape", "console").containsKeys("generation", "tables", "queries",
                "memory_above_baseline");
        List<Map<String, Object>> queries = listOfMaps(report.get("queries"));
        assertThat(queries).extracting(q -> q.get("name")).containsExactlyElementsOf(FleetBench.MEASURED);
        for (Map<String, Object> query : queries) {
            boolean writePath = query.get("name").equals("scans: requestScan")
                    || query.get("name").equals("fleet: claim round");
            assertThat(asMap(query.get("console"))).as(query.get("name").toString())
                    .containsKeys("median_ms", "p95_ms", "max_ms");
            if (writePath) {
                assertThat(query.get("raw")).isNull();
            } else {
                assertThat(asMap(query.get("raw"))).as(query.get("name").toString()).containsKeys("median_ms", "p95_ms");
                assertThat(query.get("console_over_raw")).isInstanceOf(Number.class);
                assertThat(((Number) query.get("raw_bytes")).longValue()).isGreaterThanOrEqualTo(0);
                assertThat(asMap(query.get("plan"))).containsKeys("scans", "execution_ms", "planning_ms");
            }
            if (Boolean.FALSE.equals(query.get("goals_met"))) {
                assertThat(query.get("why")).asString().contains("server: execution");
            }
        }
        assertThat(listOfMaps(report.get("generation"))).extracting(step -> step.get("step"))
                .contains("agent tables in all", "history in all");
        assertThat(listOfMaps(report.get("generation")))
                .filteredOn(step -> step.get("step").equals("history in all"))
                .allSatisfy(step -> assertThat(step.get("rows")).isEqualTo(1000));
        assertThat(run.out()).contains("Raw median", "Console/raw", "The report as JSON: " + file);
        assertWritePathsInJson(report);
    }

    /** bench-tables writes the report's tables between the README's markers and leaves the rest of it alone. */
    private static void assertReadmeTablesAreMadeFrom(Path report, List<String> queries, Path folder) throws Exception {
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, "# Title\n\n" + BenchTablesCommand.BEGIN + "\nold figures\n" + BenchTablesCommand.END
                + "\n\nAfter.\n");

        CliRun tables = CliRun.of(Map.of(), "bench-tables", report.toString(), "--readme", readme.toString());

        assertThat(tables.exitCode()).isEqualTo(ExitCodes.OK);
        String text = Files.readString(readme);
        assertThat(text).startsWith("# Title\n\n" + BenchTablesCommand.BEGIN).endsWith(BenchTablesCommand.END
                + "\n\nAfter.\n").doesNotContain("old figures").contains("| generation | seconds | rows/s |",
                "| history in all |", "| scans under concurrency |", "| scan all matching |", "Live latency");
        queries.stream().filter(name -> !name.startsWith("scans:") && !name.startsWith("fleet:"))
                .forEach(name -> assertThat(text).contains("| " + name + " |"));
        CliRun notAReport = CliRun.of(Map.of(), "bench-tables", readme.toString());
        assertThat(notAReport.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(notAReport.err()).contains("Could not read the bench report");
    }

    private static List<String> queryNames(Map<String, Object> report) {
        return listOfMaps(report.get("queries")).stream().map(q -> q.get("name").toString()).toList();
    }

    /**
     * The concurrent scans, the live latency and scan all matching are in the JSON with their figures; what is
     * asserted is what the database did (duplicates, errors, rows queued, notifications), never how fast.
     */
    private static void assertWritePathsInJson(Map<String, Object> report) {
        Map<String, Object> concurrent = asMap(report.get("concurrent_scans"));
        assertThat(concurrent).containsEntry("threads_per_side", 8).containsEntry("duplicates", 0)
                .containsKeys("console_over_raw", "goals_met");
        assertThat(concurrent.get("why")).asString().contains("what limits it: ", "pool", "NOTIFY lock");
        for (String side : List.of("console", "raw")) {
            Map<String, Object> figures = asMap(concurrent.get(side));
            assertThat(figures).as(side).containsEntry("calls", 20).containsEntry("errors", 0)
                    .containsEntry("queued", 10).containsKeys("calls_per_second", "java_cpu_us_per_call",
                            "server_cpu_us_per_call");
            assertThat(asMap(figures.get("backend_states"))).as(side).isNotEmpty();
        }
        // One statement a call, whether the scan is queued or already queued.
        assertThat(concurrent).containsEntry("statements_when_already_queued", 1);

        Map<String, Object> live = asMap(report.get("live_latency"));
        assertThat(live).containsEntry("round_trips", LiveLatency.ROUND_TRIPS)
                .containsKeys("median_ms", "p95_ms", "max_ms", "lost", "goal_met");

        List<Map<String, Object>> runs = listOfMaps(asMap(report.get("scan_all_matching")).get("runs"));
        assertThat(runs).extracting(r -> r.get("run")).containsExactly("first", "again");
        // Every agent gets a system scan, but those whose generated one is still pending (the claim round may have
        // taken them): over 50 rows, so one notification says "many" instead of one per row.
        assertThat(runs.get(0)).containsEntry("matching", 100).containsEntry("notifications", 1)
                .containsEntry("payloads", List.of("agent_commands,*,")).containsKeys("ms", "server_cpu_ms");
        assertThat(((Number) runs.get(0).get("queued")).longValue() + ((Number) runs.get(0).get("already_queued"))
                .longValue()).isEqualTo(100);
        assertThat(((Number) runs.get(0).get("queued")).longValue()).isGreaterThan(50);
        assertThat(runs.get(1)).containsEntry("queued", 0).containsEntry("already_queued", 100)
                .containsEntry("notifications", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    /**
     * Each RedFlag generation built by RedFlag's own scripts, seeded, probed afresh and measured through the
     * repositories in RedFlag's dialect. The {@code !!} flag is only raised for tables over
     * {@link FleetBench#BIG_TABLE_ROWS} rows, so at this size no plan is flagged; what RedFlag's indexes do at
     * fleet scale is in the README's figures, not asserted here.
     */
    @ParameterizedTest
    @CsvSource({"redflag-0.1, updates, 3", "redflag-later, docker, 4"})
    void measuresTheConsoleOnARedFlagShapedDatabase(String shape, String subsystem, int tables) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = bench(db, "--shape", shape, "--agents", "200", "--history", "2000", "--runs", "2",
                "--warmups", "0", "--scan-calls", "50");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Shape: " + shape, "the console's probe found: RedFlag schema",
                "duplicates = 0", "fleet: claim round skipped", "Memory (heap used after System.gc()")
                .doesNotContain("console schema");
        boolean storage = !shape.equals("redflag-0.1");
        for (String measured : FleetBench.measured(subsystem, false, storage)) {
            assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(measured)
                    + "\\s+\\d+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+");
        }
        assertThat(run.out()).doesNotContainPattern("(?m)^fleet: claim round\\s+\\d");
        assertThat(run.out().lines().filter(line -> line.startsWith("  agents: ") || line.startsWith("  history: ")))
                .hasSize((int) FleetBench.measured(subsystem, false, storage).stream()
                        .filter(name -> name.startsWith("agents: ") || name.startsWith("history: ")).count())
                .noneMatch(line -> line.contains("!!"));
        // RedFlag's schema as RedFlag made it: no console tables, nothing migrated by Flyway.
        assertThat(db.queryLong("SELECT count(to_regclass('flyway_schema_history'))")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(200);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(2000);
        assertThat(run.out().lines().filter(line -> line.matches("^(agents|agent_subsystems|agent_commands|update_logs) .*")))
                .hasSize(tables);
        // What the window does with the database the bench left (migrate and demo fleet on): it sees RedFlag and
        // changes nothing.
        try (ConsoleContext window = ConsoleContext.open(new ConsoleSettings(
                new DatabaseTarget.Server(db.url(), TestPostgres.SUPERUSER), true, true), Optional.empty(),
                Clock.systemUTC())) {
            assertThat(window.capabilities().isRedFlag()).isTrue();
        }
        assertThat(db.queryLong("SELECT count(to_regclass('flyway_schema_history'))")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(200);
    }

    /**
     * --with-companion measures on RedFlag's own indexes, installs the consented set as an administrator would,
     * measures the same queries again and names, per query, the added index its new plan reads. At this size no
     * index makes a page faster, so what is checked is what was installed and that every query has both runs.
     */
    @Test
    void withCompanionMeasuresTheSameQueriesBeforeAndAfterTheConsentedSet(@TempDir Path folder) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        Path file = folder.resolve("bench.json");

        CliRun run = bench(db, "--shape", "redflag-0.1", "--with-companion", "--agents", "200", "--history", "2000",
                "--runs", "2", "--warmups", "0", "--scan-calls", "50", "--json", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("What the console's consented set buys", "Index that made the difference");
        Map<String, Object> companion = asMap(JSON.std.mapFrom(Files.readString(file)).get("companion"));
        assertThat(companion).containsEntry("one_pending_index_added", true).containsKey("install_seconds");
        assertThat(companion.get("indexes_added")).asList().containsExactlyInAnyOrder("idx_agent_pending_subsystem",
                "redflag_console_agents_hostname", "redflag_console_logs_agent_executed",
                "redflag_console_logs_console_errors");
        List<Map<String, Object>> queries = listOfMaps(companion.get("queries"));
        assertThat(queries).extracting(q -> q.get("name"))
                .containsExactlyElementsOf(FleetBench.measured("updates", false, false));
        for (Map<String, Object> query : queries) {
            assertThat(asMap(query.get("before"))).containsKey("median_ms");
            assertThat(asMap(query.get("after"))).containsKey("median_ms");
            assertThat(query.get("difference")).asString().isNotBlank();
        }
        // The scan request has no plan to read: on v0.1 it is 023a's index that changes how the console queues.
        assertThat(queries).filteredOn(q -> q.get("name").equals("scans: requestScan"))
                .allSatisfy(q -> assertThat(q.get("difference")).asString().startsWith("idx_agent_pending_subsystem"));
        assertThat(db.queryLong("SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status = 'pending' "
                + "GROUP BY agent_id, command_type HAVING count(*) > 1) d")).isZero();
    }

    @Test
    void aRedFlagShapeRefusesANonEmptyDatabaseEvenWithYesWrite() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        CliRun run = bench(db, "--shape", "redflag-later", "--yes-write", "--agents", "10", "--history", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).contains("is not empty", "RedFlag's own scripts", "need an empty database")
                .doesNotContain("Exception");
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isZero();
    }

    @Test
    void anUnknownShapeIsRefusedWithTheChoices() {
        CliRun run = CliRun.of(Map.of(), "bench", "--shape", "redflag-2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).contains("console, redflag-0.1 or redflag-later");
    }

    @Test
    void refusesToWriteIntoADatabaseThatAlreadyHasAgents() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("INSERT INTO agents (hostname, os_type) VALUES ('prod-1', 'linux')");

        CliRun run = bench(db, "--agents", "10", "--history", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: ").contains("already has agents", "--yes-write")
                .doesNotContain("Exception");
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(1);
    }

    @Test
    void negativeCountsAreRefusedBeforeAnyDatabaseIsOpened() {
        CliRun agents = CliRun.of(Map.of(), "bench", "--agents", "-5");
        CliRun history = CliRun.of(Map.of(), "bench", "--history", "-1");

        assertThat(agents.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(agents.err()).isEqualTo("redflag-console: --agents must be at least 1 (it was -5); a fleet needs "
                + "an agent." + System.lineSeparator());
        assertThat(history.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(history.err()).contains("--history cannot be negative");
    }

    @Test
    void anUnreachableServerIsOneParagraphAndExitTwo() {
        CliRun run = CliRun.of(Map.of(), "bench", "--db-url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "--db-user", "postgres", "--agents", "10", "--history", "10");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: ").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    private static CliRun bench(TestDatabase db, String... args) {
        // No warm-up by the clock: these runs prove the command works, they time nothing.
        String[] all = new String[args.length + 7];
        all[0] = "bench";
        all[1] = "--db-url";
        all[2] = db.url();
        all[3] = "--db-user";
        all[4] = TestPostgres.SUPERUSER;
        all[5] = "--warm-up-seconds";
        all[6] = "0";
        System.arraycopy(args, 0, all, 7, args.length);
        return CliRun.of(Map.of(), all);
    }
}
