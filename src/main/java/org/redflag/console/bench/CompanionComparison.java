package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.redflag.console.cli.TextTable;
import org.redflag.console.migration.Companion;

/**
 * What the console's consented set buys on a RedFlag database, index by index: the companion (its live triggers
 * and its V2–V4 page indexes) and, where RedFlag's own scripts did not make it (v0.1), RedFlag 023a's
 * one-pending index, installed as an administrator would after the first measurement on RedFlag's own indexes.
 * The same queries are then timed again, and each is printed before and after with the added index its new plan
 * uses, read from the plan itself rather than assumed.
 */
final class CompanionComparison {

    /** What installing added, found in the catalog before and after rather than believed from the scripts. */
    record Installed(double seconds, List<String> indexes, boolean onePendingIndexAdded) {
    }

    /** Faster than this, before over after at the median, is a difference an index made, not noise. */
    private static final double FASTER = 1.5;

    private static final Pattern INDEX_IN_SCAN = Pattern.compile("index scan on (\\S+)");

    private CompanionComparison() {
    }

    /** Installs the companion, and 023a's index where it is missing, on the RedFlag tables {@code dataSource} sees. */
    static Installed install(DataSource dataSource) throws SQLException {
        Set<String> before = indexes(dataSource);
        long start = System.nanoTime();
        Companion companion = Companion.forCurrentSchema(dataSource);
        companion.install();
        boolean onePending = !companion.status().onePendingIndex();
        if (onePending) {
            companion.addOnePendingIndex();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Set<String> added = indexes(dataSource);
        added.removeAll(before);
        return new Installed(seconds, List.copyOf(added), onePending);
    }

    private static Set<String> indexes(DataSource dataSource) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                     + "ORDER BY indexname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Prints the before/after table and puts it in {@code json} as "companion". */
    static void report(Installed installed, FleetBench onRedFlagsIndexes, FleetBench withCompanion, PrintWriter out,
            Map<String, Object> json) {
        List<QueryFigures> before = onRedFlagsIndexes.queries();
        List<QueryFigures> after = withCompanion.queries();
        out.println();
        out.printf(Locale.ROOT, "What the console's consented set buys: installed in %.1f s, adding %s; the same queries "
                + "again (ms)%n", installed.seconds(), installed.indexes().isEmpty() ? "no index"
                : String.join(", ", installed.indexes()));
        // On shared cores a query whose plan did not change is only as fast as the load lets it be.
        out.printf("  machine before: %s; after: %s%n", onRedFlagsIndexes.machine().describe(),
                withCompanion.machine().describe());
        TextTable table = new TextTable("Query", "Before median", "After median", "Before p95", "After p95",
                "Before/after", "Index that made the difference");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryFigures first : before) {
            Optional<QueryFigures> again = after.stream().filter(q -> q.name().equals(first.name())).findFirst();
            if (again.isEmpty()) {
                continue;
            }
            Timing was = first.console().timing();
            Timing is = again.get().console().timing();
            double speedup = is.medianMillis() <= 0 ? Double.NaN : was.medianMillis() / is.medianMillis();
            String difference = difference(first, again.get(), speedup, installed);
            table.row(first.name(), Figures.ms(was.medianMillis()), Figures.ms(is.medianMillis()),
                    Figures.ms(was.p95Millis()), Figures.ms(is.p95Millis()),
                    Double.isNaN(speedup) ? "-" : String.format(Locale.ROOT, "%.1f×", speedup), difference);
            rows.add(row(first, again.get(), speedup, difference));
        }
        table.print(out);
        out.flush();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("install_seconds", QueryReport.round(installed.seconds()));
        section.put("indexes_added", installed.indexes());
        section.put("one_pending_index_added", installed.onePendingIndexAdded());
        section.put("machine_before", onRedFlagsIndexes.machine().describe());
        section.put("machine_after", withCompanion.machine().describe());
        section.put("queries", rows);
        json.put("companion", section);
    }

    /**
     * The added index the new plan reads, where the query got at least {@value #FASTER} times faster; for the
     * scan request (several statements, no plan), 023a's index where it was added, since the console then queues
     * with ON CONFLICT instead of an advisory lock.
     */
    private static String difference(QueryFigures before, QueryFigures after, double speedup, Installed installed) {
        List<String> used = usedAddedIndexes(after, installed);
        if (!used.isEmpty()) {
            return String.join(", ", used) + (speedup >= FASTER ? "" : " (used, no gain at this size)");
        }
        if (after.plan() == null) {
            return installed.onePendingIndexAdded() && after.name().startsWith("scans:")
                    ? Companion.ONE_PENDING_INDEX_NAME + " (ON CONFLICT instead of an advisory lock)" : "-";
        }
        return before.plan() != null && before.plan().scans().equals(after.plan().scans()) ? "none (same plan)"
                : "no added index (plan: " + String.join("; ", after.plan().scans()) + ")";
    }

    private static List<String> usedAddedIndexes(QueryFigures query, Installed installed) {
        if (query.plan() == null) {
            return List.of();
        }
        List<String> used = new ArrayList<>();
        for (String scan : query.plan().scans()) {
            Matcher index = INDEX_IN_SCAN.matcher(scan);
            if (index.find() && installed.indexes().contains(index.group(1)) && !used.contains(index.group(1))) {
                used.add(index.group(1));
            }
        }
        return used;
    }

    private static Map<String, Object> row(QueryFigures before, QueryFigures after, double speedup, String difference) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", before.name());
        row.put("before", QueryReport.timingJson(before.console().timing()));
        row.put("after", QueryReport.timingJson(after.console().timing()));
        row.put("before_over_after", Double.isNaN(speedup) ? null : QueryReport.round(speedup));
        row.put("difference", difference);
        row.put("plan_before", before.plan() == null ? null : before.plan().scans());
        row.put("plan_after", after.plan() == null ? null : after.plan().scans());
        return row;
    }
}
