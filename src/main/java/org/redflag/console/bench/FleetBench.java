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
import java.util.UUID;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.cli.TextTable;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.simulator.SimulatedFleet;

/**
 * Times the repository calls the views make on a generated fleet, with the page size they use, and prints the
 * report. Each query is also run once through a {@link RecordingDataSource} and EXPLAINed, so the plan shown is
 * the plan of the very SQL that was timed; the recording repositories get the context's capabilities, so on a
 * RedFlag schema they send RedFlag's SQL, as the timed ones do.
 */
final class FleetBench {

    /** What to generate and how often to run each query. */
    record Sizes(long agents, long history, int warmups, int runs, int scanCalls) {
    }

    /** The views' page size (AgentsViewModel, HistoryViewModel). */
    static final int PAGE = 200;

    /** Part of a dozen hostnames in a fleet of 100,000 (fewer in a smaller one): a search for a few machines. */
    static final String RARE_HOSTNAME = "db-0123";

    /** A table with more rows than this read in full is flagged: at fleet scale that is the slow path. */
    static final long BIG_TABLE_ROWS = 10_000;

    /** Every line the report prints for a timed query on the console's schema, in order. */
    static final List<String> MEASURED = measured("docker", true);

    /** The lines for a fleet whose history is filtered by {@code subsystem}; the test checks each one is there. */
    static List<String> measured(String subsystem, boolean claimRound) {
        List<String> names = new ArrayList<>(List.of(
                "agents: first page", "agents: deep page (keyset)", "agents: hostname search", "agents: count",
                "history: newest page", "history: deep page (keyset)", "history: subsystem " + subsystem,
                "history: result failed", "history: console errors only", "history: one agent",
                "history: hostname contains", "history: one day", "history: output contains common",
                "history: output contains rare", "history: output of one row", "scans: requestScan"));
        if (claimRound) {
            names.add("fleet: claim round");
        }
        return List.copyOf(names);
    }

    private record Row(String name, Timing.Measured measured, String note) {
    }

    private record Plan(String name, QueryPlan plan, boolean readsAllByNature) {
    }

    private final ConsoleContext context;
    private final Sizes sizes;
    private final PrintWriter out;
    private final BenchFleet fleet;
    private final RecordingDataSource recorder;
    private final Map<String, Long> tableRows;
    private final List<Row> rows = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();

    /** {@code fleet} reads the database {@code context} is open on; {@code tableRows} as generation counted them. */
    FleetBench(ConsoleContext context, BenchFleet fleet, Sizes sizes, Map<String, Long> tableRows, PrintWriter out) {
        this.context = context;
        this.fleet = fleet;
        this.sizes = sizes;
        this.tableRows = tableRows;
        this.out = out;
        this.recorder = new RecordingDataSource(context.database().dataSource());
    }

    void run() throws SQLException {
        try {
            measureAgents();
            measureHistory();
            measureScans();
            if (fleet.runsClaimRound()) {
                measureFleetClaim();
            }
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException(e.getMessage(), e);
        }
        printQueries();
        printMemory();
    }

    private void measureAgents() throws Exception {
        AgentRepository agents = context.agents();
        AgentRepository explained = new AgentRepository(recorder, context.capabilities());
        String[] nearEnd = fleet.agentKeyNearEnd();
        AgentRepository.PageKey deep = new AgentRepository.PageKey(nearEnd[0], UUID.fromString(nearEnd[1]));
        time("agents: first page", () -> agents.page("", null, PAGE).size(), () -> explained.page("", null, PAGE), false);
        time("agents: deep page (keyset)", () -> agents.page("", deep, PAGE).size(),
                () -> explained.page("", deep, PAGE), false);
        time("agents: hostname search", () -> agents.page(RARE_HOSTNAME, null, PAGE).size(),
                () -> explained.page(RARE_HOSTNAME, null, PAGE), false);
        time("agents: count", () -> (int) agents.count(), explained::count, true);
    }

