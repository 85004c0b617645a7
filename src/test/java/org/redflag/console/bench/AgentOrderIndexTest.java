package org.redflag.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentFilter;
import org.redflag.console.fleet.AgentOrder;
import org.redflag.console.fleet.AgentQuery;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.AgentSort;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * Each order the Agents view offers reads a deep page of a big fleet through its own index, both ways: the
 * statement the repository sends, EXPLAINed as the bench does, never sorts the agents table.
 */
class AgentOrderIndexTest {

    private static final Map<AgentSort, String> INDEXES = Map.of(AgentSort.HOSTNAME, "idx_agents_hostname_id",
            AgentSort.OS, "idx_agents_os_type_id", AgentSort.VERSION, "idx_agents_version_id",
            AgentSort.LAST_SEEN, "idx_agents_last_seen_id");

    @Test
    void everyOrderBothWaysPagesOnItsIndex() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("""
                INSERT INTO agents (hostname, os_type, agent_version, last_seen)
                SELECT 'host-' || g, (ARRAY['linux', 'windows', 'macos'])[1 + g % 3],
                       CASE WHEN g % 9 = 0 THEN NULL ELSE '0.1.' || (g % 30) END,
                       CASE WHEN g % 11 = 0 THEN NULL ELSE now() - g * interval '1 minute' END
                FROM generate_series(1, 50000) g
                """);
        db.execute("ANALYZE agents");
        AgentRepository agents = new AgentRepository(db.dataSource());
        RecordingDataSource recorder = new RecordingDataSource(db.dataSource());
        AgentRepository recorded = new AgentRepository(recorder, org.redflag.console.schema.Capabilities.CONSOLE_SCHEMA);

        for (AgentSort by : AgentSort.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                AgentQuery query = new AgentQuery(AgentFilter.all(), new AgentOrder(by, descending));
                List<Agent> first = agents.page(query, null, 5000, null);
                AgentRepository.OrderKey deep = AgentRepository.OrderKey.after(first.get(first.size() - 1), by);
                recorder.drain();
                recorded.page(query, deep, 200, null);

                QueryPlan plan = QueryPlan.explain(db.dataSource(), recorder.drain().get(0));

                assertThat(plan.scans()).as("%s %s", by, descending ? "descending" : "ascending")
                        .anyMatch(scan -> scan.endsWith(" on " + INDEXES.get(by)));
                assertThat(plan.seqScanTables()).as("%s", by).doesNotContain("agents");
            }
        }
    }
}
