package org.redflag.console.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redflag.console.cli.TextTable;

/**
 * The queries part of the report, printed and as JSON: each query's console and raw figures side by side, why a
 * query misses a goal (console/raw over {@value QueryFigures#RATIO_GOAL}, a page's p95 over
 * {@value QueryFigures#PAGE_P95_GOAL_MILLIS} ms), and the plans.
 */
final class QueryReport {

    /**
     * How busy the machine was around the measurements: on shared cores a query's wall time includes waiting for a
     * core, which no plan explains. The load average is the operating system's (negative where it has none).
     */
    record Machine(int cores, double loadBefore, double loadAfter) {

        static Machine now(Machine before) {
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            int cores = Runtime.getRuntime().availableProcessors();
            return before == null ? new Machine(cores, load, load) : new Machine(cores, before.loadBefore(), load);
        }

        String describe() {
            return loadBefore < 0 ? cores + " cores" : String.format(Locale.ROOT,
                    "%d cores, load average %.1f before the queries and %.1f after", cores, loadBefore, loadAfter);
        }
    }

    private final List<QueryFigures> queries;
    private final Map<String, Long> tableRows;
    private final Machine machine;

    /** {@code tableRows}: which tables are big enough that reading one in full is flagged. */
    QueryReport(List<QueryFigures> queries, Map<String, Long> tableRows, Machine machine) {
        this.queries = List.copyOf(queries);
        this.tableRows = tableRows;
        this.machine = machine;
    }

    void print(PrintWriter out, FleetBench.Sizes sizes) {
        out.println();
        out.printf(Locale.ROOT, "Queries (page size %d; %d runs after at least %d warm-ups and up to %.0f s or %,d "
                + "of them, console and raw in turn; ms)%n", FleetBench.PAGE, sizes.runs(), sizes.warmups(),
                sizes.warmUpSeconds(), Timing.MAX_WARMUPS);
        out.println("  raw = the same SQL and parameters on a bare JDBC connection, prepared on the server, columns "
                + "read as bytes");
        out.println("  machine: " + machine.describe());
        TextTable table = new TextTable("Query", "Rows", "Median", "p95", "Max", "Raw median", "Raw p95", "Console/raw",
                "Note");
        for (QueryFigures query : queries) {
            Timing t = query.console().timing();
            Timing raw = query.raw() == null ? null : query.raw().timing();
            table.row(query.name(), String.valueOf(query.console().rows()), Figures.ms(t.medianMillis()),
                    Figures.ms(t.p95Millis()), Figures.ms(t.maxMillis()), raw == null ? "-" : Figures.ms(raw.medianMillis()),
                    raw == null ? "-" : Figures.ms(raw.p95Millis()), Double.isNaN(query.ratio()) ? "-"
                            : String.format(Locale.ROOT, "%.2f%s", query.ratio(), query.overRatio() ? " !" : ""),
                    query.note());
        }
        table.print(out);
        printReasons(out);
        printPlans(out);
        out.flush();
    }

    private void printReasons(PrintWriter out) {
        List<QueryFigures> missed = queries.stream().filter(q -> q.overRatio() || q.overPageGoal()).toList();
        out.println();
        if (missed.isEmpty()) {
            out.printf("Goals: every page p95 <= %.0f ms and console/raw <= %.2f: met by every query.%n",
                    QueryFigures.PAGE_P95_GOAL_MILLIS, QueryFigures.RATIO_GOAL);
            return;
        }
        out.printf("Goals (page p95 <= %.0f ms, console/raw <= %.2f) missed, and why%n", QueryFigures.PAGE_P95_GOAL_MILLIS,
                QueryFigures.RATIO_GOAL);
        for (QueryFigures query : missed) {
            out.printf("  * %s: %s%n", query.name(), why(query));
        }
    }

    /**
     * The reason in the figures themselves: raw as slow as the console and a server that needs as long means the
     * time is the database's (plan, buffers, planning); raw as slow but a quick server means waiting for a core;
     * a console far over raw means the pool, the JDBC set-up and the mapping.
     */
    String why(QueryFigures query) {
        List<String> reasons = new ArrayList<>();
        Timing console = query.console().timing();
        Timing raw = query.raw() == null ? null : query.raw().timing();
        QueryPlan plan = query.plan();
        double server = plan == null ? Double.NaN : plan.executionMillis() + Math.max(0, plan.planningMillis());
        if (query.overPageGoal()) {
            if (raw != null && raw.p95Millis() > QueryFigures.PAGE_P95_GOAL_MILLIS
                    && server <= QueryFigures.PAGE_P95_GOAL_MILLIS) {
                reasons.add(String.format(Locale.ROOT, "p95 %.2f ms, raw p95 %.2f ms too, where the server itself "
                        + "needs %.2f ms: the rest is waiting for a core (%s)", console.p95Millis(), raw.p95Millis(),
                        server, machine.describe()));
            } else if (raw != null && raw.p95Millis() > QueryFigures.PAGE_P95_GOAL_MILLIS) {
                reasons.add(String.format(Locale.ROOT, "p95 %.2f ms, raw p95 %.2f ms too: the server itself needs "
                        + "%.2f ms, the time is the database's", console.p95Millis(), raw.p95Millis(), server));
            } else if (raw != null) {
                reasons.add(String.format(Locale.ROOT, "p95 %.2f ms where raw's is %.2f ms: the console's slow runs "
                        + "(median %.2f ms) are its own", console.p95Millis(), raw.p95Millis(), console.medianMillis()));
            } else {
                reasons.add(String.format(Locale.ROOT, "p95 %.2f ms", console.p95Millis()));
            }
        }
        if (query.overRatio()) {
            reasons.add(overRaw(console, raw, query.raw().rows()));
        }
        if (query.raw() != null) {
            reasons.add(String.format(Locale.ROOT, "fetched %d rows, %s", query.raw().rows(), kilobytes(query.rawBytes())));
        }
        if (plan != null) {
            reasons.add(String.format(Locale.ROOT, "server: execution %.2f ms, planning %.2f ms, %,d buffers (%s)",
                    plan.executionMillis(), plan.planningMillis(), plan.sharedBuffers(), String.join("; ", plan.scans())));
        }
        return String.join("; ", reasons);
    }

