package org.redflag.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class AgentRepositoryTest {

    @Test
    void pagesCoverEveryAgentOnceInCaseInsensitiveHostnameOrder() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("""
                INSERT INTO agents (hostname, os_type)
                SELECT CASE WHEN g % 3 = 0 THEN 'HOST-' ELSE 'host-' END || lpad(g::text, 4, '0'), 'linux'
                FROM generate_series(1, 450) g
                """);
        // Two agents with the same hostname: the id breaks the tie, so neither is skipped nor repeated.
        db.execute("INSERT INTO agents (hostname, os_type) VALUES ('host-0100', 'windows')");
        AgentRepository agents = new AgentRepository(db.dataSource());

        List<Agent> all = new ArrayList<>();
        AgentRepository.PageKey after = null;
        List<Agent> page;
        do {
            page = agents.page("", after, 200);
            all.addAll(page);
            after = page.isEmpty() ? null : AgentRepository.PageKey.after(page.get(page.size() - 1));
        } while (page.size() == 200);

        assertThat(all).hasSize(451);
        assertThat(new HashSet<>(all.stream().map(Agent::id).toList())).hasSize(451);
        assertThat(all.stream().map(a -> a.hostname().toLowerCase()).toList()).isSorted();
        assertThat(agents.count()).isEqualTo(451);
    }

    @Test
    void searchMatchesPartOfTheHostnameAndTreatsWildcardsLiterally() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.example", "linux", Instant.now());
        Fleets.insertAgent(db, "WEB-02.example", "windows", Instant.now());
        Fleets.insertAgent(db, "db_01.example", "linux", Instant.now());
        Fleets.insertAgent(db, "dbx01.example", "linux", Instant.now());
        AgentRepository agents = new AgentRepository(db.dataSource());

        assertThat(agents.page("web", null, 50)).extracting(Agent::hostname)
                .containsExactly("web-01.example", "WEB-02.example");
        assertThat(agents.page("db_", null, 50)).extracting(Agent::hostname).containsExactly("db_01.example");
        assertThat(agents.page("%", null, 50)).isEmpty();
        assertThat(agents.page("'; DROP TABLE agents; --", null, 50)).isEmpty();
        assertThat(agents.count()).isEqualTo(4);
    }

    @Test
    void hostnameSearchHasATrigramIndexOnTheEmbeddedServer() {
        // The embedded binaries ship pg_trgm, so V9 built the index that keeps "contains" searches off a full scan
        // (the bench command shows the plan and the time at 100,000 agents).
        TestDatabase db = TestPostgres.newDatabase().migrated();

        assertThat(db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_agents_hostname_trgm'"))
                .contains("USING gin (hostname gin_trgm_ops)");
    }

    @Test
    void lastScanIsTheNewestSubsystemRun() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID id = Fleets.insertAgent(db, "web-01", "linux", Instant.now());
        db.execute("INSERT INTO agent_subsystems (agent_id, subsystem, last_run_at) VALUES "
                + "('" + id + "', 'storage', '2026-11-25T10:00:00Z'), ('" + id + "', 'updates', '2026-11-25T11:00:00Z')");

        Agent agent = new AgentRepository(db.dataSource()).find(id).orElseThrow();

        assertThat(agent.lastScan()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
        assertThat(agent.demo()).isFalse();
    }

    @Test
    void eachAgentListsTheSubsystemsItHasEnabledExactlyAsTheTableHasThem() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "updates", "storage");
        Fleets.insertSubsystem(db, web, "docker", false);
        UUID bare = Fleets.insertAgent(db, "new-01.prod", "linux", Instant.now());
        AgentRepository agents = new AgentRepository(db.dataSource());

        Agent webAgent = agents.find(web).orElseThrow();
        assertThat(webAgent.enabledSubsystems()).containsExactly("storage", "updates");
        assertThat(webAgent.scans("docker")).as("disabled").isFalse();
        assertThat(agents.find(bare).orElseThrow().enabledSubsystems()).as("reports none yet").isEmpty();
        assertThat(agents.page("", null, 10)).extracting(Agent::enabledSubsystems)
                .containsExactly(List.of(), List.of("storage", "updates"));
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void onRedFlagTheEnabledSubsystemsAreItsTablesOrUpdatesAloneBeforeIt(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        Capabilities capabilities = SchemaProbe.probe(db.dataSource());
        AgentRepository agents = new AgentRepository(db.dataSource(), capabilities);

        List<Agent> all = agents.page("", null, 100);
        assertThat(all).isNotEmpty();
        for (Agent agent : all) {
            List<String> expected = capabilities.has(Feature.SUBSYSTEMS_TABLE)
                    ? RedFlagFixtures.rows(db, "SELECT subsystem FROM agent_subsystems WHERE agent_id = ? AND enabled"
                            + " ORDER BY subsystem", agent.id()).stream().map(r -> (String) r.get("subsystem")).toList()
                    : List.of("updates");
            assertThat(agent.enabledSubsystems()).as(agent.hostname()).containsExactlyElementsOf(expected);
        }
        if (shape == RedFlagShape.LATER) {
            assertThat(all).as("the seed disables some").anyMatch(a -> a.enabledSubsystems().size() < 4);
        }
    }
}
