package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redflag.console.cli.FleetCli.hostnames;
import static org.redflag.console.cli.FleetCli.ids;
import static org.redflag.console.cli.FleetCli.nullEntry;
import static org.redflag.console.cli.FleetCli.objects;
import static org.redflag.console.cli.FleetCli.tableRow;
import static org.redflag.console.cli.FleetCli.tableRows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** agents, history and scan against a real database: what they print is what SQL says is there. */
class FleetCommandsTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Clock AT_NOW = Clock.fixed(NOW, ZoneOffset.UTC);

    private final TestDatabase db = TestPostgres.newDatabase().migrated();
    private final FleetCli cli = new FleetCli(db);

    // ---- agents ----

    @Test
    void agentsListsExactlyTheAgentsSqlHasInHostnameOrderWithPresenceAndTotal() {
        Fleets.insertAgent(db, "web-02", "linux", NOW.minus(Duration.ofMinutes(5)));
        Fleets.insertAgent(db, "Db-01", "linux", NOW.minus(Duration.ofHours(2)));
        Fleets.insertAgent(db, "web-01", "windows", NOW.minus(Duration.ofMinutes(1)));
        Fleets.insertAgent(db, "mail", "macos", null);

        CliRun run = cli.run(AT_NOW, "agents");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(tableRows(run.out()).stream().map(r -> r.split("\\s+")[0]).toList())
                .containsExactlyElementsOf(cli.strings("SELECT hostname FROM agents ORDER BY lower(hostname), id"))
                .containsExactly("Db-01", "mail", "web-01", "web-02");
        assertThat(tableRow(run.out(), "web-01")).contains("windows · Test OS 1 (amd64)", "0.1.27", "online",
                "2026-03-10 11:59:00", "never");
        assertThat(tableRow(run.out(), "Db-01")).contains("offline", "2026-03-10 10:00:00");
        assertThat(tableRow(run.out(), "mail")).containsPattern("offline\\s+never\\s+never$");
        assertThat(run.out()).endsWith("4 agents shown of 4\n");
    }

    @Test
    void agentsSearchNarrowsCaseInsensitivelyAndLimitCutsButTotalIsTheWholeFleet() {
        for (String host : List.of("web-01", "WEB-02", "db-01", "mail-web")) {
            Fleets.insertAgent(db, host, "linux", NOW);
        }

        CliRun search = cli.run(AT_NOW, "agents", "--search", "web");
        CliRun limited = cli.run(AT_NOW, "agents", "--search", "WEB", "--limit", "2");
        CliRun nothing = cli.run(AT_NOW, "agents", "--search", "zzz");

        assertThat(hostnames(search)).containsExactly("mail-web", "web-01", "WEB-02");
        assertThat(search.out()).endsWith("3 agents shown of 4\n");
        assertThat(hostnames(limited)).containsExactly("mail-web", "web-01");
        assertThat(limited.out()).endsWith("2 agents shown of 4\n");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(nothing.out()).isEqualTo("No agent's hostname contains \"zzz\".\n0 agents shown of 4\n");
    }

    @Test
    void agentsPagesThroughMoreThanOneQueryPageWithoutGapsOrRepeats() {
        db.execute("INSERT INTO agents (hostname, os_type) SELECT 'host-' || lpad(i::text, 4, '0'), 'linux' "
                + "FROM generate_series(1, " + (AgentsCommand.PAGE_SIZE + 30) + ") i");
        int limit = AgentsCommand.PAGE_SIZE + 20;

        CliRun run = cli.run(AT_NOW, "agents", "--json", "--limit", String.valueOf(limit));

        Map<String, Object> json = JsonReader.object(run.out());
        assertThat(objects(json.get("agents")).stream().map(a -> a.get("hostname")).toList())
                .containsExactlyElementsOf(cli.strings("SELECT hostname FROM agents ORDER BY lower(hostname), id LIMIT ?",
                        limit));
        assertThat(json.get("shown")).isEqualTo((long) limit);
        assertThat(json.get("total")).isEqualTo((long) AgentsCommand.PAGE_SIZE + 30);
    }

    @Test
    void agentsJsonHasTheDocumentedShapeWithTheDatabasesValues() {
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW.minus(Duration.ofMinutes(3)),
                "storage", "updates");
        UUID old = Fleets.insertAgent(db, "old-box", "windows", null);
        db.execute("UPDATE agents SET reboot_required = true, os_version = 'Ubuntu 22.04', agent_version = '0.1.28' "
                + "WHERE hostname = 'web-01'");
        db.execute("UPDATE agent_subsystems SET last_run_at = '2026-03-10T11:30:00Z' WHERE subsystem = 'storage'");
        db.execute("UPDATE agent_subsystems SET last_run_at = '2026-03-10T09:00:00Z' WHERE subsystem = 'updates'");

        CliRun run = cli.run(AT_NOW, "agents", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        Map<String, Object> json = JsonReader.object(run.out());
        assertThat(json.keySet()).containsExactly("agents", "shown", "total");
        assertThat(json.get("shown")).isEqualTo(2L);
        assertThat(json.get("total")).isEqualTo(2L);
        List<Map<String, Object>> agents = objects(json.get("agents"));
        assertThat(agents.get(0)).containsExactly(
                Map.entry("id", old.toString()), Map.entry("hostname", "old-box"), Map.entry("os_type", "windows"),
                Map.entry("os_version", "Test OS 1"), Map.entry("architecture", "amd64"),
                Map.entry("version", "0.1.27"), Map.entry("status", "offline"), nullEntry("last_seen"),
                nullEntry("last_scan"), Map.entry("reboot_required", false));
        assertThat(agents.get(1)).containsExactly(
                Map.entry("id", web.toString()), Map.entry("hostname", "web-01"), Map.entry("os_type", "linux"),
                Map.entry("os_version", "Ubuntu 22.04"), Map.entry("architecture", "amd64"),
                Map.entry("version", "0.1.28"), Map.entry("status", "online"),
                Map.entry("last_seen", "2026-03-10T11:57:00Z"), Map.entry("last_scan", "2026-03-10T11:30:00Z"),
                Map.entry("reboot_required", true));
    }

    // ---- history ----

    @Test
    void historyFiltersByAgentHostnameOrIdSubsystemAndResultAndReturnsExactlyTheRowsSqlSays() {
        UUID web = Fleets.insertAgent(db, "web-01", "linux", NOW);
        UUID dbHost = Fleets.insertAgent(db, "db-01", "linux", NOW);
        for (int i = 0; i < 12; i++) {
            UUID agent = i % 3 == 0 ? dbHost : web;
            String subsystem = List.of("storage", "updates", "system").get(i % 3);
            String result = i % 4 == 0 ? "failed" : "success";
            HistoryRows.scan(db, agent, NOW.minus(Duration.ofMinutes(10L * i)), subsystem, result);
        }
        String order = " ORDER BY l.executed_at DESC, l.id DESC";
        String select = "SELECT l.id FROM update_logs l WHERE ";

        assertThat(ids(cli.run(AT_NOW, "history", "--json")))
                .containsExactlyElementsOf(cli.strings(select + "true" + order));
        assertThat(ids(cli.run(AT_NOW, "history", "--agent", "WEB-01", "--json")))
                .containsExactlyElementsOf(cli.strings(select + "l.agent_id = ?" + order, web)).hasSize(8);
        assertThat(ids(cli.run(AT_NOW, "history", "--agent", dbHost.toString(), "--json")))
                .containsExactlyElementsOf(cli.strings(select + "l.agent_id = ?" + order, dbHost)).hasSize(4);
        assertThat(ids(cli.run(AT_NOW, "history", "--subsystem", "updates", "--json")))
                .containsExactlyElementsOf(cli.strings(select + "l.subsystem = 'updates'" + order)).hasSize(4);
        assertThat(ids(cli.run(AT_NOW, "history", "--result", "failed", "--json")))
                .containsExactlyElementsOf(cli.strings(select + "l.result = 'failed'" + order)).hasSize(3);
        assertThat(ids(cli.run(AT_NOW, "history", "--agent", "web-01", "--subsystem", "updates", "--result", "failed",
                "--json"))).containsExactlyElementsOf(cli.strings(select
                        + "l.agent_id = ? AND l.subsystem = 'updates' AND l.result = 'failed'" + order, web))
                .hasSize(1);
        assertThat(ids(cli.run(AT_NOW, "history", "--limit", "5", "--json")))
                .containsExactlyElementsOf(cli.strings(select + "true" + order + " LIMIT 5"));
    }

    @Test
    void historyJsonCarriesEveryColumnOfTheRow() {
        UUID web = Fleets.insertAgent(db, "web-01", "linux", NOW);
        UUID row = HistoryRows.insert(db, web, Instant.parse("2026-03-10T11:00:00Z"), "storage", "scan_storage",
                "partial", 3, 17, "line one\nline two", "warning: \"quoted\"");
        HistoryRows.insert(db, null, Instant.parse("2026-03-10T10:00:00Z"), "history", "console_error", "failed",
                null, null, null, "boom");

        Map<String, Object> json = JsonReader.object(cli.run(AT_NOW, "history", "--json").out());

        assertThat(json.keySet()).containsExactly("entries", "shown", "more");
        assertThat(json.get("shown")).isEqualTo(2L);
        assertThat(json.get("more")).isEqualTo(false);
        List<Map<String, Object>> entries = objects(json.get("entries"));
        assertThat(entries.get(0)).containsExactly(Map.entry("id", row.toString()),
                Map.entry("executed_at", "2026-03-10T11:00:00Z"), Map.entry("agent_id", web.toString()),
                Map.entry("hostname", "web-01"), Map.entry("subsystem", "storage"),
                Map.entry("action", "scan_storage"), Map.entry("result", "partial"), Map.entry("exit_code", 3L),
                Map.entry("duration_seconds", 17L), Map.entry("stdout", "line one\nline two"),
                Map.entry("stderr", "warning: \"quoted\""));
        assertThat(entries.get(1)).contains(nullEntry("agent_id"), nullEntry("hostname"), nullEntry("exit_code"),
                nullEntry("stdout"), Map.entry("stderr", "boom"));
    }

    @Test
    void historyTextShowsOneLinePerRowWithTheFirstOutputLineCutToFitAndSaysWhenMoreMatch() {
        UUID web = Fleets.insertAgent(db, "web-01", "linux", NOW);
        HistoryRows.insert(db, web, Instant.parse("2026-03-10T11:00:00Z"), "storage", "scan_storage", "failed", 2, 5,
                "\n  disk /var is " + "very ".repeat(40) + "full\nsecond line", "");
        HistoryRows.insert(db, web, Instant.parse("2026-03-10T10:00:00Z"), "updates", "scan_updates", "success", 0, 5,
                "", "only stderr here");
        HistoryRows.scan(db, web, Instant.parse("2026-03-10T09:00:00Z"), "system", "success");

        CliRun run = cli.run(AT_NOW, "history", "--limit", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        List<String> rows = tableRows(run.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsPattern(
                "^2026-03-10 11:00:00\\s+web-01\\s+storage\\s+scan_storage\\s+failed\\s+2\\s+disk /var is very");
        assertThat(rows.get(0)).endsWith("...").doesNotContain("second line").hasSizeLessThanOrEqualTo(100);
        assertThat(rows.get(1)).containsPattern("updates\\s+scan_updates\\s+success\\s+0\\s+only stderr here$");
        assertThat(run.out()).endsWith("2 rows shown, newest first; older rows match too (raise --limit to see them)\n");
    }

    @Test
    void historyOfAnUnknownAgentExitsTwoWithASentence() {
        Fleets.insertAgent(db, "web-01", "linux", NOW);

        CliRun byName = cli.run(AT_NOW, "history", "--agent", "web-1");
        CliRun byId = cli.run(AT_NOW, "history", "--agent", "00000000-0000-0000-0000-000000000042");

        assertThat(byName.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(byName.out()).isEmpty();
        assertThat(byName.err()).isEqualTo("redflag-console: No agent called web-1 in this database; "
                + "`agents --search web-1` lists similar names.\n");
        assertThat(byId.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(byId.err()).contains("No agent with the id 00000000-0000-0000-0000-000000000042 in this database");
    }

    @Test
    void anAmbiguousHostnameIsRefusedWithTheIdsToChooseFrom() {
        UUID first = Fleets.insertAgentWithSubsystems(db, "twin", "linux", NOW, "storage");
        UUID second = Fleets.insertAgentWithSubsystems(db, "TWIN", "linux", NOW, "storage");

        CliRun run = cli.run(AT_NOW, "scan", "--agent", "twin", "--subsystem", "storage");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).contains("2 agents are called twin; give the one you mean by its id")
                .contains(first.toString(), second.toString());
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    // ---- scan ----

    @Test
    void scanTwiceQueuesOnceAndTheSecondSaysSinceWhenInTheClocksZone() {
        Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW, "storage");
        Clock kolkata = Clock.system(ZoneId.of("Asia/Kolkata"));

        CliRun first = cli.run(kolkata, "scan", "--agent", "WEB-01", "--subsystem", "storage");
        CliRun second = cli.run(kolkata, "scan", "--agent", "web-01", "--subsystem", "Storage");

        String id = db.queryString("SELECT id::text FROM agent_commands");
        assertThat(first.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).isEqualTo("queued: storage scan of web-01 (command " + id + ")\n");
        String since = cli.createdAtAsShownBy(kolkata);
        assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).isEqualTo("already queued since " + since + " (command " + id + ")\n");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'pending' "
                + "AND command_type = 'scan_storage'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
    }

    @Test
    void scanJsonSaysQueuedThenAlreadyQueuedWithTheSameCommand() {
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW, "updates");

        Map<String, Object> first = JsonReader.object(cli.run(AT_NOW, "scan", "--agent", web.toString(),
                "--subsystem", "updates", "--json").out());
        Map<String, Object> second = JsonReader.object(cli.run(AT_NOW, "scan", "--agent", "web-01",
                "--subsystem", "updates", "--json").out());

        assertThat(first.keySet()).containsExactly("outcome", "command", "agent");
        assertThat(first.get("outcome")).isEqualTo("queued");
        assertThat(second.get("outcome")).isEqualTo("already_queued");
        assertThat(first.get("agent")).isEqualTo("web-01");
        assertThat(first.get("command")).isEqualTo(second.get("command"));
        assertThat(objects(List.of(first.get("command"))).get(0)).containsExactly(
                Map.entry("id", db.queryString("SELECT id::text FROM agent_commands")),
                Map.entry("agent_id", web.toString()), Map.entry("command_type", "scan_updates"),
                Map.entry("status", "pending"), Map.entry("source", "manual"),
                Map.entry("created_at", cli.createdAt().toString()));
    }

    @Test
    void scanOfAnUnknownAgentExitsTwoAndWritesNothing() {
        Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW, "storage");

        CliRun run = cli.run(AT_NOW, "scan", "--agent", "web-99", "--subsystem", "storage");

        cli.assertCannotRun(run, "No agent called web-99 in this database; `agents --search web-99` lists similar names.");
    }

    @Test
    void scanOfAnUnknownSubsystemExitsTwoAndWritesNothing() {
        Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW, "storage");

        CliRun run = cli.run(AT_NOW, "scan", "--agent", "web-01", "--subsystem", "disks");

        cli.assertCannotRun(run, "There is no subsystem called \"disks\". Agents scan updates, storage, system and "
                + "docker; pick one of those.");
    }

    @Test
    void scanOfADisabledOrUnreportedSubsystemExitsTwoWithTheServicesSentenceAndWritesNothing() {
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01", "linux", NOW, "storage");
        Fleets.insertSubsystem(db, web, "docker", false);

        CliRun disabled = cli.run(AT_NOW, "scan", "--agent", "web-01", "--subsystem", "docker");
        CliRun unreported = cli.run(AT_NOW, "scan", "--agent", "web-01", "--subsystem", "system");

        cli.assertCannotRun(disabled, "The docker subsystem is disabled on web-01, so it was not scanned. Enable it in "
                + "the agent's configuration, then scan again.");
        cli.assertCannotRun(unreported, "web-01 does not report a system subsystem, so it cannot scan system.");
    }

    // ---- bad input, help ----

    @Test
    void aLimitOutOfRangeABlankSearchOrAMissingOptionExitsTwoWithASentenceBeforeTouchingTheDatabase() {
        String noDatabase = "jdbc:postgresql://127.0.0.1:1/nothing";
        CliRun zero = cli.run(AT_NOW, "agents", "--limit", "0", "--db-url", noDatabase);
        CliRun tooMany = cli.run(AT_NOW, "history", "--limit", "10001", "--db-url", noDatabase);
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(zero.err()).isEqualTo("redflag-console: --limit must be between 1 and 10000 (it was 0); use "
                + "--search or the other filters to narrow a larger list.\n");
        assertThat(tooMany.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(tooMany.err()).startsWith("redflag-console: --limit must be between 1 and 10000 (it was 10001)");
        CliRun blank = cli.run(AT_NOW, "agents", "--search", "  ", "--db-url", noDatabase);
        assertThat(blank.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(blank.err()).isEqualTo("redflag-console: --search needs part of a hostname; leave it out to "
                + "list every agent.\n");
        CliRun notANumber = cli.run(AT_NOW, "agents", "--limit", "lots", "--db-url", noDatabase);
        assertThat(notANumber.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(notANumber.err()).contains("'lots' is not an int").doesNotContain("Exception");
        CliRun noSubsystem = cli.run(AT_NOW, "scan", "--agent", "web-01", "--db-url", noDatabase);
        assertThat(noSubsystem.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(noSubsystem.err()).contains("Missing required option: '--subsystem=S'");
    }

    @Test
    void aDatabaseWithoutTheSchemaIsOneSentenceNotAStackTrace() {
        TestDatabase empty = TestPostgres.newDatabase();

        CliRun run = CliRun.of(Map.of(), "agents", "--db-url", empty.url(), "--db-user", "postgres");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: Connected, but reading the database failed: ")
                .contains("agents").doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void eachCommandHasHelpAndTheLaunchersHelpListsThem() {
        assertThat(cli.run(AT_NOW, "agents", "--help").out()).contains("--search", "--limit", "--json", "--db-url");
        assertThat(cli.run(AT_NOW, "history", "--help").out()).contains("--agent", "--subsystem", "--result", "--limit");
        assertThat(cli.run(AT_NOW, "scan", "--help").out()).contains("--agent", "--subsystem", "--json", "Exit codes");
        String footer = cli.run(AT_NOW, "--help").out();
        assertThat(footer).containsPattern("(?m)^  agents ").containsPattern("(?m)^  history ").containsPattern("(?m)^  scan ");
    }
}
