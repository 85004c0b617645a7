package org.redflag.console.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.MutableClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The simulated agents: each scan lands in its own subsystem's table, with one history row, never elsewhere. */
class SimulatedFleetTest {

    private static final Map<Subsystem, String> RESULT_TABLES = Map.of(
            Subsystem.STORAGE, "storage_metrics",
            Subsystem.UPDATES, "update_packages",
            Subsystem.SYSTEM, "system_info",
            Subsystem.DOCKER, "docker_images");

    private TestDatabase db;
    private MutableClock clock;
    private ScanService scans;
    private UUID agent;

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase().migrated();
        // A moment ahead of the database's clock, which stamps created_at: as in the window, the fleet's
        // clock never runs behind the commands it takes.
        clock = new MutableClock(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS));
        scans = new ScanService(new CommandRepository(db.dataSource()), new SubsystemRepository(db.dataSource()),
                new AgentRepository(db.dataSource()), clock, ScanService.DEFAULT_COMMAND_TIMEOUT);
        agent = Fleets.insertAgentWithSubsystems(db, "docker-host-01.prod", "linux", clock.instant().minusSeconds(300),
                Fleets.ALL_SUBSYSTEMS.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(Subsystem.class)
    void aCompletedScanWritesItsOwnTableAndOneHistoryRowAndNothingElse(Subsystem subsystem) throws Exception {
        UUID command = scans.requestScan(agent, subsystem).command().id();

        SimulatedFleet.Round round = fleet(SimulatedFleet.Settings.instant(0)).runRound();

        assertThat(round.taken()).isEqualTo(1);
        assertThat(round.completed()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("completed");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE id = ? AND sent_at IS NOT NULL "
                + "AND completed_at IS NOT NULL AND result ->> 'summary' <> ''", command)).isEqualTo(1);
        String own = RESULT_TABLES.get(subsystem);
        long ownRows = db.queryLong("SELECT count(*) FROM " + own + " WHERE command_id = ?", command);
        if (subsystem == Subsystem.UPDATES) {
            // An agent may well be up to date; then the table stays empty but the history says so.
            assertThat(ownRows).isGreaterThanOrEqualTo(0);
        } else {
            assertThat(ownRows).as(own).isPositive();
        }
        RESULT_TABLES.forEach((other, table) -> {
            if (other != subsystem) {
                assertThat(db.queryLong("SELECT count(*) FROM " + table)).as(table + " after a " + subsystem + " scan")
                        .isZero();
            }
        });
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(1);
        assertThat(db.queryLong("""
                SELECT count(*) FROM update_logs
                WHERE command_id = ? AND agent_id = ? AND subsystem = ? AND action = ? AND result = 'success'
                  AND exit_code = 0 AND duration_seconds >= 1 AND stdout <> '' AND stderr = ''
                """, command, agent, subsystem.id(), subsystem.commandType())).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM agent_subsystems WHERE agent_id = ? AND subsystem = ? "
                + "AND last_run_at = ? AND next_run_at = ? ", agent, subsystem.id(),
                java.sql.Timestamp.from(clock.instant()), java.sql.Timestamp.from(clock.instant().plus(Duration.ofMinutes(60)))))
                .as("last and next run moved").isEqualTo(1);
    }

    @Test
    void anUpdatesScanReplacesTheAgentsPendingPackages() throws Exception {
        SimulatedFleet fleet = fleet(SimulatedFleet.Settings.instant(0));
        long found = 0;
        // Some scans find nothing to update; a few rounds make sure one finds something.
        for (int i = 0; i < 10 && found == 0; i++) {
            scans.requestScan(agent, Subsystem.UPDATES);
            fleet.runRound();
            found = db.queryLong("SELECT count(*) FROM update_packages");
        }
        assertThat(found).isPositive();
        assertThat(db.queryLong("SELECT count(DISTINCT command_id) FROM update_packages")).as("only the newest scan's list")
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_packages WHERE package_type <> 'apt'")).isZero();
    }

    @Test
    void aFailedScanWritesNoResultsButAFailedHistoryRow() throws Exception {
        UUID command = scans.requestScan(agent, Subsystem.STORAGE).command().id();

        SimulatedFleet.Round round = fleet(SimulatedFleet.Settings.instant(1)).runRound();

        assertThat(round.failed()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("failed");
        assertThat(db.queryLong("SELECT count(*) FROM storage_metrics")).isZero();
        assertThat(db.queryLong("""
                SELECT count(*) FROM update_logs
                WHERE command_id = ? AND subsystem = 'storage' AND action = 'scan_storage' AND result = 'failed'
                  AND exit_code <> 0 AND stderr <> ''
                """, command)).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(1);
    }

    @Test
    void aScanGoesSentThenRunningAndReportsWhenItsTimeIsUp() throws Exception {
        SimulatedFleet fleet = fleet(new SimulatedFleet.Settings(Duration.ofSeconds(10), Duration.ofSeconds(10), 0, 50,
                Duration.ofSeconds(1)));
        UUID command = scans.requestScan(agent, Subsystem.SYSTEM).command().id();

        SimulatedFleet.Round first = fleet.runRound();
        assertThat(first.taken()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("running");
        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE id = ? AND last_seen = ?", agent,
                java.sql.Timestamp.from(clock.instant()))).as("the agent polled").isEqualTo(1);

        clock.advance(Duration.ofSeconds(9));
        assertThat(fleet.runRound().completed()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(fleet.runRound().completed()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("completed");
        assertThat(db.queryLong("SELECT duration_seconds FROM update_logs WHERE command_id = ?", command)).isEqualTo(10);
        assertThat(db.queryLong("SELECT count(*) FROM system_info WHERE command_id = ?", command)).isEqualTo(1);
    }

    @Test
    void aCancelledCommandIsNotTaken() throws Exception {
        UUID command = scans.requestScan(agent, Subsystem.STORAGE).command().id();
        scans.cancel(command);

        assertThat(fleet(SimulatedFleet.Settings.instant(0)).runRound().taken()).isZero();
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("cancelled");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isZero();
    }

    @Test
    void twoFleetsNeverTakeTheSameCommand() throws Exception {
        for (int i = 0; i < 6; i++) {
            UUID other = Fleets.insertAgentWithSubsystems(db, "web-%02d.prod".formatted(i), "linux", clock.instant(),
                    Fleets.ALL_SUBSYSTEMS.toArray(String[]::new));
            for (Subsystem s : Subsystem.values()) {
                scans.requestScan(other, s);
            }
        }
        SimulatedFleet one = fleet(SimulatedFleet.Settings.instant(0));
        SimulatedFleet two = fleet(SimulatedFleet.Settings.instant(0));
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> round(one));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> round(two));

        int taken = first.get().taken() + second.get().taken();
        assertThat(taken).isEqualTo(24);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(24);
        assertThat(db.queryLong("SELECT count(DISTINCT command_id) FROM update_logs")).isEqualTo(24);
    }

    @Test
    void anOfflineAgentsScanWaitsUntilItComesBackAndChecksIn() throws Exception {
        UUID away = Fleets.insertAgentWithSubsystems(db, "laptop-07.office", "linux", clock.instant().minus(Duration.ofHours(3)),
                Fleets.ALL_SUBSYSTEMS.toArray(String[]::new));
        UUID command = scans.requestScan(away, Subsystem.STORAGE).command().id();
        SimulatedFleet fleet = fleet(SimulatedFleet.Settings.instant(0).waiting(Duration.ZERO, Duration.ofMinutes(2)));

        assertThat(fleet.runRound().taken()).isZero();
        clock.advance(Duration.ofSeconds(90));
        assertThat(fleet.runRound().taken()).as("still away after 90 s").isZero();
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("pending");
        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE id = ? AND last_seen < ?", away,
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofHours(2))))).as("no check-in yet").isEqualTo(1);

        clock.advance(Duration.ofSeconds(40));
        SimulatedFleet.Round back = fleet.runRound();
        assertThat(back.taken()).isEqualTo(1);
        assertThat(back.completed()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("completed");
        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE id = ? AND last_seen = ?", away,
                java.sql.Timestamp.from(clock.instant()))).as("it checked in").isEqualTo(1);
    }

    @Test
    void aStaleAgentNeverTakesItsScan() throws Exception {
        UUID gone = Fleets.insertAgentWithSubsystems(db, "old-db.prod", "linux", clock.instant().minus(Duration.ofDays(9)),
                Fleets.ALL_SUBSYSTEMS.toArray(String[]::new));
        UUID command = scans.requestScan(gone, Subsystem.SYSTEM).command().id();
        SimulatedFleet fleet = fleet(SimulatedFleet.Settings.instant(0));

        for (int i = 0; i < 5; i++) {
            assertThat(fleet.runRound().taken()).isZero();
            clock.advance(Duration.ofMinutes(30));
        }
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("pending");
        assertThat(db.queryLong("SELECT count(*) FROM agents WHERE id = ? AND last_seen < ?", gone,
                java.sql.Timestamp.from(clock.instant().minus(Duration.ofDays(8))))).as("never checked in").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isZero();
    }

    @Test
    void anOnlineAgentTakesAScanAtItsNextCheckInSoItCanStillBeCancelled() throws Exception {
        SimulatedFleet fleet = fleet(SimulatedFleet.Settings.instant(0).waiting(Duration.ofSeconds(30), Duration.ZERO));
        UUID first = scans.requestScan(agent, Subsystem.STORAGE).command().id();
        UUID cancelled = scans.requestScan(agent, Subsystem.DOCKER).command().id();
        // The next check-in is at most one interval after the first was asked for: until then both wait, and
        // Cancel wins.
        Instant askedAt = Instant.ofEpochMilli(db.queryLong(
                "SELECT floor(extract(epoch FROM min(created_at)) * 1000)::bigint FROM agent_commands"));
        Instant pollAt = fleet.takenAt(new AgentPolls.Waiting(first, agent, askedAt, clock.instant()), clock.instant());
        assertThat(pollAt).isBetween(askedAt, askedAt.plusSeconds(30));
        clock.advance(Duration.between(clock.instant(), pollAt.minusMillis(1)));
        assertThat(fleet.runRound().taken()).isZero();
        scans.cancel(cancelled);

        clock.advance(Duration.between(clock.instant(), pollAt.plusMillis(1)));
        assertThat(fleet.runRound().taken()).isEqualTo(1);
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", first)).isEqualTo("completed");
        assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", cancelled)).isEqualTo("cancelled");
    }

    private static SimulatedFleet.Round round(SimulatedFleet fleet) {
        try {
            return fleet.runRound();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private SimulatedFleet fleet(SimulatedFleet.Settings settings) {
        return new SimulatedFleet(db.dataSource(), clock, settings);
    }

}
