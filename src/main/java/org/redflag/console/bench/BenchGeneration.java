package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * Generates, prints the Generation and Tables tables (and puts them in {@code json}), and returns each table's
     * row count.
     */
    static Map<String, Long> run(BenchFleet fleet, FleetBench.Sizes sizes, PrintWriter out, Map<String, Object> json)
            throws SQLException {
        out.printf("Generating %,d agents and %,d history rows ...%n", sizes.agents(), sizes.history());
        out.flush();
        long historyStart = System.nanoTime();
        var steps = fleet.generate(sizes, done -> {
            out.printf("  history %,d of %,d (%.0f s)%s%n", done, sizes.history(), BenchFleet.seconds(historyStart),
                    done < sizes.history() ? "" : ", all written; indexes and statistics follow");
            out.flush();
        });
        out.println();
        out.println("Generation");
        TextTable generation = new TextTable("Step", "Seconds", "Rows", "Rows/s");
        List<Map<String, Object>> stepsJson = new ArrayList<>();
        for (BenchFleet.Step step : steps) {
            generation.row(step.name(), Figures.seconds(step.seconds()), step.rows() == 0 ? "" : Figures.count(step.rows()),
                    Figures.perSecond(step.rows(), step.seconds()));
            Map<String, Object> stepJson = new LinkedHashMap<>();
            stepJson.put("step", step.name());
            stepJson.put("seconds", QueryReport.round(step.seconds()));
            stepJson.put("rows", step.rows());
            stepJson.put("rows_per_second", step.rows() == 0 || step.seconds() <= 0 ? null
                    : Math.round(step.rows() / step.seconds()));
            stepsJson.add(stepJson);
        }
        generation.print(out);
        json.put("generation", stepsJson);

        out.println();
        out.println("Tables");
        TextTable tables = new TextTable("Table", "Rows", "Size (with indexes)");
        Map<String, Long> tableRows = new LinkedHashMap<>();
        List<Map<String, Object>> tablesJson = new ArrayList<>();
        for (Map.Entry<String, Long> size : fleet.tableSizes().entrySet()) {
            long count = fleet.rows(size.getKey());
            tableRows.put(size.getKey(), count);
            tables.row(size.getKey(), Figures.count(count), Figures.megabytes(size.getValue()));
            Map<String, Object> tableJson = new LinkedHashMap<>();
            tableJson.put("table", size.getKey());
            tableJson.put("rows", count);
            tableJson.put("bytes", size.getValue());
            tablesJson.add(tableJson);
        }
        long consoleErrors = fleet.consoleErrors();
        tables.row("  of which console errors", Figures.count(consoleErrors), "");
        tables.print(out);
        json.put("tables", tablesJson);
        json.put("console_errors", consoleErrors);
        out.flush();
        return tableRows;
    }
}
