package org.redflag.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * The Operations view's pages are index walks on the console's schema, not sorts of the whole table: 100,000
 * finished commands and a few hundred old ones still in flight, the plan read for each kind of page. The plans'
 * times are printed as figures, never asserted.
 */
class OperationsIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Set<CommandStatus> TAKEN = Set.of(CommandStatus.SENT, CommandStatus.RUNNING);
    private static TestDatabase db;

    @BeforeAll
    static void fleetWithAHundredThousandCommands() {
        db = TestPostgres.newDatabase().migrated();
        db.execute("""
                INSERT INTO agents (hostname, os_type) SELECT 'host-' || i, 'linux' FROM generate_series(1, 200) AS i;
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, sent_at, completed_at)
                SELECT ids.a[1 + i % 200], 'scan_storage', CASE WHEN i % 10 = 0 THEN 'failed' ELSE 'completed' END,
                       t, t, t + interval '1 minute'
                FROM generate_series(1, 100000) AS i
                CROSS JOIN LATERAL (SELECT timestamptz '2026-11-25 11:00:00+00' - i * interval '1 minute' AS t) AS at
                CROSS JOIN (SELECT array_agg(id ORDER BY hostname) AS a FROM agents) AS ids;
                -- In flight, and older than every finished command: a walk of all commands would pass them last.
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, sent_at)
                SELECT ids.a[1 + i % 200], 'scan_system', 'running', t, t
                FROM generate_series(1, 300) AS i
                CROSS JOIN LATERAL (SELECT timestamptz '2026-06-01 00:00:00+00' - i * interval '1 minute' AS t) AS at
                CROSS JOIN (SELECT array_agg(id ORDER BY hostname) AS a FROM agents) AS ids;
                ANALYZE agent_commands;
                ANALYZE agents;
                """);
    }

    @Test
    void theFirstPageOfCommandsInFlightWalksTheirOwnSmallIndex() throws Exception {
        OperationsFilter inFlight = new OperationsFilter(
                Set.of(CommandStatus.PENDING, CommandStatus.SENT, CommandStatus.RUNNING), null, false);

        String plan = plan(OperationsRepository.pageQuery(inFlight, TAKEN, NOW, null, 100));

        assertThat(plan).contains("Index Scan Backward using idx_agent_commands_in_flight_by_created")
                .doesNotContain("Sort Key");
    }

    @Test
    void stuckOnlyAndItsNextPageKeepToTheInFlightIndexes() throws Exception {
        OperationsFilter stuck = new OperationsFilter(
                Set.of(CommandStatus.PENDING, CommandStatus.SENT, CommandStatus.RUNNING), null, true);
        Operation last = new Operation(UUID.randomUUID(), null, null, "scan_system", CommandStatus.RUNNING, "running",
                "manual", Instant.parse("2026-05-31T22:00:00Z"), null, null, null, true);

        // Either in-flight index serves: V23 in created order, or V4 by sent_at (then only the stuck ones are sorted).
        assertThat(plan(OperationsRepository.pageQuery(stuck, TAKEN, NOW, null, 100)))
                .containsPattern("Index Scan (Backward )?using idx_agent_commands_in_flight").doesNotContain("Seq Scan on agent_commands");
        assertThat(plan(OperationsRepository.pageQuery(stuck, TAKEN, NOW, last, 100)))
                .containsPattern("Index Scan (Backward )?using idx_agent_commands_in_flight").doesNotContain("Seq Scan on agent_commands");
    }

    @Test
    void everyStatusNewestFirstWalksTheCreatedIndex() throws Exception {
        OperationsFilter all = new OperationsFilter(Set.of(), null, false);
        OperationsFilter failedStorage = new OperationsFilter(Set.of(CommandStatus.FAILED), "scan_storage", false);
        Operation middle = new Operation(UUID.randomUUID(), null, null, "scan_storage", CommandStatus.COMPLETED,
                "completed", "manual", Instant.parse("2026-10-01T00:00:00Z"), null, null, null, false);

        assertThat(plan(OperationsRepository.pageQuery(all, TAKEN, NOW, null, 100)))
                .contains("Index Scan Backward using idx_agent_commands_by_created").doesNotContain("Sort Key");
        assertThat(plan(OperationsRepository.pageQuery(all, TAKEN, NOW, middle, 100)))
                .contains("Index Scan Backward using idx_agent_commands_by_created").doesNotContain("Sort Key");
        assertThat(plan(OperationsRepository.pageQuery(failedStorage, TAKEN, NOW, middle, 100)))
                .contains("Index Scan Backward using idx_agent_commands_by_created").doesNotContain("Sort Key");
    }

    private static String plan(OperationsRepository.PageQuery query) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + query.sql())) {
            query.bind(ps);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            System.out.println("Operations page plan:\n" + plan);
            return plan.toString();
        }
    }
}
