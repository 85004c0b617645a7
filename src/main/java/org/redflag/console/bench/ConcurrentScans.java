package org.redflag.console.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.bench.ConcurrentScansReport.Side;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;

/**
 * Scan requests from many threads at once, as a busy console (or several) sends them: {@value #THREADS} threads
 * through {@code ScanService.requestScan} (the pool, the console's statements and mapping) and, in turn with
 * them, {@value #THREADS} threads running the console's very INSERT … ON CONFLICT raw on bare connections. In
 * turn rather than at once, so each side has the machine to itself and the ratio compares the paths, not how two
 * crowds split two cores. Each side has agents of its own, and each agent is asked twice in a row by two threads,
 * so the one-active rule is raced for real and half the calls meet the scan the other thread just queued.
 */
final class ConcurrentScans {

    static final int THREADS = 8;
    static final double CALLS_PER_SECOND_GOAL = 5_000;
    static final double RATIO_GOAL = 0.6;

    /** Console, raw, then raw, console: a busy moment on shared cores falls on both sides alike. */
    static final int ROUNDS = 2;
    private static final String RAW_APPLICATION = "redflag-console (bench raw scans)";
    private static final String POOL_APPLICATION = "redflag-console";
    /**
     * What PostgreSQL itself needs for the job: the INSERT … ON CONFLICT DO NOTHING alone, with the same check that
     * the subsystem is enabled, answering only whether it queued (the console also reads back the command).
     */
    private static final String RAW_INSERT = """
            INSERT INTO agent_commands (agent_id, command_type, params, source)
            SELECT s.agent_id, ?, jsonb_build_object('subsystem', s.subsystem::text), 'manual'
            FROM agent_subsystems s
            WHERE s.agent_id = ? AND s.subsystem = ? AND s.enabled
            ON CONFLICT (agent_id, command_type) WHERE status IN ('pending', 'sent') DO NOTHING
            RETURNING id
            """;

    /** Enabled on every generated agent, and no generated scan of it is active: every first ask queues. */
    static final Subsystem SUBSYSTEM = Subsystem.STORAGE;

    private interface Call {
        /** Asks for the scan on {@code agent} from thread number {@code thread}; true when it queued one. */
        boolean run(int thread, UUID agent) throws Exception;
    }

    private final ConsoleContext context;
    private final BenchFleet fleet;
    private final FleetBench.Sizes sizes;
    private final PrintWriter out;
    private final Map<String, Object> json;
    private final Optional<ServerCpu> serverCpu;

    ConcurrentScans(ConsoleContext context, BenchFleet fleet, FleetBench.Sizes sizes, PrintWriter out,
            Map<String, Object> json) {
        this.context = context;
        this.fleet = fleet;
        this.sizes = sizes;
        this.out = out;
        this.json = json;
        this.serverCpu = ServerCpu.of(context.database());
    }

    void run() throws Exception {
        int callsPerRound = Math.max(2, sizes.scanCalls() / ROUNDS);
        int agentsPerSide = ROUNDS * callsPerRound / 2;
        List<UUID> agents = fleet.agentIds(2 * agentsPerSide);
        int half = Math.max(1, agents.size() / 2);
        List<UUID> consoleAgents = agents.subList(0, half);
        List<UUID> rawAgents = agents.size() > 1 ? agents.subList(half, agents.size()) : agents;
        QueryReport.Machine machine = QueryReport.Machine.now(null);
        List<Connection> bare = new ArrayList<>();
        List<PreparedStatement> rawInserts = new ArrayList<>();
        Side console = new Side(0, 0, 0, 0, 0, serverCpu.isPresent() ? 0 : -1, Map.of(), null);
        Side raw = console;
        try {
            for (int t = 0; t < THREADS; t++) {
                bare.add(RawStatements.openBare(context.database(), RAW_APPLICATION));
                rawInserts.add(bare.get(t).prepareStatement(RAW_INSERT));
            }
            openPoolConnections();
            Call consoleCall = (thread, agent) -> context.scans().requestScan(agent, SUBSYSTEM).isNew();
            Call rawCall = (thread, agent) -> insertRaw(rawInserts.get(thread), agent);
            for (int round = 0; round < ROUNDS; round++) {
                int first = round * callsPerRound / 2;
                if (round % 2 == 0) {
                    console = console.plus(phase(consoleAgents, first, callsPerRound, consoleCall, POOL_APPLICATION));
                    raw = raw.plus(phase(rawAgents, first, callsPerRound, rawCall, RAW_APPLICATION));
                } else {
                    raw = raw.plus(phase(rawAgents, first, callsPerRound, rawCall, RAW_APPLICATION));
                    console = console.plus(phase(consoleAgents, first, callsPerRound, consoleCall, POOL_APPLICATION));
                }
            }
        } finally {
            for (Connection connection : bare) {
                connection.close();
            }
        }
        new ConcurrentScansReport(console, raw, fleet.duplicateScans(),
                statementsWhenAlreadyQueued(consoleAgents.get(0)), QueryReport.Machine.now(machine),
                context.database().poolSize()).print(out, json);
    }

