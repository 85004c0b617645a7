package org.redflag.console.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.MutableClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Queueing, refusing, cancelling, retrying and timing out scans, on a real PostgreSQL. */
class ScanServiceTest {

    private TestDatabase db;
    private MutableClock clock;
    private ScanService scans;
    private CommandRepository commands;
    private UUID web01;

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase().migrated();
        clock = new MutableClock(Instant.now());
        commands = new CommandRepository(db.dataSource());
        scans = service(clock);
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", clock.instant(), "updates", "storage");
    }

    private ScanService service(Clock at) {
        return new ScanService(commands, new SubsystemRepository(db.dataSource()), new AgentRepository(db.dataSource()),
                at, ScanService.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void aScanIsQueuedWithAnIdTheDatabaseMade() throws Exception {
        ScanOutcome outcome = scans.requestScan(web01, Subsystem.STORAGE);

        assertThat(outcome.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
        AgentCommand command = outcome.command();
        assertThat(command.id()).isNotNull();
        assertThat(command.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(command.commandType()).isEqualTo("scan_storage");
        assertThat(command.createdAt()).isNotNull();
        assertThat(db.queryString("SELECT id::text FROM agent_commands")).isEqualTo(command.id().toString());
        assertThat(db.queryString("SELECT params ->> 'subsystem' FROM agent_commands")).isEqualTo("storage");
    }

    @Test
    void askingAgainAnswersAlreadyQueuedWithTheWaitingCommand() throws Exception {
        ScanOutcome first = scans.requestScan(web01, Subsystem.STORAGE);
        ScanOutcome second = scans.requestScan(web01, Subsystem.STORAGE);
        ScanOutcome otherSubsystem = scans.requestScan(web01, Subsystem.UPDATES);

        assertThat(second.kind()).isEqualTo(ScanOutcome.Kind.ALREADY_QUEUED);
        assertThat(second.command()).isEqualTo(first.command());
        assertThat(otherSubsystem.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(2);
    }

    @Test
    void aSentCommandStillCountsAsQueuedButARunningOneDoesNot() throws Exception {
        UUID first = scans.requestScan(web01, Subsystem.STORAGE).command().id();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = '" + first + "'");
        assertThat(scans.requestScan(web01, Subsystem.STORAGE).command().id()).isEqualTo(first);

        db.execute("UPDATE agent_commands SET status = 'running' WHERE id = '" + first + "'");
        ScanOutcome next = scans.requestScan(web01, Subsystem.STORAGE);
        assertThat(next.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
        assertThat(next.command().id()).isNotEqualTo(first);
    }

    @Test
    void aDisabledSubsystemIsRefusedWithAMessageAndNothingIsWritten() {
        Fleets.insertSubsystem(db, web01, "docker", false);

        assertThatThrownBy(() -> scans.requestScan(web01, Subsystem.DOCKER))
                .isInstanceOf(ScanRefused.class)
                .hasMessage("The docker subsystem is disabled on web-01.prod, so it was not scanned. "
                        + "Enable it in the agent's configuration, then scan again.");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    @Test
    void aSubsystemTheAgentDoesNotReportIsRefused() {
        assertThatThrownBy(() -> scans.requestScan(web01, Subsystem.SYSTEM))
                .isInstanceOf(ScanRefused.class)
                .hasMessageStartingWith("web-01.prod does not report a system subsystem");
        assertThatThrownBy(() -> scans.requestScan(UUID.randomUUID(), Subsystem.SYSTEM))
                .isInstanceOf(ScanRefused.class)
                .hasMessageStartingWith("That agent no longer exists");
        assertThatThrownBy(() -> Subsystem.parse("firmware"))
                .isInstanceOf(ScanRefused.class)
                .hasMessageContaining("no subsystem called \"firmware\"");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    @Test
    void aBatchQueuesWhatItCanAndListsTheRefusedAgents() throws Exception {
        UUID web02 = Fleets.insertAgentWithSubsystems(db, "web-02.prod", "linux", clock.instant(), "storage");
        UUID mac = Fleets.insertAgentWithSubsystems(db, "mbp-01.prod", "macos", clock.instant(), "updates");
        scans.requestScan(web02, Subsystem.STORAGE);

        ScanService.BatchOutcome batch = scans.requestScans(List.of(web01, web02, mac), Subsystem.STORAGE);

        assertThat(batch.queued()).isEqualTo(1);
        assertThat(batch.alreadyQueued()).isEqualTo(1);
        assertThat(batch.refused()).containsOnlyKeys(mac);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(2);
    }

    @Test
    void onlyPendingOrSentCommandsCanBeCancelled() throws Exception {
        AgentCommand pending = scans.requestScan(web01, Subsystem.STORAGE).command();
        AgentCommand cancelled = scans.cancel(pending.id());
        assertThat(cancelled.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(cancelled.completedAt()).isNotNull();

        AgentCommand sent = scans.requestScan(web01, Subsystem.STORAGE).command();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = '" + sent.id() + "'");
        assertThat(scans.cancel(sent.id()).status()).isEqualTo(CommandStatus.CANCELLED);

        AgentCommand running = scans.requestScan(web01, Subsystem.STORAGE).command();
        db.execute("UPDATE agent_commands SET status = 'running', sent_at = now() WHERE id = '" + running.id() + "'");
        assertThatThrownBy(() -> scans.cancel(running.id()))
                .isInstanceOf(ScanRefused.class)
                .hasMessage("The storage command is already running; only pending or sent commands can be cancelled.");
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", running.id())).isEqualTo("running");
    }

    @Test
    void aRetryIsANewCommandThatRemembersTheOldOne() throws Exception {
        AgentCommand failed = scans.requestScan(web01, Subsystem.UPDATES).command();
        db.execute("UPDATE agent_commands SET status = 'failed', completed_at = now() WHERE id = '" + failed.id() + "'");

        ScanOutcome retried = scans.retry(failed.id());

        assertThat(retried.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
        assertThat(retried.command().id()).isNotEqualTo(failed.id());
        assertThat(retried.command().retriedFromId()).isEqualTo(failed.id());
        assertThat(retried.command().commandType()).isEqualTo("scan_updates");
        assertThat(scans.retry(failed.id()).kind()).as("retrying twice does not queue twice")
                .isEqualTo(ScanOutcome.Kind.ALREADY_QUEUED);
        assertThatThrownBy(() -> scans.retry(retried.command().id()))
                .isInstanceOf(ScanRefused.class)
                .hasMessageContaining("is pending; only failed, timed-out or cancelled commands can be retried");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(2);
    }

    @Test
    void theSweepTimesOutCommandsSentLongerAgoThanTheLimit() throws Exception {
        AgentCommand old = scans.requestScan(web01, Subsystem.STORAGE).command();
        AgentCommand recent = scans.requestScan(web01, Subsystem.UPDATES).command();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = '" + old.id() + "'");
        clock.advance(Duration.ofMinutes(90));
        assertThat(scans.sweepTimedOut()).as("90 minutes is within the limit").isZero();

        db.execute("UPDATE agent_commands SET status = 'running', sent_at = '" + clock.instant() + "' WHERE id = '"
                + recent.id() + "'");
        clock.advance(Duration.ofMinutes(31));
        assertThat(scans.sweepTimedOut()).isEqualTo(1);

        assertThat(commands.find(old.id()).orElseThrow().status()).isEqualTo(CommandStatus.TIMED_OUT);
        assertThat(commands.find(old.id()).orElseThrow().summary()).startsWith("No answer within 2 h");
        assertThat(commands.find(recent.id()).orElseThrow().status()).isEqualTo(CommandStatus.RUNNING);
        assertThat(scans.requestScan(web01, Subsystem.STORAGE).kind()).as("a timed-out scan no longer blocks a new one")
                .isEqualTo(ScanOutcome.Kind.QUEUED);
        assertThat(scans.retry(old.id()).kind()).isEqualTo(ScanOutcome.Kind.ALREADY_QUEUED);
    }

    @Test
    void theTimeoutLimitIsConfigurable() throws Exception {
        AgentCommand sent = scans.requestScan(web01, Subsystem.STORAGE).command();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = '" + sent.id() + "'");
        clock.advance(Duration.ofMinutes(11));
        ScanService impatient = new ScanService(commands, new SubsystemRepository(db.dataSource()),
                new AgentRepository(db.dataSource()), clock, Duration.ofMinutes(10));

        assertThat(impatient.sweepTimedOut()).isEqualTo(1);
        assertThat(commands.find(sent.id()).orElseThrow().summary()).startsWith("No answer within 10 min");
    }

    @Test
    void aTimedOutCommandWritesOneHistoryRowSayingSo() throws Exception {
        AgentCommand sent = scans.requestScan(web01, Subsystem.STORAGE).command();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = '" + sent.id() + "'");
        clock.advance(Duration.ofHours(3));

        assertThat(scans.sweepTimedOut()).isEqualTo(1);
        assertThat(scans.sweepTimedOut()).as("a second sweep finds nothing more to time out").isZero();

        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(1);
        assertThat(db.queryString("SELECT concat_ws('|', agent_id, command_id, action, result, subsystem) FROM update_logs"))
                .isEqualTo(web01 + "|" + sent.id() + "|scan_storage|failed|storage");
        assertThat(db.queryString("SELECT stderr FROM update_logs")).startsWith("No answer within 2 h of sending");
        assertThat(db.queryString("SELECT metadata ->> 'timed_out' FROM update_logs")).isEqualTo("true");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE executed_at = ?",
                java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))).isEqualTo(1);
    }
}
