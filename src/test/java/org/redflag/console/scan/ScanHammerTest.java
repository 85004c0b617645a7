package org.redflag.console.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.simulator.SimulatedFleet;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * Many consoles hammering the same scans while agents take and finish them: the database keeps one active
 * scan per agent and subsystem, and every call is answered queued or already queued, never an error.
 */
class ScanHammerTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1_000;
    private static final int AGENTS = 10;

    private static final String DUPLICATE_GROUPS = """
            SELECT count(*) FROM (SELECT agent_id, command_type FROM agent_commands
                                  WHERE status IN ('pending', 'sent')
                                  GROUP BY agent_id, command_type HAVING count(*) > 1) AS duplicates
            """;

    @Test
    void eightThreadsOfRapidRequestsNeverQueueADuplicateOrFail() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(Fleets.insertAgentWithSubsystems(db, "hammer-%02d.prod".formatted(i), "linux", Instant.now(),
                    Fleets.ALL_SUBSYSTEMS.toArray(String[]::new)));
        }
        try (HikariDataSource pool = pool(db)) {
            ScanService scans = new ScanService(new CommandRepository(pool), new SubsystemRepository(pool),
                    new AgentRepository(pool), Clock.systemUTC(), ScanService.DEFAULT_COMMAND_TIMEOUT);
            // Agents keep taking and finishing scans meanwhile, so new commands keep being queued.
            SimulatedFleet fleet = new SimulatedFleet(pool, Clock.systemUTC(), SimulatedFleet.Settings.instant(0.1));

            AtomicLong queued = new AtomicLong();
            AtomicLong alreadyQueued = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong duplicatesSeen = new AtomicLong();
            AtomicLong checks = new AtomicLong();
            Set<UUID> queuedIds = ConcurrentHashMap.newKeySet();
            Map<UUID, Boolean> answeredIds = new ConcurrentHashMap<>();
            AtomicBoolean hammering = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);

            ExecutorService threads = Executors.newFixedThreadPool(THREADS + 2);
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                callers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        UUID agent = agents.get(random.nextInt(AGENTS));
                        Subsystem subsystem = Subsystem.values()[random.nextInt(Subsystem.values().length)];
                        try {
                            ScanOutcome outcome = scans.requestScan(agent, subsystem);
                            answeredIds.put(outcome.command().id(), true);
                            if (outcome.kind() == ScanOutcome.Kind.QUEUED) {
                                queued.incrementAndGet();
                                queuedIds.add(outcome.command().id());
                            } else {
                                alreadyQueued.incrementAndGet();
                            }
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                            e.printStackTrace();
                        }
                    }
                    return null;
                }));
            }
            Future<?> agentsAnswering = threads.submit(() -> {
                start.await();
                while (hammering.get()) {
                    fleet.runRound();
                }
                return null;
            });
            Future<?> checker = threads.submit(() -> {
                start.await();
                while (hammering.get()) {
                    duplicatesSeen.addAndGet(db.queryLong(DUPLICATE_GROUPS));
                    checks.incrementAndGet();
                }
                return null;
            });

            long began = System.nanoTime();
            start.countDown();
            for (Future<?> caller : callers) {
                caller.get(5, TimeUnit.MINUTES);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            hammering.set(false);
            agentsAnswering.get(1, TimeUnit.MINUTES);
            checker.get(1, TimeUnit.MINUTES);
            threads.shutdown();

            long calls = (long) THREADS * CALLS_PER_THREAD;
            long duplicatesAfter = db.queryLong(DUPLICATE_GROUPS);
            long rows = db.queryLong("SELECT count(*) FROM agent_commands");
            long finished = db.queryLong("SELECT count(*) FROM agent_commands WHERE status IN ('completed', 'failed')");
            System.out.printf("Scan hammer: calls=%d queued=%d already_queued=%d duplicates=%d errors=%d "
                            + "(command rows=%d, finished by the simulated fleet=%d, duplicate checks during the run=%d, "
                            + "%d threads, %d agents x %d subsystems, %d ms)%n",
                    calls, queued.get(), alreadyQueued.get(), duplicatesSeen.get() + duplicatesAfter, errors.get(),
                    rows, finished, checks.get(), THREADS, AGENTS, Subsystem.values().length, millis);

            assertThat(errors.get()).isZero();
            assertThat(queued.get() + alreadyQueued.get()).isEqualTo(calls);
            assertThat(duplicatesSeen.get()).isZero();
            assertThat(checks.get()).isPositive();
            assertThat(duplicatesAfter).isZero();
            assertThat(rows).as("every command row was answered as queued exactly once").isEqualTo(queued.get());
            assertThat(queuedIds).hasSize((int) queued.get());
            assertThat(answeredIds.keySet()).as("already-queued answers name commands that exist")
                    .allSatisfy(id -> assertThat(queuedIds).contains(id));
            assertThat(queued.get()).as("the fleet finished scans, so more than one round of commands was queued")
                    .isGreaterThan(AGENTS * Subsystem.values().length);
        }
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(TestPostgres.SUPERUSER);
        config.setMaximumPoolSize(THREADS + 4);
        return new HikariDataSource(config);
    }
}