    /**
     * Has the pool open a connection for each thread before the clock starts, as the raw side opened its bare ones:
     * the benchmark has used one at a time so far, and Hikari opening the others during the first round would be
     * counted against the console.
     */
    private void openPoolConnections() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int t = 0; t < Math.min(THREADS, context.database().poolSize()); t++) {
                held.add(context.database().connection());
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    private static boolean insertRaw(PreparedStatement insert, UUID agent) throws SQLException {
        insert.setString(1, SUBSYSTEM.commandType());
        insert.setObject(2, agent);
        insert.setString(3, SUBSYSTEM.id());
        try (ResultSet rs = insert.executeQuery()) {
            return rs.next();
        }
    }

    /** How many statements the console sends for an agent whose scan is already queued (the rule's other half). */
    private int statementsWhenAlreadyQueued(UUID queuedAgent) throws Exception {
        RecordingDataSource recorder = new RecordingDataSource(context.database().dataSource());
        recordingService(recorder).requestScan(queuedAgent, SUBSYSTEM);
        return recorder.drain().size();
    }

    private ScanService recordingService(RecordingDataSource recorder) {
        return new ScanService(new CommandRepository(recorder), new SubsystemRepository(recorder),
                new AgentRepository(recorder, context.capabilities()), context.clock(),
                context.scans().commandTimeout());
    }

    /**
     * {@value #THREADS} threads take calls from one counter until {@code calls} are made; call k asks agent
     * {@code first + k / 2}, so two threads ask each agent at nearly the same moment.
     */
    private Side phase(List<UUID> agents, int first, int calls, Call call, String application) throws Exception {
        AtomicInteger next = new AtomicInteger();
        LongAdder queued = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder javaCpuNanos = new LongAdder();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(threads.submit(() -> {
                    go.await();
                    long cpuStart = cpu.getCurrentThreadCpuTime();
                    for (int k = next.getAndIncrement(); k < calls; k = next.getAndIncrement()) {
                        try {
                            if (call.run(thread, agents.get((first + k / 2) % agents.size()))) {
                                queued.increment();
                            }
                        } catch (Exception e) {
                            errors.increment();
                            firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                    }
                    javaCpuNanos.add(cpu.getCurrentThreadCpuTime() - cpuStart);
                    return null;
                }));
            }
            try (BackendWaits waits = BackendWaits.start(context.database(), application)) {
                Set<Long> sampler = Set.of(waits.backendPid());
                long serverStart = serverCpu.map(server -> server.usedNanos(sampler)).orElse(-1L);
                long start = System.nanoTime();
                go.countDown();
                for (Future<?> thread : running) {
                    thread.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long serverNanos = serverCpu.map(server -> server.usedNanos(sampler) - serverStart).orElse(-1L);
                waits.close();
                return new Side(calls, queued.sum(), errors.sum(), seconds, javaCpuNanos.sum(), serverNanos,
                        waits.counts(),
                        firstError.get() != null ? firstError.get() : waits.failure().map(f -> "(backend states not "
                                + "sampled: " + f + ")").orElse(null));
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            threads.shutdownNow();
        }
    }
}
