package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.redflag.console.live.ChangeBus;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.live.LiveChanges;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.RecordingNotifier;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The PostgreSQL server itself stops (pg_ctl stop, fast: every session ended) and starts again on the same data
 * and port while eight threads queue scans through the console's own pool: no command is lost or doubled, every
 * failed call leaves exactly one console error (written, or spooled and written once the server is back), and
 * the pool and the listener come back by themselves, the listener live again.
 */
class PostgresRestartHammerTest {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 300;
    private static final int AGENTS = 400;

    @TempDir
    Path folder;

    @Test
    void aServerRestartUnderTheHammerLosesNothingDoublesNothingAndTheConsoleComesBackLive() throws Exception {
        DatabaseTarget.Embedded embedded = new DatabaseTarget.Embedded(folder.resolve("pgdata"), freePort());
        EmbeddedServer server = EmbeddedServer.start(embedded);
        ChangeBus bus = new ChangeBus();
        List<ChangeNotice> notices = new CopyOnWriteArrayList<>();
        try (Database database = Database.open(new DatabaseTarget.Server("jdbc:postgresql://localhost:"
                + embedded.port() + "/" + EmbeddedServer.DATABASE, EmbeddedServer.USER), Optional.empty());
             LiveChanges live = new LiveChanges(database::openDedicatedConnection, bus, LiveChanges.Settings.defaults())) {
            new SchemaMigrator(database.dataSource()).migrate();
            List<UUID> agents = insertAgents(database);
            bus.onChange(Runnable::run, notices::add);
            live.start();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> bus.mode() == LiveChanges.Mode.LIVE);

            ScanService scans = new ScanService(new CommandRepository(database.dataSource()),
                    new SubsystemRepository(database.dataSource()), new AgentRepository(database.dataSource()),
                    Clock.systemUTC(), ScanService.DEFAULT_COMMAND_TIMEOUT);
            ErrorReporter errors = new ErrorReporter(ErrorSpool.in(folder), new RecordingNotifier(), Clock.systemUTC(),
                    "test", Runnable::run);
            errors.attach(new HistoryRepository(database.dataSource()));
            Set<UUID> answeredQueued = ConcurrentHashMap.newKeySet();
            AtomicLong failedCalls = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            AtomicLong lastSuccessNanos = new AtomicLong();
            CountDownLatch quarter = new CountDownLatch(THREADS * CALLS_PER_THREAD / 4);

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
                            lastSuccessNanos.accumulateAndGet(System.nanoTime(), Math::max);
                            if (outcome.kind() == ScanOutcome.Kind.QUEUED) {
                                answeredQueued.add(outcome.command().id());
                            }
                        } catch (Exception failure) {
                            // What ScanRequests does with a failed call: one report through the error door.
                            failedCalls.incrementAndGet();
                            errors.report(ConsoleArea.SCAN, failure);
                        }
                        quarter.countDown();
                    }
                    return null;
                }));
            }
            assertThat(quarter.await(2, TimeUnit.MINUTES)).isTrue();
            server.close();
            long stoppedAt = System.nanoTime();
            // Down until the calls cut off by the stop have failed, and after them the calls that waited in vain
            // for a connection (the pool gives up after 3 s), and the listener has noticed; then up again.
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> failedCalls.get() >= 2 * THREADS && bus.mode() == LiveChanges.Mode.POLLING);
            long failedWhileDown = failedCalls.get();
            server = EmbeddedServer.start(embedded);
            long startedAt = System.nanoTime();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lastSuccessNanos.get() > startedAt);
            long firstCallBack = lastSuccessNanos.get();
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bus.mode() == LiveChanges.Mode.LIVE);
            long liveAgain = System.nanoTime();
            for (Future<?> caller : callers) {
                caller.get(5, TimeUnit.MINUTES);
            }
            threads.shutdown();
            for (int round = 0; round < 20 && errors.waiting() > 0; round++) {
                errors.replaySpool();
            }

            long rows = count(database, "SELECT count(*) FROM agent_commands");
            long duplicates = count(database, """
                    SELECT count(*) FROM (SELECT agent_id, command_type FROM agent_commands
                                          WHERE status IN ('pending', 'sent')
                                          GROUP BY agent_id, command_type HAVING count(*) > 1) AS d""");
            long lost = answeredQueued.stream().filter(id -> count(database,
                    "SELECT count(*) FROM agent_commands WHERE id = '" + id + "'") == 0).count();
            long errorRows = count(database, "SELECT count(*) FROM update_logs WHERE action = 'console_error'");
            System.out.printf("Restart hammer: calls=%d answered=%d failed=%d (%d while stopped) console_error rows=%d "
                            + "command rows=%d (queued answers=%d) duplicates=%d lost=%d; server down %.1f s; first "
                            + "call served %.2f s and listener live %.2f s after the server was up%n",
                    THREADS * CALLS_PER_THREAD, answered.get(), failedCalls.get(), failedWhileDown, errorRows, rows,
                    answeredQueued.size(), duplicates, lost, (startedAt - stoppedAt) / 1e9,
                    (firstCallBack - startedAt) / 1e9, (liveAgain - startedAt) / 1e9);

            assertThat(answered.get() + failedCalls.get()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
            assertThat(failedCalls.get()).as("the restart made some calls fail").isPositive();
            assertThat(duplicates).isZero();
            assertThat(lost).isZero();
            assertThat(rows).as("a call whose answer was lost may still have queued; nothing else")
                    .isBetween((long) answeredQueued.size(), (long) answeredQueued.size() + failedCalls.get());
            assertThat(errorRows).as("one console error per failed call").isEqualTo(failedCalls.get());
            assertThat(errors.waiting()).isZero();

            // Live again: a new command is heard, not found by a poll.
            ScanOutcome after = scans.requestScan(agents.get(0), Subsystem.SYSTEM);
            UUID heard = after.command().id();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> notices.stream().anyMatch(n -> n.concernsCommand(heard)));
            errors.close();
        } finally {
            server.close();
        }
    }

    private static List<UUID> insertAgents(Database database) throws Exception {
        List<UUID> agents = new ArrayList<>();
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO agents (hostname, os_type, os_version, os_architecture, agent_version, last_seen) "
                    + "SELECT 'restart-' || n || '.prod', 'linux', 'Test OS 1', 'amd64', '0.1.27', now() "
                    + "FROM generate_series(1, " + AGENTS + ") AS n");
            s.execute("INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run) "
                    + "SELECT a.id, s, true, 60, true FROM agents a, "
                    + "unnest(ARRAY['updates', 'storage', 'system', 'docker']) AS s");
            try (ResultSet rs = s.executeQuery("SELECT id FROM agents ORDER BY hostname")) {
                while (rs.next()) {
                    agents.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return agents;
    }

    private static long count(Database database, String sql) {
        try (Connection c = database.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
