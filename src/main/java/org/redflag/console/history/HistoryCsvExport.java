package org.redflag.console.history;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Writes every history row that matches a filter to a CSV file (RFC 4180: comma separated, CRLF, fields
 * quoted when they hold a comma, quote or line break). Rows stream from a database cursor into a hidden file
 * beside the target ({@code .<name>…partial}, same folder, so the rename is atomic); only when complete is it
 * forced to disk and renamed over the target. A cancelled or failed export, or a console killed in the middle,
 * leaves the target as it was (absent, or the previous complete export), never half-written.
 */
public final class HistoryCsvExport {

    /** Told how far the export is; asked whether the user cancelled it. Called on the exporting thread. */
    public interface Progress {
        /** @param total empty when counting the matching rows took too long */
        void rowsWritten(long written, Optional<Long> total);

        boolean cancelled();
    }

    /** The export finished ({@code completed}) or was cancelled after {@code rows} rows. */
    public record Outcome(long rows, boolean completed) {
    }

    static final List<String> HEADER = List.of("id", "executed_at", "agent_id", "hostname", "subsystem", "action",
            "result", "exit_code", "duration_seconds", "stdout", "stderr");

    private static final int COUNT_TIMEOUT_SECONDS = 10;
    private static final int PROGRESS_EVERY_ROWS = 500;

    private final HistoryRepository history;

    public HistoryCsvExport(HistoryRepository history) {
        this.history = history;
    }

    /** Blocking: streams the rows into {@code target}. */
    public Outcome export(HistoryFilter filter, Path target, Progress progress) throws SQLException, IOException {
        Optional<Long> total = history.count(filter, COUNT_TIMEOUT_SECONDS);
        progress.rowsWritten(0, total);
        Path absolute = target.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
        boolean kept = false;
        try {
            long rows;
            try (FileOutputStream file = new FileOutputStream(partial.toFile());
                 Writer out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                writeRecord(out, HEADER);
                long[] written = {0};
                rows = history.stream(filter, progress::cancelled, entry -> {
                    try {
                        writeRecord(out, fields(entry));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (++written[0] % PROGRESS_EVERY_ROWS == 0) {
                        progress.rowsWritten(written[0], total);
                    }
                });
                out.flush();
                // On disk before it takes the target's name: after a power cut the name never points at a file
                // whose rows were still in the page cache (empty, or cut short).
                file.getFD().sync();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (progress.cancelled()) {
                return new Outcome(rows, false);
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            kept = true;
            progress.rowsWritten(rows, Optional.of(rows));
            return new Outcome(rows, true);
        } finally {
            if (!kept) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static List<String> fields(HistoryEntry e) {
        return java.util.Arrays.asList(e.id().toString(), e.executedAt().toString(),
                e.agentId() == null ? null : e.agentId().toString(), e.hostname(), e.subsystem(), e.action(),
                e.result(), e.exitCode() == null ? null : e.exitCode().toString(),
                e.durationSeconds() == null ? null : e.durationSeconds().toString(), e.stdout(), e.stderr());
    }

    static void writeRecord(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(out, fields.get(i));
        }
        out.write("\r\n");
    }

    /**
     * Null and empty both become an empty field: CSV has no null. A cell a spreadsheet would take for a formula
     * (it begins with =, +, -, @, a tab or a carriage return: an agent's output is anyone's text) gets a leading
     * apostrophe, so opening the export never runs what a host printed.
     */
    static void writeField(Writer out, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        // A plain negative number (an exit code) stays a number: no spreadsheet runs "-1".
        if ("=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-\\d+")) {
            value = "'" + value;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
