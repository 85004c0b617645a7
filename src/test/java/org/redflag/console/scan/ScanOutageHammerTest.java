package org.redflag.console.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * Eight threads queue scans while the database goes away (every connection cut, new ones refused) and comes
 * back: no command is lost or doubled, every failed call leaves exactly one console error (written, or spooled
 * and written once it is back), and the pool recovers by itself.
 */
class ScanOutageHammerTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 300;
    private static final int AGENTS = 10;

    @TempDir
    Path dataFolder;

    @Test
    void anOutageDuringTheHammerLosesNothingDoublesNothingAndEveryFailureIsOneErrorRow() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(Fleets.insertAgentWithSubsystems(db, "outage-%02d.prod".formatted(i), "linux", Instant.now(),
                    Fleets.ALL_SUBSYSTEMS.toArray(String[]::new)));
        }
        try (HikariDataSource pool = pool(db)) {
            ScanService scans = new ScanService(new CommandRepository(pool), new SubsystemRepository(pool),
                    new AgentRepository(pool), Clock.systemUTC(), ScanService.DEFAULT_COMMAND_TIMEOUT);
            ErrorReporter errors = new ErrorReporter(ErrorSpool.in(dataFolder), new RecordingNotifier(),
                    Clock.systemUTC(), "test", Runnable::run);
            errors.attach(new HistoryRepository(pool));
            Set<UUID> answeredQueued = ConcurrentHashMap.newKeySet();
            AtomicLong failedCalls = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            CountDownLatch halfway = new CountDownLatch(THREADS * CALLS_PER_THREAD / 4);

            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                callers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        try {
                            ScanOutcome outcome = scans.requestScan(agents.get(random.nextInt(AGENTS)),
                                    Subsystem.values()[random.nextInt(Subsystem.values().length)]);
                            answered.incrementAndGet();
                            if (outcome.kind() == ScanOutcome.Kind.QUEUED) {
                                answeredQueued.add(outcome.command().id());
                            }
                        } catch (Exception failure) {
                            // What ScanRequests does with a failed call: one report through the error door.
                            failedCalls.incrementAndGet();
                            errors.report(ConsoleArea.SCAN, failure);
                        }
                        halfway.countDown();
                    }
                    return null;
                }));
            }
            halfway.await(2, TimeUnit.MINUTES);
            db.takeAway();
            // Away until every thread has had a call fail, then back.
            org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> failedCalls.get() >= THREADS);
            db.bringBack();
            for (Future<?> caller : callers) {
                caller.get(5, TimeUnit.MINUTES);
            }
            threads.shutdown();
            errors.flush();
            for (int round = 0; round < 20 && errors.waiting() > 0; round++) {
                errors.replaySpool();
            }

            long rows = db.queryLong("SELECT count(*) FROM agent_commands");
            long duplicates = db.queryLong("""
                    SELECT count(*) FROM (SELECT agent_id, command_type FROM agent_commands
                                          WHERE status IN ('pending', 'sent')
                                          GROUP BY agent_id, command_type HAVING count(*) > 1) AS d""");
            long lost = answeredQueued.stream().filter(id -> db.queryLong(
                    "SELECT count(*) FROM agent_commands WHERE id = '" + id + "'") == 0).count();
            long errorRows = db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'");
            System.out.printf("Outage hammer: calls=%d answered=%d failed=%d console_error rows=%d command rows=%d "
                    + "duplicates=%d lost=%d%n", THREADS * CALLS_PER_THREAD, answered.get(), failedCalls.get(),
                    errorRows, rows, duplicates, lost);

            assertThat(failedCalls.get()).as("the outage made some calls fail").isPositive();
            assertThat(answered.get() + failedCalls.get()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
            assertThat(duplicates).isZero();
            assertThat(lost).isZero();
            assertThat(errorRows).as("one console error per failed call").isEqualTo(failedCalls.get());
            assertThat(scans.requestScan(agents.get(0), Subsystem.SYSTEM)).as("the pool came back by itself")
                    .isNotNull();
            errors.close();
        }
    }

    private static HikariDataSource pool(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(TestPostgres.SUPERUSER);
        config.setMaximumPoolSize(THREADS + 4);
        // As the console's pool (3 s), so a call during the outage fails in seconds rather than waiting it out.
        config.setConnectionTimeout(3000);
        return new HikariDataSource(config);
    }
}
