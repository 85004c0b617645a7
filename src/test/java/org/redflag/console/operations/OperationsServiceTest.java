package org.redflag.console.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.MutableClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The Operations view's data on the console's own schema, on a real PostgreSQL. */
class OperationsServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private TestDatabase db;
    private OperationsService operations;
    private UUID web01;
    private UUID web02;

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase().migrated();
        MutableClock clock = new MutableClock(NOW);
        ScanService scans = new ScanService(new CommandRepository(db.dataSource()),
                new SubsystemRepository(db.dataSource()), new AgentRepository(db.dataSource()), clock, TIMEOUT);
        operations = new OperationsService(new OperationsRepository(db.dataSource()), scans,
                Capabilities.CONSOLE_SCHEMA, clock);
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "updates", "storage", "system");
        web02 = Fleets.insertAgentWithSubsystems(db, "web-02.prod", "linux", NOW, "updates", "storage", "system");
    }

    @Test
    void pagesEveryCommandNewestFirstWithoutGapsOrRepeatsEvenWhenTimesTie() throws Exception {
        for (int i = 0; i < 25; i++) {
            // Pairs share a created_at: the id decides their order, and the keyset must not lose either.
            Instant created = NOW.minus(Duration.ofMinutes(i / 2));
            insert(i % 2 == 0 ? web01 : web02, "scan_storage", "completed", created, null);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(db.queryString("SELECT id::text FROM agent_commands ORDER BY created_at DESC, id DESC "
                    + "OFFSET ? LIMIT 1", i));
        }

        OperationsFilter all = new OperationsFilter(Set.of(), null, false);
        List<String> paged = new ArrayList<>();
        Operation after = null;
        List<Operation> page;
        do {
            page = operations.page(all, after, 10);
            page.forEach(o -> paged.add(o.id().toString()));
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == 10);

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(operations.page(all, null, 1).get(0).hostname()).isIn("web-01.prod", "web-02.prod");
    }

    @Test
    void filtersByStatusTypeAndStuckInTheDatabase() throws Exception {
        UUID pending = insert(web01, "scan_storage", "pending", NOW.minus(Duration.ofHours(5)), null);
        UUID stuck = insert(web01, "scan_updates", "sent", NOW.minus(Duration.ofHours(4)), NOW.minus(Duration.ofHours(3)));
        UUID sentRecently = insert(web02, "scan_updates", "sent", NOW.minus(Duration.ofMinutes(20)),
                NOW.minus(Duration.ofMinutes(10)));
        UUID runningLong = insert(web02, "scan_system", "running", NOW.minus(Duration.ofHours(6)),
                NOW.minus(Duration.ofHours(5)));
        UUID failed = insert(web02, "scan_storage", "failed", NOW.minus(Duration.ofHours(1)), null);
        insert(web01, "scan_system", "completed", NOW.minus(Duration.ofMinutes(1)), null);

        assertThat(ids(new OperationsFilter(operations.inFlight(), null, false)))
                .containsExactly(sentRecently, stuck, pending, runningLong);
        assertThat(ids(new OperationsFilter(Set.of(CommandStatus.FAILED), null, false))).containsExactly(failed);
        assertThat(ids(new OperationsFilter(Set.of(), "scan_storage", false))).containsExactly(failed, pending);
        assertThat(ids(new OperationsFilter(operations.inFlight(), "scan_updates", false)))
                .containsExactly(sentRecently, stuck);
        // Stuck: taken longer ago than the timeout the sweep uses (2 h), whatever the status filter says.
        assertThat(ids(new OperationsFilter(operations.inFlight(), null, true))).containsExactly(stuck, runningLong);
        assertThat(ids(new OperationsFilter(Set.of(), null, true))).containsExactly(stuck, runningLong);

        List<Operation> shown = operations.page(new OperationsFilter(operations.inFlight(), null, false), null, 10);
        assertThat(shown).filteredOn(Operation::stuck).extracting(Operation::id).containsExactly(stuck, runningLong);
        assertThat(operations.commandTypes()).contains("scan_storage", "scan_updates", "scan_system", "scan_docker");
    }

    @Test
    void cancelsManyInOneStatementAndLeavesAloneOneThatCompletedMeanwhile() throws Exception {
        UUID first = insert(web01, "scan_storage", "pending", NOW.minus(Duration.ofMinutes(3)), null);
        UUID second = insert(web02, "scan_storage", "sent", NOW.minus(Duration.ofMinutes(2)), NOW.minus(Duration.ofMinutes(1)));
        UUID third = insert(web01, "scan_updates", "pending", NOW.minus(Duration.ofMinutes(1)), null);
        // The user saw all three pending; before the cancel lands, an agent finishes the third.
        db.execute("UPDATE agent_commands SET status = 'completed', completed_at = now() WHERE id = '" + third + "'");

        OperationsService.CancelOutcome outcome = operations.cancel(List.of(first, second, third));

        assertThat(outcome.cancelled()).extracting(c -> c.id()).containsExactlyInAnyOrder(first, second);
        assertThat(outcome.movedOn()).isEqualTo(1);
        assertThat(status(first)).isEqualTo("cancelled");
        assertThat(status(second)).isEqualTo("cancelled");
        assertThat(status(third)).isEqualTo("completed");
        assertThat(db.queryString("SELECT result ->> 'summary' FROM agent_commands WHERE id = ?", first))
                .isEqualTo("Cancelled from the console");
    }

    @Test
    void retryQueuesTheScanAgainRememberingTheFailedCommand() throws Exception {
        UUID failed = insert(web01, "scan_storage", "failed", NOW.minus(Duration.ofMinutes(30)), null);
        UUID timedOut = insert(web02, "scan_system", "timed_out", NOW.minus(Duration.ofHours(3)), null);

        OperationsService.RetryOutcome outcome = operations.retry(List.of(failed, timedOut));

        assertThat(outcome.queued()).isEqualTo(2);
        assertThat(outcome.notRetried()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'pending' AND retried_from_id IN (?, ?)",
                failed, timedOut)).isEqualTo(2);
    }

    @Test
    void aRetryThatMeetsAnActiveScanAnswersWithThatScanAndQueuesNothing() throws Exception {
        UUID failed = insert(web01, "scan_storage", "failed", NOW.minus(Duration.ofMinutes(30)), null);
        UUID active = insert(web01, "scan_storage", "pending", NOW.minus(Duration.ofMinutes(5)), null);
        UUID notAScan = insert(web02, "reboot", "failed", NOW.minus(Duration.ofMinutes(5)), null);

        OperationsService.RetryOutcome outcome = operations.retry(List.of(failed, notAScan));

        assertThat(outcome.queued()).isZero();
        assertThat(outcome.alreadyQueued()).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(ScanOutcome.Kind.ALREADY_QUEUED))
                .satisfies(o -> assertThat(o.command().id()).isEqualTo(active));
        assertThat(outcome.notRetried()).containsOnlyKeys(notAScan);
        assertThat(outcome.notRetried().get(notAScan)).contains("not a scan");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(3);
    }

    @Test
    void archiveIsRefusedWithItsReasonWhereTheSchemaHasNoArchivedStatus() throws Exception {
        UUID failed = insert(web01, "scan_storage", "failed", NOW.minus(Duration.ofMinutes(30)), null);

        assertThat(operations.archiveUnavailable()).contains(OperationsService.ARCHIVE_UNAVAILABLE);
        assertThatThrownBy(() -> operations.archive(List.of(failed))).isInstanceOf(ScanRefused.class)
                .hasMessage(OperationsService.ARCHIVE_UNAVAILABLE);
        assertThat(status(failed)).isEqualTo("failed");
        assertThat(operations.statuses()).doesNotContain(CommandStatus.ARCHIVED_FAILED, CommandStatus.RECEIVED);
    }

    private List<UUID> ids(OperationsFilter filter) throws Exception {
        return operations.page(filter, null, 50).stream().map(Operation::id).toList();
    }

    private String status(UUID command) {
        return db.queryString("SELECT status FROM agent_commands WHERE id = ?", command);
    }

    private UUID insert(UUID agent, String type, String status, Instant created, Instant sent) {
        boolean finished = Set.of("completed", "failed", "timed_out", "cancelled").contains(status);
        return UUID.fromString(db.queryString("""
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, sent_at, completed_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id::text""", agent, type, status,
                java.sql.Timestamp.from(created), sent == null ? null : java.sql.Timestamp.from(sent),
                finished ? java.sql.Timestamp.from(created.plusSeconds(30)) : null));
    }
}
