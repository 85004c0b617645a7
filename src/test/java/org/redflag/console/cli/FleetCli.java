package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.redflag.console.launcher.Launcher;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.TestDatabase;

/** Runs the fleet commands against one test database and reads their output and the database back. */
final class FleetCli {

    private final TestDatabase db;

    FleetCli(TestDatabase db) {
        this.db = db;
    }

    /** The real command tree against this test's database, with the given clock. */
    CliRun run(Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--help") && !all.contains("--db-url")) {
            all.addAll(List.of("--db-url", db.url(), "--db-user", "postgres"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.commandLine(Map.of(), clock, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The lines of a text table between its header and the blank line after it. */
    static List<String> tableRows(String out) {
        return out.lines().skip(1).takeWhile(l -> !l.isEmpty()).toList();
    }

    static String tableRow(String out, String hostname) {
        return tableRows(out).stream().filter(r -> r.startsWith(hostname + " ")).findFirst().orElseThrow();
    }

    static List<String> hostnames(CliRun run) {
        return tableRows(run.out()).stream().map(r -> r.split("\\s+")[0]).toList();
    }

    static List<String> ids(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return objects(JsonReader.object(run.out()).get("entries")).stream().map(e -> (String) e.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Object list) {
        return (List<Map<String, Object>>) list;
    }

    static Map.Entry<String, Object> nullEntry(String key) {
        return new java.util.AbstractMap.SimpleEntry<>(key, null);
    }

    /** created_at of the one command, as the database holds it. */
    Instant createdAt() {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT created_at FROM agent_commands");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * created_at of the one command as scan prints it with this clock: the time of day in the clock's zone,
     * with the date only when that is not today there.
     */
    String createdAtAsShownBy(Clock clock) {
        ZonedDateTime local = createdAt().atZone(clock.getZone());
        String pattern = local.toLocalDate().equals(LocalDate.now(clock)) ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss";
        return DateTimeFormatter.ofPattern(pattern).format(local);
    }

    List<String> strings(String sql, Object... args) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Exit 2, one sentence on stderr, nothing on stdout, and no command written. */
    void assertCannotRun(CliRun run, String sentence) {
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("redflag-console: " + sentence).hasLineCount(1);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }
}
