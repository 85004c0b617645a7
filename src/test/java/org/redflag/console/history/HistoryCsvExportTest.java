package org.redflag.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class HistoryCsvExportTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    @Test
    void theCsvOfAFilterHoldsExactlyTheMatchingRowsOfTheDatabaseFieldForField() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgent(db, "web-01.prod", "linux", T0);
        UUID other = Fleets.insertAgent(db, "db-01.prod", "linux", T0);
        // 1200 rows in one statement; pairs share a timestamp, outputs carry commas, quotes, CRLF and emoji.
        db.execute("""
                INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, stderr, exit_code,
                                         duration_seconds, executed_at)
                SELECT CASE WHEN mod(i, 3) = 0 THEN '%s'::uuid ELSE '%s'::uuid END, 'scan',
                       CASE WHEN mod(i, 5) = 0 THEN 'failed' ELSE 'success' END,
                       CASE WHEN mod(i, 2) = 0 THEN 'storage' ELSE 'updates' END,
                       'line one, with a comma' || E'\\r\\n' || 'line "two"' || E'\\n' || i,
                       CASE WHEN mod(i, 5) = 0 THEN 'übel: ✗ 💥 failed ' || i END,
                       CASE WHEN mod(i, 5) = 0 THEN 2 ELSE 0 END, mod(i, 7),
                       '%s'::timestamptz - (i / 2) * interval '1 second'
                FROM generate_series(0, 1199) AS i
                """.formatted(other, web, T0));
        HistoryRows.insert(db, web, T0, "storage", "scan", "failed", null, null, "", "=cmd|' /C calc'!A0");
        HistoryFilter filter = new HistoryFilter(null, "web", "storage", "", null, null, "", false);
        Path target = folder.resolve("history.csv");
        List<Long> progress = new ArrayList<>();

        HistoryCsvExport.Outcome outcome = new HistoryCsvExport(new HistoryRepository(db.dataSource()))
                .export(filter, target, progressInto(progress, () -> false));

        List<List<String>> csv = parse(Files.readString(target, StandardCharsets.UTF_8));
        // Field for field, except that a cell a spreadsheet would run as a formula is exported as text.
        List<List<String>> expected = rowsInDatabase(db, "web", "storage").stream()
                .map(row -> row.stream().map(v -> v.startsWith("=") ? "'" + v : v).toList()).toList();
        assertThat(csv.stream().anyMatch(row -> row.contains("'=cmd|' /C calc'!A0"))).isTrue();
        assertThat(csv.get(0)).isEqualTo(HistoryCsvExport.HEADER);
        assertThat(expected).hasSizeGreaterThan(300);
        assertThat(csv.subList(1, csv.size())).isEqualTo(expected);
        assertThat(outcome).isEqualTo(new HistoryCsvExport.Outcome(expected.size(), true));
        assertThat(progress).first().isEqualTo(0L);
        assertThat(progress).last().isEqualTo((long) expected.size());
    }

    @Test
    void aCancelledExportLeavesNoFileBehind() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("INSERT INTO update_logs (action, result, subsystem, stdout, executed_at) "
                + "SELECT 'scan', 'success', 'system', 'ok ' || i, now() - i * interval '1 second' "
                + "FROM generate_series(1, 1500) AS i");
        Path target = folder.resolve("cancelled.csv");
        AtomicLong written = new AtomicLong();
        List<Long> progress = new ArrayList<>();

        HistoryCsvExport.Outcome outcome = new HistoryCsvExport(new HistoryRepository(db.dataSource()))
                .export(HistoryFilter.all(), target, progressInto(progress, () -> {
                    written.set(progress.isEmpty() ? 0 : progress.get(progress.size() - 1));
                    return written.get() >= 500;
                }));

        assertThat(outcome.completed()).isFalse();
        assertThat(outcome.rows()).isBetween(500L, 1499L);
        assertThat(target).doesNotExist();
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    private static HistoryCsvExport.Progress progressInto(List<Long> progress, java.util.function.BooleanSupplier cancel) {
        return new HistoryCsvExport.Progress() {
            @Override
            public void rowsWritten(long written, Optional<Long> total) {
                progress.add(written);
            }

            @Override
            public boolean cancelled() {
                return cancel.getAsBoolean();
            }
        };
    }

    /** The expected export, read straight from the database with its own SQL. */
    private static List<List<String>> rowsInDatabase(TestDatabase db, String hostname, String subsystem) throws Exception {
        String sql = """
                SELECT l.id, l.executed_at, l.agent_id, a.hostname, l.subsystem, l.action, l.result, l.exit_code,
                       l.duration_seconds, l.stdout, l.stderr
                FROM update_logs l JOIN agents a ON a.id = l.agent_id
                WHERE a.hostname LIKE '%' || ? || '%' AND l.subsystem = ?
                ORDER BY l.executed_at DESC, l.id DESC
                """;
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hostname);
            ps.setString(2, subsystem);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(Arrays.asList(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            emptyIfNull(rs.getString(8)), emptyIfNull(rs.getString(9)), emptyIfNull(rs.getString(10)),
                            emptyIfNull(rs.getString(11))));
                }
            }
        }
        return rows;
    }

    private static String emptyIfNull(String value) {
        return value == null ? "" : value;
    }

    /** An RFC 4180 reader, independent of the writer under test. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
            i++;
        }
        return records;
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreExportedAsText() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        for (String cell : List.of("=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "-1", "plain")) {
            HistoryCsvExport.writeField(out, cell);
            out.write('|');
        }
        assertThat(out.toString()).isEqualTo(
                "\"'=HYPERLINK(\"\"http://evil\"\")\"|'+1+1|'-2+3|'@SUM(A1)|'\tTAB|-1|plain|");
    }
}
