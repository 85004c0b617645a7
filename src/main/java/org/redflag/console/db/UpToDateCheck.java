package org.redflag.console.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether the console's schema is exactly what this build's scripts make it, from one read of Flyway's record:
 * every shipped script recorded as applied and successful, with the same description and checksum, and nothing
 * else recorded (no failed row, no unknown or newer version, no baseline or other kind of row). Only then is Flyway's
 * migrate a no-op that its validation passes, so the start can skip Flyway; anything else, or any doubt, is
 * "ask Flyway", which does what it always did. The verdict only ever says "up to date" when Flyway would.
 */
public final class UpToDateCheck {

    /** Flyway's default table, in the connection's current schema (where Flyway looks by default too). */
    private static final String RECORD = "SELECT version, description, type, script, checksum, success "
            + "FROM flyway_schema_history ORDER BY installed_rank";

    /** @param reason why Flyway must look, in words for the log; empty when the record matches the scripts */
    public record Verdict(boolean upToDate, int scripts, String version, String reason) {

        public static Verdict askFlyway(String reason) {
            return new Verdict(false, 0, null, reason);
        }
    }

    private UpToDateCheck() {
    }

    /** Never throws: a record that cannot be read (none yet, no right to read it) is a question for Flyway. */
    public static Verdict check(DataSource dataSource, Optional<List<ShippedScripts.Script>> shipped) {
        if (shipped.isEmpty() || shipped.get().isEmpty()) {
            return Verdict.askFlyway("the shipped scripts are not all plain versioned scripts");
        }
        List<ShippedScripts.Script> recorded = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(RECORD)) {
            while (rs.next()) {
                if (!rs.getBoolean("success") || !"SQL".equals(rs.getString("type")) || rs.getString("version") == null
                        || rs.getObject("checksum") == null) {
                    return Verdict.askFlyway("the record has a failed or non-SQL row (" + rs.getString("version")
                            + ", " + rs.getString("type") + ")");
                }
                recorded.add(new ShippedScripts.Script(rs.getString("version"), rs.getString("description"),
                        rs.getString("script"), rs.getInt("checksum")));
            }
        } catch (SQLException e) {
            return Verdict.askFlyway("the record could not be read (" + e.getMessage().strip() + ")");
        }
        recorded.sort(java.util.Comparator.comparing(ShippedScripts.Script::version, ShippedScripts::compareVersions));
        List<ShippedScripts.Script> scripts = shipped.get();
        if (!Objects.equals(recorded, scripts)) {
            return Verdict.askFlyway(difference(recorded, scripts));
        }
        return new Verdict(true, scripts.size(), scripts.get(scripts.size() - 1).version(), "");
    }

    private static String difference(List<ShippedScripts.Script> recorded, List<ShippedScripts.Script> shipped) {
        for (ShippedScripts.Script script : shipped) {
            Optional<ShippedScripts.Script> row = recorded.stream().filter(r -> r.version().equals(script.version()))
                    .findFirst();
            if (row.isEmpty()) {
                return "V" + script.version() + " is not recorded (pending)";
            }
            if (!row.get().equals(script)) {
                return "V" + script.version() + " is recorded differently (checksum, description or file name)";
            }
        }
        return recorded.size() == shipped.size() ? "the record is ordered differently"
                : "the record has versions this build does not ship";
    }
}
