package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.fleet.AgentFilter;
import org.redflag.console.fleet.AgentOrder;
import org.redflag.console.fleet.AgentQuery;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.AgentSort;
import org.redflag.console.fleet.PresenceFilter;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.simulator.SimulatedFleet;

/**
 * Times the repository calls the views make on a generated fleet, with the page size they use, and prints the
 * report. Each query is first run once through a {@link RecordingDataSource}; the statement it sent is then timed
 * raw ({@link RawStatements}) in turn with the console's call, and EXPLAINed, so the raw figure and the plan are
 * those of the very SQL that was timed. The recording repositories get the context's capabilities, so on a
 * RedFlag schema they send RedFlag's SQL, as the timed ones do.
 */
final class FleetBench {

    /** What to generate and how often to run each query. */
    record Sizes(long agents, long history, int warmups, double warmUpSeconds, int runs, int scanCalls) {
    }

    /** The views' page size (AgentsViewModel, HistoryViewModel). */
    static final int PAGE = 200;

    /** Part of a dozen hostnames in a fleet of 100,000 (fewer in a smaller one): a search for a few machines. */
    static final String RARE_HOSTNAME = "db-0123";

    /** A table with more rows than this read in full is flagged: at fleet scale that is the slow path. */
    static final long BIG_TABLE_ROWS = 10_000;

    /** Every line the report prints for a timed query on the console's schema, in order. */
    static final List<String> MEASURED = measured("docker", true, true);

    /** The lines for a fleet whose history is filtered by {@code subsystem}; the test checks each one is there. */
    static List<String> measured(String subsystem, boolean claimRound, boolean storage) {
        List<String> names = new ArrayList<>(List.of(
                "agents: first page", "agents: deep page (keyset)", "agents: hostname search", "agents: count",
                "agents: offline windows", "agents: deep, by last seen",
                "history: newest page", "history: deep page (keyset)", "history: subsystem " + subsystem,
                "history: result failed", "history: console errors only", "history: one agent",
                "history: hostname contains", "history: one day", "history: output contains common",
                "history: output contains rare", "history: output of one row"));
        names.addAll(OverviewBench.measured(storage));
        names.add("scans: requestScan");
        if (claimRound) {
            names.add("fleet: claim round");
        }
        return List.copyOf(names);
    }

    private final ConsoleContext context;
    private final Sizes sizes;
    private final PrintWriter out;
    private final BenchFleet fleet;
    private final RecordingDataSource recorder;
    private final Map<String, Long> tableRows;
    private final Map<String, Object> json;
    private final List<QueryFigures> queries = new ArrayList<>();
    private QueryReport.Machine machine;

    /**
     * {@code fleet} reads the database {@code context} is open on; {@code tableRows} as generation counted them;
     * the queries and memory figures are also put in {@code json}.
     */
    FleetBench(ConsoleContext context, BenchFleet fleet, Sizes sizes, Map<String, Long> tableRows, PrintWriter out,
            Map<String, Object> json) {
        this.context = context;
        this.fleet = fleet;
        this.sizes = sizes;
        this.tableRows = tableRows;
        this.out = out;
        this.json = json;
        this.recorder = new RecordingDataSource(context.database().dataSource());
    }

    void run() throws SQLException {
        measure(0, fleet.runsClaimRound());
        QueryReport report = new QueryReport(queries, tableRows, machine);
        report.print(out, sizes);
        out.println("  duplicates = " + fleet.duplicateRule() + ".");
        if (!fleet.runsClaimRound()) {
            out.println("  fleet: claim round skipped: the simulated fleet claims scans in the console's own tables; "
                    + "on a RedFlag schema RedFlag's agents do that.");
        }
        json.put("machine", report.machineJson());
        json.put("queries", report.json());
        LoadedPagesHeap.measure(context, tableRows.get("update_logs"), out, json);
        measureWritePaths();
    }

