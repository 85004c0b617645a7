package org.redflag.console.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's benchmark tables, made from a {@code bench --json} report and nothing else, so the figures the
 * README shows are the figures a run printed: generation, console vs raw per query, the write and live paths, and
 * the window's heap.
 */
final class ReadmeTables {

    private final Map<String, Object> report;

    ReadmeTables(Map<String, Object> report) {
        this.report = report;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        Map<String, Object> sizes = map(report.get("sizes"));
        Map<String, Object> machine = map(report.get("machine"));
        out.append(String.format(Locale.ROOT, "Run: %s agents, %s history rows, %s runs after %s warm-ups%s, page size "
                        + "%s; %s; %s cores, load average %s before the queries and %s after.%n%n",
                grouped(sizes.get("agents")), grouped(sizes.get("history")), sizes.get("runs"), sizes.get("warmups"),
                sizes.get("warm_up_seconds") == null ? "" : " and up to " + sizes.get("warm_up_seconds") + " s more",
                sizes.get("page_size"), report.get("database"), machine.get("cores"),
                machine.get("load_average_before"), machine.get("load_average_after")));
        generation(out);
        queries(out);
        writesAndLive(out);
        return out.toString();
    }

    private void generation(StringBuilder out) {
        out.append("| generation | seconds | rows/s |\n|---|---|---|\n");
        for (Object step : list(report.get("generation"))) {
            Map<String, Object> row = map(step);
            out.append("| ").append(row.get("step")).append(" | ").append(row.get("seconds")).append(" | ")
                    .append(row.get("rows_per_second") == null ? "" : grouped(row.get("rows_per_second"))).append(" |\n");
        }
        out.append('\n');
    }

    private void queries(StringBuilder out) {
        out.append("| query (ms) | console median | console p95 | raw median | raw p95 | console/raw | server (EXPLAIN) "
                + "| goals |\n|---|---|---|---|---|---|---|---|\n");
        for (Object query : list(report.get("queries"))) {
            Map<String, Object> row = map(query);
            Map<String, Object> console = map(row.get("console"));
            Map<String, Object> raw = map(row.get("raw"));
            Map<String, Object> plan = map(row.get("plan"));
            String server = plan.isEmpty() ? "" : String.format(Locale.ROOT, "%s + %s planning, %s buffers",
                    ms(plan.get("execution_ms")), ms(plan.get("planning_ms")), grouped(plan.get("shared_buffers")));
            out.append("| ").append(row.get("name")).append(" | ").append(ms(console.get("median_ms"))).append(" | ")
                    .append(ms(console.get("p95_ms"))).append(" | ").append(ms(raw.get("median_ms"))).append(" | ")
                    .append(ms(raw.get("p95_ms"))).append(" | ").append(ms(row.get("console_over_raw"))).append(" | ")
                    .append(server).append(" | ").append(Boolean.TRUE.equals(row.get("goals_met")) ? "met" : "missed")
                    .append(" |\n");
        }
        out.append('\n');
        whyMissed(out);
    }

    /** Below the table, each missed goal with the report's own reason: a table cell is no place for a paragraph. */
    private void whyMissed(StringBuilder out) {
        StringBuilder reasons = new StringBuilder();
        for (Object query : list(report.get("queries"))) {
            Map<String, Object> row = map(query);
            if (!Boolean.TRUE.equals(row.get("goals_met")) && row.get("why") != null) {
                reasons.append("- **").append(row.get("name")).append("**: ").append(row.get("why")).append('\n');
            }
        }
        if (!reasons.isEmpty()) {
            out.append("Why each missed goal is missed, as the run says it:\n\n").append(reasons).append('\n');
        }
    }

    private void writesAndLive(StringBuilder out) {
        Map<String, Object> scans = map(report.get("concurrent_scans"));
        if (!scans.isEmpty()) {
            out.append("| scans under concurrency | calls/s | duplicates | errors |\n|---|---|---|---|\n");
            for (String side : List.of("console", "raw")) {
                Map<String, Object> figures = map(scans.get(side));
                out.append("| ").append(side).append(" | ").append(grouped(figures.get("calls_per_second")))
                        .append(" | ").append(side.equals("console") ? scans.get("duplicates") : "")
                        .append(" | ").append(figures.get("errors")).append(" |\n");
            }
            out.append(String.format(Locale.ROOT, "%nconsole/raw %s; goals %s. %s%n%n", scans.get("console_over_raw"),
                    Boolean.TRUE.equals(scans.get("goals_met")) ? "met" : "missed", sentence(scans.get("why"))));
        }
        Map<String, Object> all = map(report.get("scan_all_matching"));
        if (!all.isEmpty()) {
            out.append("| scan all matching | ms | server CPU ms | queued | already queued | notifications |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Object run : list(all.get("runs"))) {
                Map<String, Object> row = map(run);
                out.append("| ").append(row.get("run")).append(" | ").append(grouped(row.get("ms"))).append(" | ")
                        .append(grouped(row.get("server_cpu_ms"))).append(" | ").append(grouped(row.get("queued")))
                        .append(" | ").append(grouped(row.get("already_queued"))).append(" | ")
                        .append(row.get("notifications")).append(" |\n");
            }
            out.append(String.format(Locale.ROOT, "%nGoal (≤ 2,000 ms, the second run queues 0, one notification): "
                    + "%s. %s%n%n", Boolean.TRUE.equals(all.get("goal_met")) ? "met" : "missed", sentence(all.get("why"))));
        }
        Map<String, Object> live = map(report.get("live_latency"));
        if (!live.isEmpty()) {
            out.append(String.format(Locale.ROOT, "Live latency (listener side), %s round trips: median %s ms, p95 %s "
                    + "ms, max %s ms, %s lost.%n%n", live.get("round_trips"), ms(live.get("median_ms")),
                    ms(live.get("p95_ms")), ms(live.get("max_ms")), live.get("lost")));
        }
        Map<String, Object> window = map(report.get("window"));
        if (Boolean.TRUE.equals(window.get("measured"))) {
            out.append("| the window's start | first rows (ms) | goal (ms) | heap after ten pages of every view (MB) "
                    + "| rows on screen |\n|---|---|---|---|---|\n");
            for (Object start : list(window.get("starts"))) {
                Map<String, Object> row = map(start);
                out.append("| ").append(row.get("start")).append(" | ").append(grouped(row.get("first_rows_ms")))
                        .append(" | ").append(grouped(row.get("goal_ms"))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", number(row.get("heap_used_bytes")) / 1048576.0))
                        .append(" | ").append(row.get("rows_per_view")).append(" |\n");
            }
            out.append("\nEach start's phases (ms since the JVM started):\n\n");
            for (Object start : list(window.get("starts"))) {
                Map<String, Object> row = map(start);
                out.append("- ").append(row.get("start")).append(": ").append(row.get("phases")).append('\n');
            }
        }
    }

    /** A reason from the report as a sentence of the README: capitalised, with its full stop. */
    private static String sentence(Object why) {
        if (why == null || String.valueOf(why).isBlank()) {
            return "";
        }
        String text = String.valueOf(why).strip();
        return "Why: " + text + (text.endsWith(".") ? "" : ".");
    }

    private static String ms(Object value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", number(value));
    }

    private static String grouped(Object value) {
        return value == null ? "" : String.format(Locale.ROOT, "%,d", Math.round(number(value)));
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
