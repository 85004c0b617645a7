package org.redflag.console.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The SQL of the audit: the claims (RedFlag's schema_migrations, our flyway_schema_history) and the reality
 * (pg_catalog, information_schema) of the current schema, read in one read-only transaction that is
 * rolled back. It never writes, so it is safe on a production database and on a read-only replica.
 */
public final class AuditRepository {

    static final String LEGACY_HISTORY = "schema_migrations";
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    /** A row of our Flyway history, as stored. */
    public record FlywayRow(String version, String description, String script, String type, boolean success) {
    }

    /** Everything the audit compares, read at one moment. */
    public record Facts(SchemaSnapshot schema, Optional<List<String>> legacyRecords, Optional<List<FlywayRow>> flywayRows) {
    }

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Facts read() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION READ ONLY");
            }
            try {
                SchemaSnapshot schema = new SchemaSnapshot(tables(c), columns(c), indexes(c), checks(c), domains(c));
                Optional<List<String>> legacy = schema.hasTable(LEGACY_HISTORY)
                        ? Optional.of(legacyRecords(c)) : Optional.empty();
                Optional<List<FlywayRow>> flyway = schema.hasTable(FLYWAY_HISTORY)
                        ? Optional.of(flywayRows(c)) : Optional.empty();
                return new Facts(schema, legacy, flyway);
            } finally {
                c.rollback();
            }
        }
    }

    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> tables = new HashSet<>();
        query(c, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                """, rs -> tables.add(rs.getString(1)));
        return tables;
    }

    private static Map<String, Set<String>> columns(Connection c) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        query(c, """
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
                """, rs -> columns.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2)));
        return columns;
    }

    private static List<SchemaSnapshot.IndexFact> indexes(Connection c) throws SQLException {
        List<SchemaSnapshot.IndexFact> indexes = new ArrayList<>();
        query(c, """
                SELECT t.relname, i.relname, x.indisunique, x.indisvalid, pg_get_indexdef(x.indexrelid),
                       pg_get_expr(x.indpred, x.indrelid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema()
                """, rs -> indexes.add(new SchemaSnapshot.IndexFact(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getBoolean(4), SchemaSnapshot.keysOf(rs.getString(5)), stripOuterParentheses(rs.getString(6)))));
        return indexes;
    }

    private static List<SchemaSnapshot.CheckFact> checks(Connection c) throws SQLException {
        List<SchemaSnapshot.CheckFact> checks = new ArrayList<>();
        query(c, """
                SELECT t.relname, k.conname,
                       ARRAY(SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) ORDER BY a.attnum),
                       pg_get_constraintdef(k.oid)
                FROM pg_constraint k
                JOIN pg_class t ON t.oid = k.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE k.contype = 'c' AND n.nspname = current_schema()
                """, rs -> {
            Array columns = rs.getArray(3);
            checks.add(new SchemaSnapshot.CheckFact(rs.getString(1), rs.getString(2),
                    Arrays.asList((String[]) columns.getArray()), rs.getString(4)));
        });
        return checks;
    }

    private static Set<String> domains(Connection c) throws SQLException {
        Set<String> domains = new HashSet<>();
        query(c, """
                SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'd' AND n.nspname = current_schema()
                """, rs -> domains.add(rs.getString(1)));
        return domains;
    }

    private static List<String> legacyRecords(Connection c) throws SQLException {
        List<String> records = new ArrayList<>();
        query(c, "SELECT version::text FROM " + LEGACY_HISTORY + " ORDER BY version", rs -> records.add(rs.getString(1)));
        return records;
    }

    private static List<FlywayRow> flywayRows(Connection c) throws SQLException {
        List<FlywayRow> rows = new ArrayList<>();
        query(c, "SELECT version, description, script, type, success FROM " + FLYWAY_HISTORY + " ORDER BY installed_rank",
                rs -> rows.add(new FlywayRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5))));
        return rows;
    }

    /** pg_get_expr prints "(machine_id IS NOT NULL)"; the catalog writes conditions without the outer pair. */
    private static String stripOuterParentheses(String expression) {
        if (expression == null) {
            return null;
        }
        String trimmed = expression.strip();
        int depth = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char ch = trimmed.charAt(i);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (depth == 0 && i < trimmed.length() - 1) {
                return trimmed; // "(a) AND (b)": the first pair closes early, so it is not an outer pair
            }
        }
        return trimmed.startsWith("(") && trimmed.endsWith(")") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }
}