    /**
     * What the console does that raw does not: borrow and return a pooled connection, set the statement up, and
     * make objects of the values (strings decoded, times and arrays built) where raw takes each column's bytes.
     * Below a millisecond that fixed cost is most of the gap, and the ratio is one of two small numbers.
     */
    private static String overRaw(Timing console, Timing raw, long fetchedRows) {
        double gap = console.medianMillis() - raw.medianMillis();
        if (raw.medianMillis() < 1.0) {
            return String.format(Locale.ROOT, "console %+.2f ms over raw at the median, on a query raw answers in "
                    + "%.2f ms: a pooled call's fixed cost (borrowing and returning the connection, the statement's "
                    + "set-up, the values made into objects), a ratio of two small numbers", gap, raw.medianMillis());
        }
        return String.format(Locale.ROOT, "console %+.2f ms over raw at the median (%.1f µs for each of the %d rows "
                + "fetched): the pool, the statement's set-up and the values made into objects (strings decoded, "
                + "times and arrays built) where raw takes each column's bytes", gap,
                fetchedRows == 0 ? 0 : gap * 1e3 / fetchedRows, fetchedRows);
    }

    private void printPlans(PrintWriter out) {
        out.println();
        out.println("Plans (EXPLAIN ANALYZE, BUFFERS of the same SQL)");
        int flagged = 0;
        for (QueryFigures query : queries) {
            QueryPlan plan = query.plan();
            if (plan == null) {
                continue;
            }
            List<String> bigSeqScans = bigSeqScans(plan);
            String flag = "";
            if (!bigSeqScans.isEmpty()) {
                flag = query.readsAllByNature() ? "  (reads every row by nature)"
                        : "  !! SEQ SCAN ON BIG TABLE " + String.join(", ", bigSeqScans) + " !!";
                flagged += query.readsAllByNature() ? 0 : 1;
            }
            out.printf("  %-32s %s  [%.1f ms, planning %.1f ms, %,d buffers]%s%n", query.name(),
                    String.join("; ", plan.scans()), plan.executionMillis(), plan.planningMillis(), plan.sharedBuffers(),
                    flag);
        }
        out.println(flagged == 0 ? "  No sequential scan over a big table." : "  " + flagged
                + " plan(s) read a big table in full: see the !! lines.");
    }

    private List<String> bigSeqScans(QueryPlan plan) {
        return plan.seqScanTables().stream()
                .filter(table -> tableRows.getOrDefault(table, 0L) > FleetBench.BIG_TABLE_ROWS).toList();
    }

    /** The machine as a JSON object. */
    Map<String, Object> machineJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", machine.cores());
        json.put("load_average_before", machine.loadBefore() < 0 ? null : round(machine.loadBefore()));
        json.put("load_average_after", machine.loadAfter() < 0 ? null : round(machine.loadAfter()));
        return json;
    }

    /** Every query as a JSON object: the figures the table prints, the reason where a goal is missed, the plan. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (QueryFigures query : queries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", query.name());
            row.put("page", query.page());
            row.put("rows", query.console().rows());
            row.put("console", timingJson(query.console().timing()));
            row.put("raw", query.raw() == null ? null : timingJson(query.raw().timing()));
            row.put("raw_bytes", query.raw() == null ? null : query.rawBytes());
            row.put("console_over_raw", Double.isNaN(query.ratio()) ? null : round(query.ratio()));
            boolean missed = query.overRatio() || query.overPageGoal();
            row.put("goals_met", !missed);
            row.put("why", missed ? why(query) : null);
            row.put("note", query.note().isEmpty() ? null : query.note());
            QueryPlan plan = query.plan();
            if (plan != null) {
                Map<String, Object> planJson = new LinkedHashMap<>();
                planJson.put("scans", plan.scans());
                planJson.put("execution_ms", round(plan.executionMillis()));
                planJson.put("planning_ms", round(plan.planningMillis()));
                planJson.put("shared_buffers", plan.sharedBuffers());
                planJson.put("big_seq_scans", bigSeqScans(plan));
                planJson.put("reads_all_by_nature", query.readsAllByNature());
                row.put("plan", planJson);
            }
            list.add(row);
        }
        return list;
    }

    static Map<String, Object> timingJson(Timing timing) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("median_ms", round(timing.medianMillis()));
        json.put("p95_ms", round(timing.p95Millis()));
        json.put("max_ms", round(timing.maxMillis()));
        json.put("runs", timing.runs());
        return json;
    }

    /** Three decimals are microseconds: enough, and a reader's diff stays quiet. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f KB", bytes / 1024.0);
    }
}
