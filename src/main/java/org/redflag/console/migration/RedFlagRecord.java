package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;

/**
 * RedFlag's own record of its migrations (schema_migrations: whole file names, no checksum), shown as the
 * Migrations view's rows for a RedFlag database instead of the console's Flyway list, which does not apply
 * there. A recorded file is only a claim (the old runner recorded failed files too): the audit checks it.
 */
public final class RedFlagRecord {

    /** The type column of a RedFlag row: how the view and the CLI tell them from Flyway's. */
    public static final String TYPE = "RedFlag runner";

    private RedFlagRecord() {
    }

    /** Blocking: reads schema_migrations in the runner's own order (byte-wise by name). */
    public static MigrationOverview read(DataSource dataSource, Capabilities capabilities) throws SQLException {
        List<MigrationStatus> rows = new ArrayList<>();
        boolean recorded = capabilities.recordedFiles() > 0 || hasTable(dataSource);
        if (recorded) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "SELECT version::text AS version, applied_at FROM schema_migrations ORDER BY version COLLATE \"C\"");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String file = rs.getString("version");
                    rows.add(new MigrationStatus(prefix(file), description(file), TYPE, file, "Recorded", true, false,
                            false, false, SqlTime.instant(rs, "applied_at"), null, null, null, null));
                }
            }
        }
        String summary = capabilities.describe() + " · " + rows.size() + (rows.size() == 1 ? " file" : " files")
                + " recorded by RedFlag's runner";
        return new MigrationOverview(rows, summary, false);
    }

    private static boolean hasTable(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT to_regclass('schema_migrations') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** "009_add_retry_tracking.up.sql" → "009". */
    static String prefix(String file) {
        int underscore = file.indexOf('_');
        return underscore > 0 ? file.substring(0, underscore) : file;
    }

    /** "009_add_retry_tracking.up.sql" → "add retry tracking". */
    static String description(String file) {
        String name = file.endsWith(".up.sql") ? file.substring(0, file.length() - ".up.sql".length()) : file;
        int underscore = name.indexOf('_');
        return (underscore > 0 ? name.substring(underscore + 1) : name).replace('_', ' ');
    }
}
