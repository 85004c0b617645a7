package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redflag.console.cli.TextTable;

/**
 * The first half of a run: generate the fleet and print what it took and how big the tables are. It runs on
 * the connection that found the database empty; the measurements then open a fresh one, so the schema probe
 * sees what was built.
 */
final class BenchGeneration {

    private BenchGeneration() {
    }

    /** Generates, prints the Generation and Tables tables, and returns each table's row count. */
    static Map<String, Long> run(BenchFleet fleet, FleetBench.Sizes sizes, PrintWriter out) throws SQLException {
        out.printf("Generating %,d agents and %,d history rows ...%n", sizes.agents(), sizes.history());
        out.flush();
        long historyStart = System.nanoTime();
        var steps = fleet.generate(sizes, done -> {
            if (done < sizes.history()) {
                out.printf("  history %,d of %,d (%.0f s)%n", done, sizes.history(), BenchFleet.seconds(historyStart));
                out.flush();
            }
        });
        out.println();
        out.println("Generation");
        TextTable generation = new TextTable("Step", "Seconds", "Rows/s");
        for (BenchFleet.Step step : steps) {
            generation.row(step.name(), Figures.seconds(step.seconds()), Figures.perSecond(step.rows(), step.seconds()));
        }
        generation.print(out);

        out.println();
        out.println("Tables");
        TextTable tables = new TextTable("Table", "Rows", "Size (with indexes)");
        Map<String, Long> tableRows = new LinkedHashMap<>();
        for (Map.Entry<String, Long> size : fleet.tableSizes().entrySet()) {
            long count = fleet.rows(size.getKey());
            tableRows.put(size.getKey(), count);
            tables.row(size.getKey(), Figures.count(count), Figures.megabytes(size.getValue()));
        }
        tables.row("  of which console errors", Figures.count(fleet.consoleErrors()), "");
        tables.print(out);
        out.flush();
        return tableRows;
    }
}
