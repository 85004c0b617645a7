package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.server.ServerConnection;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TriggerRouteServer;

/** A scan click on a RedFlag database writes the very row RedFlag's server would hand to the agent. */
class RedFlagScanTest {

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void aScanIsExactlyTheRowTheServersPendingQueryHandsTheAgent(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");

        try (ConsoleContext context = open(db, db.settings(true))) {
            ScanOutcome outcome = context.scans().requestScan(agent, Subsystem.UPDATES);

            assertThat(outcome.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
            List<Map<String, Object>> handedOut = RedFlagFixtures.pendingForAgent(db, shape, agent);
            assertThat(handedOut).hasSize(1);
            Map<String, Object> row = handedOut.get(0);
            assertThat(row.get("id")).isEqualTo(outcome.command().id());
            assertThat(row.get("status")).isEqualTo("pending");
            assertThat(row.get("source")).isEqualTo("manual");
            assertThat(row.get("retried_from_id")).isNull();
            if (shape == RedFlagShape.V0_1_18) {
                assertThat(row.get("command_type")).isEqualTo("scan_updates");
                assertThat(String.valueOf(row.get("params"))).isEqualTo("{}");
            } else {
                // os_type 'linux' maps to the apt scan, as the server's trigger route maps it.
                assertThat(row.get("command_type")).isEqualTo("scan_apt");
                assertThat(String.valueOf(row.get("params"))).isEqualTo("{\"subsystem\": \"updates\"}");
                assertThat((String) row.get("idempotency_key")).matches(agent + "_updates_\\d{10}");
                assertThat(row.get("signature")).isNull();
                LocalDateTime created = ((java.sql.Timestamp) row.get("created_at")).toLocalDateTime();
                LocalDateTime expires = ((java.sql.Timestamp) row.get("expires_at")).toLocalDateTime();
                assertThat(Duration.between(created, expires)).isBetween(Duration.ofMinutes(239), Duration.ofMinutes(241));
                assertThat(outcome.command().subsystem()).contains(Subsystem.UPDATES);
            }
        }
    }

    @Test
    void laterGenerationScansOtherSubsystemsByTheirOwnType() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        UUID windows = RedFlagFixtures.agentThatCanScan(db, "windows", "updates");
        UUID linux = RedFlagFixtures.agentThatCanScan(db, "linux", "storage");
        db.execute("DELETE FROM agent_commands WHERE status = 'pending'");

        try (ConsoleContext context = open(db, db.settings(true))) {
            assertThat(context.scans().requestScan(windows, Subsystem.UPDATES).command().commandType()).isEqualTo("scan_windows");
            ScanOutcome storage = context.scans().requestScan(linux, Subsystem.STORAGE);
            assertThat(storage.command().commandType()).isEqualTo("scan_storage");
            assertThat(db.queryString("SELECT params::text FROM agent_commands WHERE id = ?", storage.command().id()))
                    .isEqualTo("{\"subsystem\": \"storage\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void aTripleClickQueuesOneCommand(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");

        try (ConsoleContext context = open(db, db.settings(true))) {
            ScanOutcome first = context.scans().requestScan(agent, Subsystem.UPDATES);
            ScanOutcome second = context.scans().requestScan(agent, Subsystem.UPDATES);
            ScanOutcome third = context.scans().requestScan(agent, Subsystem.UPDATES);

            assertThat(first.isNew()).isTrue();
            assertThat(List.of(second.kind(), third.kind())).containsOnly(ScanOutcome.Kind.ALREADY_QUEUED);
            assertThat(List.of(second.command().id(), third.command().id())).containsOnly(first.command().id());
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", agent)).isEqualTo(1);
        }
    }

    /** v0.1.x has no 023a index: the console's advisory lock is all that stands between the clicks. */
    @Test
    void eightThreadsOfAThousandRequestsWithoutThePendingIndexMakeNoDuplicateAndNoError() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.V0_1_18);
        db.execute("DELETE FROM agent_commands WHERE status = 'pending'");
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            agents.add(RedFlagFixtures.agent(db, i));
        }
        AtomicLong queued = new AtomicLong();
        AtomicLong already = new AtomicLong();
        AtomicLong errors = new AtomicLong();

        try (ConsoleContext context = open(db, db.settings(true))) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                callers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int call = 0; call < 1_000; call++) {
                        try {
                            ScanOutcome outcome = context.scans().requestScan(agents.get(random.nextInt(agents.size())),
                                    Subsystem.UPDATES);
                            (outcome.isNew() ? queued : already).incrementAndGet();
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        if (call % 100 == 99) {
                            // An agent checks in now and then: its pending commands are handed out.
                            db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE status = 'pending'"
                                    + " AND agent_id = '" + agents.get(random.nextInt(agents.size())) + "'");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get();
            }
            threads.shutdown();
        }

        long duplicates = db.queryLong("SELECT count(*) FROM (SELECT agent_id, command_type FROM agent_commands "
                + "WHERE status = 'pending' GROUP BY agent_id, command_type HAVING count(*) > 1) d");
        System.out.printf("v0.1.x hammer: calls=8000 queued=%d already_queued=%d duplicates=%d errors=%d%n",
                queued.get(), already.get(), duplicates, errors.get());
        assertThat(errors.get()).isZero();
        assertThat(duplicates).isZero();
        assertThat(queued.get() + already.get()).isEqualTo(8_000);
        assertThat(queued.get()).isGreaterThan(10);
    }

    @Test
    void aDisabledSubsystemAndAScanTheFirstGenerationLacksAreRefusedWithASentence() throws Exception {
        TestDatabase later = RedFlagFixtures.build(RedFlagShape.LATER);
        UUID agent = RedFlagFixtures.agent(later, 0);
        later.execute("UPDATE agent_subsystems SET enabled = false WHERE agent_id = '" + agent + "' AND subsystem = 'docker'");
        long before = later.queryLong("SELECT count(*) FROM agent_commands");
        try (ConsoleContext context = open(later, later.settings(true))) {
            assertThatThrownBy(() -> context.scans().requestScan(agent, Subsystem.DOCKER))
                    .isInstanceOf(ScanRefused.class).hasMessageContaining("docker subsystem is disabled");
        }
        assertThat(later.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(before);

        TestDatabase first = RedFlagFixtures.build(RedFlagShape.V0_1_18);
        try (ConsoleContext context = open(first, first.settings(true))) {
            assertThatThrownBy(() -> context.scans().requestScan(RedFlagFixtures.agent(first, 0), Subsystem.STORAGE))
                    .isInstanceOf(ScanRefused.class).hasMessageContaining("scan updates only");
        }
    }

    @Test
    void whereCommandsAreSignedWithoutAServerScanningIsOffAndNothingIsWritten() throws Exception {
        TestDatabase db = RedFlagFixtures.signed();
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "storage");
        long before = db.queryLong("SELECT count(*) FROM agent_commands");

        try (ConsoleContext context = open(db, db.settings(true))) {
            assertThat(context.scans().scanningOff()).get().asString().contains("--server-url");
            assertThatThrownBy(() -> context.scans().requestScan(agent, Subsystem.STORAGE))
                    .isInstanceOf(ScanRefused.class).hasMessageContaining("signs every command");
        }
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(before);
    }

    @Test
    void whereCommandsAreSignedTheScanGoesThroughTheServersTriggerRoute() throws Exception {
        TestDatabase db = RedFlagFixtures.signed();
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "storage");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");

        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), "s3cret-token")) {
            ConsoleSettings settings = db.settings(true)
                    .withServer(ServerConnection.withToken(server.baseUrl(), "s3cret-token".toCharArray()));
            try (ConsoleContext context = open(db, settings)) {
                ScanOutcome first = context.scans().requestScan(agent, Subsystem.STORAGE);
                ScanOutcome again = context.scans().requestScan(agent, Subsystem.STORAGE);

                assertThat(first.kind()).isEqualTo(ScanOutcome.Kind.QUEUED);
                assertThat(again.kind()).isEqualTo(ScanOutcome.Kind.ALREADY_QUEUED);
                assertThat(again.command().id()).isEqualTo(first.command().id());
                Map<String, Object> row = RedFlagFixtures.pendingForAgent(db, RedFlagShape.LATER, agent).get(0);
                assertThat(row.get("id")).isEqualTo(first.command().id());
                assertThat(row.get("command_type")).isEqualTo("scan_storage");
                assertThat((String) row.get("signature")).hasSize(128);
                assertThat(row.get("key_id")).isEqualTo(server.keyId());
                // The second click was answered from the database: the server was asked once.
                assertThat(server.requests()).filteredOn(r -> r.path().endsWith("/trigger")).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void theConsoleLeavesTimingOutARedFlagServersCommandsToTheServer(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");

        try (ConsoleContext context = open(db, db.settings(true))) {
            UUID command = context.scans().requestScan(agent, Subsystem.UPDATES).command().id();
            db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() - interval '1 day' WHERE id = '"
                    + command + "'");
            long history = db.queryLong("SELECT count(*) FROM update_logs");

            assertThat(context.scans().sweepTimedOut()).isZero();
            assertThat(db.queryString("SELECT status FROM agent_commands WHERE id = ?", command)).isEqualTo("sent");
            assertThat(db.queryLong("SELECT count(*) FROM update_logs")).as("no history row either").isEqualTo(history);
        }
    }

    private static ConsoleContext open(TestDatabase db, ConsoleSettings settings) throws Exception {
        return ConsoleContext.open(settings, Optional.empty(), Clock.systemUTC());
    }
}
