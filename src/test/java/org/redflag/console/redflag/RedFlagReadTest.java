package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.history.RedFlagActions;
import org.redflag.console.scan.AgentSubsystem;
import org.redflag.console.scan.ScanResultRepository;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;

/** The console's one model of agents, history, subsystems and results, read from RedFlag's own tables. */
class RedFlagReadTest {

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void agentsPageThroughTheWholeFleetInHostnameOrderWithTheReportedVersion(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        AgentRepository agents = new AgentRepository(db.dataSource(), SchemaProbe.probe(db.dataSource()));

        List<Agent> all = new ArrayList<>();
        AgentRepository.PageKey after = null;
        List<Agent> page;
        do {
            page = agents.page("", after, 7);
            all.addAll(page);
            after = page.isEmpty() ? null : AgentRepository.PageKey.after(page.get(page.size() - 1));
        } while (page.size() == 7);

        assertThat(agents.count()).isEqualTo(40);
        assertThat(all).extracting(Agent::id).doesNotHaveDuplicates().hasSize(40);
        List<String> sqlOrder = RedFlagFixtures.rows(db, "SELECT hostname FROM agents ORDER BY lower(hostname), id")
                .stream().map(r -> (String) r.get("hostname")).toList();
        assertThat(all).extracting(Agent::hostname).containsExactlyElementsOf(sqlOrder);
        for (Agent agent : all) {
            String current = db.queryString("SELECT current_version FROM agents WHERE id = ?", agent.id());
            String registered = db.queryString("SELECT agent_version FROM agents WHERE id = ?", agent.id());
            assertThat(agent.agentVersion()).isEqualTo("0.0.0".equals(current) ? registered : current);
            assertThat(agent.rebootRequired()).isEqualTo(
                    db.queryLong("SELECT count(*) FROM agents WHERE id = ? AND reboot_required", agent.id()) == 1);
            assertThat(agent.lastSeen()).isNotNull();
        }
        assertThat(all).anyMatch(a -> a.lastScan() != null);
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void historyShowsEverySubsystemTheWay022WouldHaveFilledIt(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        HistoryRepository history = new HistoryRepository(db.dataSource(), SchemaProbe.probe(db.dataSource()));

        List<HistoryEntry> newest = history.page(HistoryFilter.all(), null, 200);

        assertThat(newest).hasSize(200);
        assertThat(newest).isSortedAccordingTo((a, b) -> b.executedAt().compareTo(a.executedAt()));
        for (HistoryEntry entry : newest) {
            String column = shape == RedFlagShape.LATER
                    ? db.queryString("SELECT subsystem FROM update_logs WHERE id = ?", entry.id()) : null;
            assertThat(entry.subsystem()).isEqualTo(column != null ? column
                    : RedFlagActions.subsystemOf(entry.action()).orElse(null));
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void historyFiltersReturnExactlyTheRowsSqlSays(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        HistoryRepository history = new HistoryRepository(db.dataSource(), SchemaProbe.probe(db.dataSource()));
        UUID agent = RedFlagFixtures.agent(db, 3);

        long updatesScans = db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'scan_updates'"
                + (shape == RedFlagShape.LATER ? " OR subsystem = 'updates'" : ""));
        long failedOfAgent = db.queryLong("SELECT count(*) FROM update_logs WHERE agent_id = ? AND result = 'failed'", agent);

        assertThat(everything(history, HistoryFilter.all().withSubsystem("updates"))).hasSize((int) updatesScans)
                .allMatch(e -> "updates".equals(e.subsystem()));
        assertThat(everything(history, HistoryFilter.forAgent(agent).withResult("failed")))
                .hasSize((int) failedOfAgent).allMatch(e -> agent.equals(e.agentId()) && "failed".equals(e.result()));
        assertThat(history.count(HistoryFilter.all(), 10)).contains(1000L);
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void subsystemsAreTheTablesOrTheOneScanTheFirstGenerationKnows(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        Capabilities capabilities = SchemaProbe.probe(db.dataSource());
        UUID agent = RedFlagFixtures.agent(db, 0);

        List<AgentSubsystem> subsystems = new SubsystemRepository(db.dataSource(), capabilities).forAgent(agent);

        if (shape == RedFlagShape.V0_1_18) {
            assertThat(subsystems).extracting(AgentSubsystem::subsystem).containsExactly(Subsystem.UPDATES);
            assertThat(subsystems.get(0).enabled()).isTrue();
        } else {
            assertThat(subsystems).extracting(AgentSubsystem::subsystem)
                    .containsExactly(Subsystem.UPDATES, Subsystem.STORAGE, Subsystem.SYSTEM, Subsystem.DOCKER);
            for (AgentSubsystem s : subsystems) {
                assertThat(s.enabled()).isEqualTo(db.queryLong("SELECT count(*) FROM agent_subsystems "
                        + "WHERE agent_id = ? AND subsystem = ? AND enabled", agent, s.subsystem().id()) == 1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void scanResultsComeFromTheTablesThatGenerationHas(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        ScanResultRepository results = new ScanResultRepository(db.dataSource(), SchemaProbe.probe(db.dataSource()));
        UUID withPackages = UUID.fromString(db.queryString(
                "SELECT agent_id::text FROM current_package_state WHERE status = 'pending' LIMIT 1"));

        assertThat(results.pendingPackages(withPackages, 100)).hasSize((int) db.queryLong(
                "SELECT count(*) FROM current_package_state WHERE agent_id = ? AND status = 'pending'", withPackages));
        if (shape == RedFlagShape.LATER) {
            UUID measured = UUID.fromString(db.queryString("SELECT agent_id::text FROM storage_metrics LIMIT 1"));
            assertThat(results.latestStorage(measured)).hasSize((int) db.queryLong(
                    "SELECT count(DISTINCT mountpoint) FROM storage_metrics WHERE agent_id = ?", measured));
            UUID docker = UUID.fromString(db.queryString("SELECT agent_id::text FROM docker_images LIMIT 1"));
            assertThat(results.dockerImages(docker, 100)).hasSize((int) db.queryLong(
                    "SELECT count(DISTINCT package_name) FROM docker_images WHERE agent_id = ?", docker));
        } else {
            assertThat(results.latestStorage(withPackages)).isEmpty();
            assertThat(results.dockerImages(withPackages, 100)).isEmpty();
        }
    }

    private static List<HistoryEntry> everything(HistoryRepository history, HistoryFilter filter) throws Exception {
        List<HistoryEntry> all = new ArrayList<>();
        HistoryRepository.PageKey after = null;
        List<HistoryEntry> page;
        do {
            page = history.page(filter, after, 50);
            all.addAll(page);
            after = page.isEmpty() ? null : HistoryRepository.PageKey.after(page.get(page.size() - 1));
        } while (page.size() == 50);
        return all;
    }
}