    /**
     * Concurrency, live latency and the fleet-wide scan last, in that order: the fleet-wide scan queues a command
     * on every agent, which the pages above must not see. All three are the console's own schema's: its
     * one-active index, its V10 trigger, its set-based statement.
     */
    private void measureWritePaths() throws SQLException {
        if (!context.capabilities().isConsole()) {
            out.println();
            out.println("Scans under concurrency, live latency and scan all matching: measured on the console's own "
                    + "schema (its one-active index, its V10 trigger, its set-based statement), not on this one.");
            return;
        }
        try {
            new ConcurrentScans(context, fleet, sizes, out, json).run();
            new LiveLatency(context, out, json).run();
            new ScanAllMatching(context, out, json).run();
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    private void measureAgents(RawStatements raw) throws Exception {
        AgentRepository agents = context.agents();
        AgentRepository explained = new AgentRepository(recorder, context.capabilities());
        String[] nearEnd = fleet.agentKeyNearEnd();
        AgentRepository.PageKey deep = new AgentRepository.PageKey(nearEnd[0], UUID.fromString(nearEnd[1]));
        compare("agents: first page", true, raw, () -> agents.page("", null, PAGE).size(),
                () -> explained.page("", null, PAGE), false);
        compare("agents: deep page (keyset)", true, raw, () -> agents.page("", deep, PAGE).size(),
                () -> explained.page("", deep, PAGE), false);
        compare("agents: hostname search", true, raw, () -> agents.page(RARE_HOSTNAME, null, PAGE).size(),
                () -> explained.page(RARE_HOSTNAME, null, PAGE), false);
        compare("agents: count", false, raw, () -> (int) agents.count(), explained::count, true);
        // The Agents view's filters and header orders: offline Windows agents, and last seen newest first, deep.
        Instant now = fleet.databaseNow();
        AgentQuery offlineWindows = new AgentQuery(
                new AgentFilter("", PresenceFilter.OFFLINE, "windows", null, null), AgentOrder.BY_HOSTNAME);
        compare("agents: offline windows", true, raw,
                () -> agents.page(offlineWindows, null, PAGE, now).size(),
                () -> explained.page(offlineWindows, null, PAGE, now), false);
        AgentQuery byLastSeen = new AgentQuery(AgentFilter.all(), new AgentOrder(AgentSort.LAST_SEEN, true));
        AgentRepository.OrderKey seenLongAgo = fleet.lastSeenKeyNearEnd();
        compare("agents: deep, by last seen", true, raw,
                () -> agents.page(byLastSeen, seenLongAgo, PAGE, now).size(),
                () -> explained.page(byLastSeen, seenLongAgo, PAGE, now), false);
    }

    private void measureHistory(RawStatements raw) throws Exception {
        HistoryRepository history = context.history();
        HistoryRepository explained = new HistoryRepository(recorder, context.capabilities());
        Instant now = fleet.databaseNow();
        HistoryRepository.PageKey farBack = new HistoryRepository.PageKey(
                now.minus(Duration.ofDays(fleet.historyDays() - 5)), new UUID(-1L, -1L));
        UUID agent = fleet.someAgent().orElseThrow();
        HistoryFilter all = HistoryFilter.all();
        historyPage(raw, "history: newest page", history, explained, all, null);
        historyPage(raw, "history: deep page (keyset)", history, explained, all, farBack);
        historyPage(raw, "history: subsystem " + fleet.subsystemFilter(), history, explained,
                filter(fleet.subsystemFilter(), "", null, null, "", false), null);
        historyPage(raw, "history: result failed", history, explained, filter("", "failed", null, null, "", false), null);
        historyPage(raw, "history: console errors only", history, explained, filter("", "", null, null, "", true), null);
        historyPage(raw, "history: one agent", history, explained, HistoryFilter.forAgent(agent), null);
        historyPage(raw, "history: hostname contains", history, explained,
                new HistoryFilter(null, RARE_HOSTNAME, "", "", null, null, "", false), null);
        Instant dayStart = now.minus(Duration.ofDays(fleet.historyDays() / 3));
        historyPage(raw, "history: one day", history, explained,
                filter("", "", dayStart, dayStart.plus(Duration.ofDays(1)), "", false), null);
        historyPage(raw, "history: output contains common", history, explained,
                filter("", "", null, null, fleet.commonOutputText(), false), null);
        historyPage(raw, "history: output contains rare", history, explained,
                filter("", "", null, null, fleet.rareOutputText(), false), null);
        UUID row = fleet.newestHistoryRowWithOutput().orElseThrow();
        compare("history: output of one row", false, raw, () -> history.output(row, 64 * 1024).isPresent() ? 1 : 0,
                () -> explained.output(row, 64 * 1024), false);
    }

    private void historyPage(RawStatements raw, String name, HistoryRepository history, HistoryRepository explained,
            HistoryFilter filter, HistoryRepository.PageKey after) throws Exception {
        compare(name, true, raw, () -> history.page(filter, after, PAGE).size(),
                () -> explained.page(filter, after, PAGE), false);
    }

    private static HistoryFilter filter(String subsystem, String result, Instant from, Instant until, String output,
            boolean consoleErrors) {
        return new HistoryFilter(null, "", subsystem, result, from, until, output, consoleErrors);
    }

    /**
     * Scan requests as the Agents view sends them: each agent asked twice, so half the calls meet the scan the
     * first call queued. The database's rule must leave exactly one waiting scan per agent and type: the console's
     * one-active index, RedFlag 023a's one-pending index, or (v0.1.18) the console's advisory lock.
     */
    private void measureScans(int skip) throws Exception {
        int distinct = scanAgents();
        List<UUID> agents = fleet.agentIds(skip, distinct);
        if (agents.isEmpty()) {
            // A fleet too small to have agents nobody asked yet: ask the same ones again.
            agents = fleet.agentIds(distinct);
        }
        long queued = 0;
        long refused = 0;
        long start = System.nanoTime();
        for (int call = 0; call < sizes.scanCalls(); call++) {
            try {
                if (context.scans().requestScan(agents.get(call % agents.size()), Subsystem.UPDATES).isNew()) {
                    queued++;
                }
            } catch (ScanRefused refusal) {
                // An agent whose updates subsystem is off is refused as the view would refuse it; counted, not fatal.
                refused++;
            }
        }
        long nanos = System.nanoTime() - start;
        long duplicates = fleet.duplicateScans();
        double perCall = nanos / 1e6 / sizes.scanCalls();
        queries.add(new QueryFigures("scans: requestScan", false, new Timing.Measured(new Timing(perCall, perCall,
                perCall, sizes.scanCalls()), sizes.scanCalls()), null, 0, null, false, String.format(Locale.ROOT,
                "%,d calls, %,.0f calls/s, %,d queued, %,d already queued%s, duplicates = %d%s", sizes.scanCalls(),
                sizes.scanCalls() / (nanos / 1e9), queued, sizes.scanCalls() - queued - refused,
                refused == 0 ? "" : String.format(Locale.ROOT, ", %,d refused", refused), duplicates,
                duplicates == 0 ? "" : "  !! DUPLICATE SCANS (" + fleet.duplicateRule() + ")")
                        + "; a write path, not run raw"));
    }

    private int scanAgents() {
        return (int) Math.max(1, Math.min(sizes.agents(), sizes.scanCalls() / 2));
    }

    /**
     * The reads and the scan request timed again on the same fleet after its schema changed (the console's
     * companion installed), the scans on agents the first run did not ask, so they queue as the first run's did.
     * Prints nothing: the caller sets the two runs side by side.
     */
    List<QueryFigures> measureAgain() throws SQLException {
        measure(scanAgents(), false);
        return List.copyOf(queries);
    }

    /** Times the queries, the scans on agents after the first {@code skipScanAgents}, and notes the machine's load. */
    private void measure(int skipScanAgents, boolean claimRound) throws SQLException {
        QueryReport.Machine before = QueryReport.Machine.now(null);
        try (RawStatements raw = RawStatements.open(context.database())) {
            measureAgents(raw);
            measureHistory(raw);
            OverviewBench.measure(context.overview(), new org.redflag.console.overview.OverviewRepository(recorder,
                    context.capabilities(), context.scans().commandTimeout(), context.clock()), context.capabilities(),
                    (name, action, once) -> compare(name, false, raw, action, once::run, false));
            measureScans(skipScanAgents);
            if (claimRound) {
                measureFleetClaim();
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
        machine = QueryReport.Machine.now(before);
    }

    /** How busy the machine was while the queries ran. */
    QueryReport.Machine machine() {
        return machine;
    }

    /** What {@link #run} timed, in the report's order. */
    List<QueryFigures> queries() {
        return List.copyOf(queries);
    }

    /** The simulated fleet's round: agents take up to a batch of pending scans (FOR UPDATE SKIP LOCKED). */
    private void measureFleetClaim() throws Exception {
        SimulatedFleet.Settings longScans = new SimulatedFleet.Settings(Duration.ofHours(1), Duration.ofHours(1), 0.1,
                50, Duration.ofSeconds(1));
        SimulatedFleet fleet = new SimulatedFleet(context.database().dataSource(), Clock.systemUTC(), longScans);
        time("fleet: claim round", () -> fleet.runRound().taken(), () -> {
            new SimulatedFleet(recorder, Clock.systemUTC(), longScans).runRound();
            return null;
        }, "UPDATE agent_commands c SET status = 'sent'");
    }

    private interface Explained {
        Object run() throws Exception;
    }

    /**
     * Runs {@code once} through the recorder, then times the console's {@code action} and the raw run of the
     * statement it sent in turn, and EXPLAINs that statement.
     */
    private void compare(String name, boolean page, RawStatements raw, Timing.Action action, Explained once,
            boolean readsAllByNature) throws Exception {
        recorder.drain();
        once.run();
        RecordingDataSource.Recorded statement = first(recorder.drain());
        long[] bytes = {0};
        Timing.Pair pair = Timing.measurePair(sizes.warmups(), sizes.warmUpSeconds(), sizes.runs(), action, () -> {
            RawStatements.Fetched fetched = raw.run(statement);
            bytes[0] = fetched.bytes();
            return fetched.rows();
        });
        queries.add(new QueryFigures(name, page, pair.console(), pair.raw(), bytes[0], explain(statement),
                readsAllByNature, ""));
    }

    /**
     * Times a path of several statements that change data (nothing raw to repeat), then runs {@code once} through
     * the recorder and EXPLAINs its statement that starts with {@code statementStart}, if it sent one (a round
     * with nothing left to claim sends no UPDATE).
     */
    private void time(String name, Timing.Action action, Explained once, String statementStart) throws Exception {
        Timing.Measured measured = Timing.measure(sizes.warmups(), sizes.runs(), action);
        recorder.drain();
        once.run();
        Optional<RecordingDataSource.Recorded> statement = recorder.drain().stream()
                .filter(s -> s.sql().strip().startsWith(statementStart)).findFirst();
        queries.add(new QueryFigures(name, false, measured, null, 0, statement.isPresent() ? explain(statement.get())
                : null, false, "several statements, not run raw"));
    }

    private static RecordingDataSource.Recorded first(List<RecordingDataSource.Recorded> statements) {
        return statements.stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("The repository sent no statement to compare with"));
    }

    private QueryPlan explain(RecordingDataSource.Recorded statement) throws SQLException {
        return QueryPlan.explain(context.database().dataSource(), statement);
    }
}
