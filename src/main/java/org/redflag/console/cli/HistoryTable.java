package org.redflag.console.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.redflag.console.history.HistoryEntry;

/** History rows as a terminal table whose last column, the first line of the output, is cut to fit. */
final class HistoryTable {

    private static final String[] HEADERS = {"Time", "Host", "Subsystem", "Action", "Result", "Exit", "Output"};
    /** The output column keeps at least this much, however wide the others are. */
    private static final int MIN_OUTPUT = 20;
    private static final String CUT = "...";

    private HistoryTable() {
    }

    static void print(PrintWriter out, List<HistoryEntry> entries, Function<Instant, String> time) {
        List<String[]> rows = new ArrayList<>(entries.size());
        int[] widths = new int[HEADERS.length - 1];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        for (HistoryEntry e : entries) {
            String[] row = {time.apply(e.executedAt()), e.hostname() == null ? "-" : e.hostname(),
                e.subsystem(), e.action(), e.result(), e.exitCode() == null ? "" : e.exitCode().toString(),
                firstLine(e)};
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
            rows.add(row);
        }
        int used = 0;
        for (int width : widths) {
            used += width + 2;
        }
        int room = Math.max(MIN_OUTPUT, Wrapping.WIDTH - used);
        TextTable table = new TextTable(HEADERS);
        for (String[] row : rows) {
            row[row.length - 1] = cut(row[row.length - 1], room);
            table.row(row);
        }
        table.print(out);
    }

    /** The first non-blank line of stdout, else of stderr, else nothing. */
    static String firstLine(HistoryEntry entry) {
        String line = firstNonBlankLine(entry.stdout());
        return line.isEmpty() ? firstNonBlankLine(entry.stderr()) : line;
    }

    private static String firstNonBlankLine(String text) {
        if (text == null) {
            return "";
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - CUT.length()) + CUT;
    }
}
