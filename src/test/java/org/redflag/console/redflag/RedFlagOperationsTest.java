package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.operations.Operation;
import org.redflag.console.operations.OperationsFilter;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;

/** The Operations view's data on RedFlag's databases of both generations, read and written as RedFlag's server would. */
class RedFlagOperationsTest {

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void pagesTheSeededCommandsNewestFirstAndFiltersByStatusAndType(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        try (ConsoleContext context = open(db)) {
            OperationsService operations = context.operations();
            long total = db.queryLong("SELECT count(*) FROM agent_commands");
            assertThat(total).isGreaterThan(10);

            List<UUID> paged = new ArrayList<>();
            Operation after = null;
            List<Operation> page;
            do {
                page = operations.page(new OperationsFilter(Set.of(), null, false), after, 7);
                page.forEach(o -> paged.add(o.id()));
                after = page.isEmpty() ? null : page.get(page.size() - 1);
            } while (page.size() == 7);
            assertThat(paged).hasSize((int) total).doesNotHaveDuplicates();
            assertThat(paged.get(0).toString()).isEqualTo(
                    db.queryString("SELECT id::text FROM agent_commands ORDER BY created_at DESC, id DESC LIMIT 1"));

            String type = db.queryString("SELECT command_type FROM agent_commands LIMIT 1");
            assertThat(operations.commandTypes()).contains(type);
            assertThat(operations.page(new OperationsFilter(Set.of(), type, false), null, 500))
                    .hasSize((int) db.queryLong("SELECT count(*) FROM agent_commands WHERE command_type = ?", type))
                    .allSatisfy(o -> assertThat(o.commandType()).isEqualTo(type));
            assertThat(operations.page(new OperationsFilter(operations.inFlight(), null, false), null, 500))
                    .allSatisfy(o -> assertThat(operations.inFlight()).contains(o.status()));
            assertThat(operations.statuses()).contains(CommandStatus.ARCHIVED_FAILED);
            assertThat(operations.statuses().contains(CommandStatus.RECEIVED)).isEqualTo(shape == RedFlagShape.LATER);
            assertThat(operations.archiveUnavailable()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void cancelsManyWritesRedFlagsReasonAndLeavesOneThatCompletedMeanwhile(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        db.execute("DELETE FROM agent_commands");
        UUID first = insert(db, RedFlagFixtures.agent(db, 0), "scan_updates", "pending");
        UUID second = insert(db, RedFlagFixtures.agent(db, 1), "scan_updates", "sent");
        UUID third = insert(db, RedFlagFixtures.agent(db, 2), "scan_updates", "pending");
        db.execute("UPDATE agent_commands SET status = 'completed', completed_at = now() WHERE id = '" + third + "'");

        try (ConsoleContext context = open(db)) {
            OperationsService.CancelOutcome outcome = context.operations().cancel(List.of(first, second, third));

            assertThat(outcome.cancelled()).hasSize(2);
            assertThat(outcome.movedOn()).isEqualTo(1);
            assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", third)).isEqualTo("completed");
            assertThat(db.queryString("SELECT result::text FROM agent_commands WHERE id = ?", first))
                    .isEqualTo("{\"reason\": \"Cancelled from the console\", \"cancelled\": true}");
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'cancelled' "
                    + "AND completed_at IS NOT NULL")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void archivesFailedAndTimedOutCommandsOnly(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        db.execute("DELETE FROM agent_commands");
        UUID failed = insert(db, RedFlagFixtures.agent(db, 0), "scan_updates", "failed");
        UUID timedOut = insert(db, RedFlagFixtures.agent(db, 1), "scan_updates", "timed_out");
        UUID completed = insert(db, RedFlagFixtures.agent(db, 2), "scan_updates", "completed");

        try (ConsoleContext context = open(db)) {
            int archived = context.operations().archive(List.of(failed, timedOut, completed));

            assertThat(archived).isEqualTo(2);
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'archived_failed'")).isEqualTo(2);
            assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", completed)).isEqualTo("completed");
            assertThat(context.operations().page(new OperationsFilter(Set.of(CommandStatus.ARCHIVED_FAILED), null, false),
                    null, 10)).extracting(Operation::id).containsExactlyInAnyOrder(failed, timedOut);
        }
    }

    /** The later generation's one-pending index (023a): a retry that meets the pending scan answers with it. */
    @Test
    void aRetryQueuesThePlatformsScanAgainOrAnswersWithThePendingOne() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");
        UUID failed = insert(db, agent, "scan_apt", "failed");

        try (ConsoleContext context = open(db)) {
            OperationsService.RetryOutcome first = context.operations().retry(List.of(failed));
            OperationsService.RetryOutcome again = context.operations().retry(List.of(failed));

            assertThat(first.queued()).isEqualTo(1);
            ScanOutcome queued = first.outcomes().get(0);
            assertThat(queued.command().commandType()).isEqualTo("scan_apt");
            assertThat(queued.command().retriedFromId()).isEqualTo(failed);
            assertThat(queued.command().subsystem()).contains(Subsystem.UPDATES);
            assertThat(again.alreadyQueued()).singleElement()
                    .satisfies(o -> assertThat(o.command().id()).isEqualTo(queued.command().id()));
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ? AND status = 'pending'",
                    agent)).isEqualTo(1);
        }
    }

    private static UUID insert(TestDatabase db, UUID agent, String type, String status) {
        return UUID.fromString(db.queryString("""
                INSERT INTO agent_commands (agent_id, command_type, params, status, created_at, sent_at)
                VALUES (?, ?, '{}', ?, (now() AT TIME ZONE 'UTC') - interval '1 hour',
                        CASE WHEN ? = 'pending' THEN NULL ELSE (now() AT TIME ZONE 'UTC') - interval '50 minutes' END)
                RETURNING id::text""", agent, type, status, status));
    }

    private static ConsoleContext open(TestDatabase db) throws Exception {
        return ConsoleContext.open(db.settings(true), Optional.empty(), Clock.systemUTC());
    }
}
