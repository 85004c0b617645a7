package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;

/** The headless commands on RedFlag databases of both generations, for support staff and scripts. */
class RedFlagCommandsTest {

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    @SuppressWarnings("unchecked")
    void checkSaysWhatTheDatabaseIsInWordsAndInJson(RedFlagShape shape) {
        TestDatabase db = RedFlagFixtures.build(shape);

        CliRun text = CliRun.against(db, "check");
        CliRun json = CliRun.against(db, "check", "--json");

        String upTo = shape == RedFlagShape.LATER ? "033" : "014";
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("RedFlag schema (recorded up to " + upTo + ")").contains("40 agents")
                .contains("changes nothing");
        Map<String, Object> facts = JsonReader.object(json.out());
        assertThat(facts).containsEntry("schema_kind", "redflag").containsEntry("recorded_up_to", upTo)
                .containsEntry("scanning", true);
        assertThat(((Number) facts.get("agents")).longValue()).isEqualTo(40);
        assertThat((List<Object>) facts.get("capabilities")).contains("current_version");
        if (shape == RedFlagShape.LATER) {
            assertThat((List<Object>) facts.get("capabilities")).contains("subsystems_table", "one_pending_index", "received_status");
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")).isZero();
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void agentsAndHistoryListWhatSqlHas(RedFlagShape shape) {
        TestDatabase db = RedFlagFixtures.build(shape);

        CliRun agents = CliRun.against(db, "agents", "--limit", "100");
        CliRun history = CliRun.against(db, "history", "--subsystem", "updates", "--json", "--limit", "10000");

        assertThat(agents.exitCode()).isZero();
        assertThat(FleetCli.hostnames(agents)).containsExactlyElementsOf(RedFlagFixtures.rows(db,
                "SELECT hostname FROM agents ORDER BY lower(hostname), id").stream().map(r -> (String) r.get("hostname")).toList());
        assertThat(history.exitCode()).isZero();
        long updates = db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'scan_updates'"
                + (shape == RedFlagShape.LATER ? " OR subsystem = 'updates'" : ""));
        List<Map<String, Object>> entries = FleetCli.objects(JsonReader.object(history.out()).get("entries"));
        assertThat(entries).hasSize((int) updates).allSatisfy(e -> assertThat(e).containsEntry("subsystem", "updates"));
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void scanIsIdempotentAndWritesRedFlagsRow(RedFlagShape shape) {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");
        String host = db.queryString("SELECT hostname FROM agents WHERE id = ?", agent);

        CliRun first = CliRun.against(db, "scan", "--agent", host, "--subsystem", "updates");
        CliRun second = CliRun.against(db, "scan", "--agent", agent.toString(), "--subsystem", "updates", "--json");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).startsWith("queued: updates scan of " + host);
        assertThat(second.exitCode()).isZero();
        assertThat(JsonReader.object(second.out())).containsEntry("outcome", "already_queued");
        assertThat(RedFlagFixtures.pendingForAgent(db, shape, agent)).singleElement().satisfies(row -> assertThat(
                row.get("command_type")).isEqualTo(shape == RedFlagShape.LATER ? "scan_apt" : "scan_updates"));
    }

    @Test
    void scanRefusesWithASentenceWhereCommandsAreSignedAndNoServerIsGiven() {
        TestDatabase db = RedFlagFixtures.signed();
        String host = db.queryString("SELECT hostname FROM agents ORDER BY hostname LIMIT 1");
        long before = db.queryLong("SELECT count(*) FROM agent_commands");

        CliRun scan = CliRun.against(db, "scan", "--agent", host, "--subsystem", "storage");

        assertThat(scan.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(scan.err()).contains("Scanning is off for this database").contains("--server-url");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(before);
    }

    @Test
    void aScanRefusesABadServerUrlFromTheEnvironmentBeforeOpeningAnything() {
        TestDatabase db = RedFlagFixtures.signed();

        CliRun scan = CliRun.of(Map.of("REDFLAG_SERVER_URL", "redflag.example:8080", "REDFLAG_SERVER_TOKEN", "t"),
                "scan", "--agent", "nobody", "--subsystem", "storage", "--db-url", db.url(), "--db-user", "postgres");

        assertThat(scan.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(scan.err()).contains("REDFLAG_SERVER_URL", "http:// or https://");
    }

    @Test
    void aFirstGenerationDatabaseRefusesAScanItsAgentsCannotRun() {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.V0_1_18);
        String host = db.queryString("SELECT hostname FROM agents ORDER BY hostname LIMIT 1");

        CliRun scan = CliRun.against(db, "scan", "--agent", host, "--subsystem", "docker");

        assertThat(scan.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(scan.err()).contains("scan updates only");
    }
}