    private void measureHistory() throws Exception {
        HistoryRepository history = context.history();
        HistoryRepository explained = new HistoryRepository(recorder, context.capabilities());
        Instant now = fleet.databaseNow();
        HistoryRepository.PageKey farBack = new HistoryRepository.PageKey(
                now.minus(Duration.ofDays(fleet.historyDays() - 5)), new UUID(-1L, -1L));
        UUID agent = fleet.someAgent().orElseThrow();
        HistoryFilter all = HistoryFilter.all();
        historyPage("history: newest page", history, explained, all, null);
        historyPage("history: deep page (keyset)", history, explained, all, farBack);
        historyPage("history: subsystem " + fleet.subsystemFilter(), history, explained,
                filter(fleet.subsystemFilter(), "", null, null, "", false), null);
        historyPage("history: result failed", history, explained, filter("", "failed", null, null, "", false), null);
        historyPage("history: console errors only", history, explained, filter("", "", null, null, "", true), null);
        historyPage("history: one agent", history, explained, HistoryFilter.forAgent(agent), null);
        historyPage("history: hostname contains", history, explained,
                new HistoryFilter(null, RARE_HOSTNAME, "", "", null, null, "", false), null);
        Instant dayStart = now.minus(Duration.ofDays(fleet.historyDays() / 3));
        historyPage("history: one day", history, explained,
                filter("", "", dayStart, dayStart.plus(Duration.ofDays(1)), "", false), null);
        historyPage("history: output contains common", history, explained,
                filter("", "", null, null, fleet.commonOutputText(), false), null);
        historyPage("history: output contains rare", history, explained,
                filter("", "", null, null, fleet.rareOutputText(), false), null);
        UUID row = fleet.newestHistoryRowWithOutput().orElseThrow();
        time("history: output of one row", () -> history.output(row, 64 * 1024).isPresent() ? 1 : 0,
                () -> explained.output(row, 64 * 1024), false);
    }

    private void historyPage(String name, HistoryRepository history, HistoryRepository explained, HistoryFilter filter,
            HistoryRepository.PageKey after) throws Exception {
        time(name, () -> history.page(filter, after, PAGE).size(), () -> explained.page(filter, after, PAGE), false);
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
    private void measureScans() throws Exception {
        int distinct = (int) Math.max(1, Math.min(sizes.agents(), sizes.scanCalls() / 2));
        List<UUID> agents = fleet.agentIds(distinct);
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
        rows.add(new Row("scans: requestScan", new Timing.Measured(new Timing(perCall, perCall, perCall,
                sizes.scanCalls()), sizes.scanCalls()), String.format(Locale.ROOT,
                "%,d calls, %,.0f calls/s, %,d queued, %,d already queued%s, duplicates = %d%s", sizes.scanCalls(),
                sizes.scanCalls() / (nanos / 1e9), queued, sizes.scanCalls() - queued - refused,
                refused == 0 ? "" : String.format(Locale.ROOT, ", %,d refused", refused), duplicates,
                duplicates == 0 ? "" : "  !! DUPLICATE SCANS (" + fleet.duplicateRule() + ")")));
    }

    /** The simulated fleet's round: agents take up to a batch of pending scans (FOR UPDATE SKIP LOCKED). */
    private void measureFleetClaim() throws Exception {
        SimulatedFleet.Settings longScans = new SimulatedFleet.Settings(Duration.ofHours(1), Duration.ofHours(1), 0.1,
                50, Duration.ofSeconds(1));
        SimulatedFleet fleet = new SimulatedFleet(context.database().dataSource(), Clock.systemUTC(), longScans);
        time("fleet: claim round", () -> fleet.runRound().taken(), () -> {
            new SimulatedFleet(recorder, Clock.systemUTC(), longScans).runRound();
            return null;
        }, false, "UPDATE agent_commands c SET status = 'sent'");
    }

    private interface Explained {
        Object run() throws Exception;
    }

    private void time(String name, Timing.Action action, Explained once, boolean readsAllByNature) throws Exception {
        time(name, action, once, readsAllByNature, null);
    }

    /** Times the action, then runs {@code once} through the recorder and EXPLAINs the statement it sent. */
    private void time(String name, Timing.Action action, Explained once, boolean readsAllByNature, String statementStart)
            throws Exception {
        Timing.Measured measured = Timing.measure(sizes.warmups(), sizes.runs(), action);
        rows.add(new Row(name, measured, ""));
        recorder.drain();
        once.run();
        for (RecordingDataSource.Recorded statement : recorder.drain()) {
            if (statementStart == null || statement.sql().strip().startsWith(statementStart)) {
                plans.add(new Plan(name, QueryPlan.explain(context.database().dataSource(), statement),
                        readsAllByNature));
                break;
            }
        }
    }

    private void printQueries() {
        out.println();
        out.printf("Queries (page size %d; %d runs after %d warm-ups; ms)%n", PAGE, sizes.runs(), sizes.warmups());
        TextTable table = new TextTable("Query", "Rows", "Median", "p95", "Max", "Note");
        for (Row row : rows) {
            Timing t = row.measured().timing();
            table.row(row.name(), String.valueOf(row.measured().rows()), Figures.ms(t.medianMillis()), Figures.ms(t.p95Millis()),
                    Figures.ms(t.maxMillis()), row.note());
        }
        table.print(out);
        out.println("  duplicates = " + fleet.duplicateRule() + ".");
        if (!fleet.runsClaimRound()) {
            out.println("  fleet: claim round skipped: the simulated fleet claims scans in the console's own tables; "
                    + "on a RedFlag schema RedFlag's agents do that.");
        }
        out.println();
        out.println("Plans (EXPLAIN ANALYZE, BUFFERS of the same SQL)");
        int flagged = 0;
        for (Plan plan : plans) {
            List<String> bigSeqScans = plan.plan().seqScanTables().stream()
                    .filter(table1 -> tableRows.getOrDefault(table1, 0L) > BIG_TABLE_ROWS).toList();
            String flag = "";
            if (!bigSeqScans.isEmpty()) {
                flag = plan.readsAllByNature() ? "  (reads every row by nature)"
                        : "  !! SEQ SCAN ON BIG TABLE " + String.join(", ", bigSeqScans) + " !!";
                flagged += plan.readsAllByNature() ? 0 : 1;
            }
            out.printf("  %-32s %s  [%.1f ms, %,d buffers]%s%n", plan.name(), String.join("; ", plan.plan().scans()),
                    plan.plan().executionMillis(), plan.plan().sharedBuffers(), flag);
        }
        out.println(flagged == 0 ? "  No sequential scan over a big table." : "  " + flagged
                + " plan(s) read a big table in full: see the !! lines.");
        out.flush();
    }

    /** The heap the loaded pages hold, measured the way a view holds them: in a list that stays referenced. */
    private void printMemory() throws SQLException {
        HistoryRepository history = context.history();
        long baseline = usedHeap();
        List<HistoryEntry> loaded = new ArrayList<>(history.page(HistoryFilter.all(), null, PAGE));
        long afterFirst = usedHeap();
        for (int page = 1; page < 10 && !loaded.isEmpty(); page++) {
            HistoryRepository.PageKey after = HistoryRepository.PageKey.after(loaded.get(loaded.size() - 1));
            loaded.addAll(history.page(HistoryFilter.all(), after, PAGE));
        }
        long afterTen = usedHeap();
        List<Agent> agents = new ArrayList<>(context.agents().page("", null, PAGE));
        for (int page = 1; page < 10 && !agents.isEmpty(); page++) {
            agents.addAll(context.agents().page("", AgentRepository.PageKey.after(agents.get(agents.size() - 1)), PAGE));
        }
        long afterAgents = usedHeap();
        out.println();
        out.printf("Memory (heap used after System.gc(); history has %,d rows)%n", tableRows.get("update_logs"));
        TextTable table = new TextTable("State", "Rows held", "Heap used", "Above baseline");
        table.row("baseline", "0", Figures.megabytes(baseline), "");
        table.row("history: first page", String.valueOf(Math.min(PAGE, loaded.size())), Figures.megabytes(afterFirst),
                Figures.kilobytes(afterFirst - baseline));
        table.row("history: 10 pages", String.valueOf(loaded.size()), Figures.megabytes(afterTen), Figures.kilobytes(afterTen - baseline));
        table.row("+ agents: 10 pages", String.valueOf(agents.size()), Figures.megabytes(afterAgents),
                Figures.kilobytes(afterAgents - baseline));
        table.print(out);
        out.flush();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
