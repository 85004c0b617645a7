package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads millions of generated rows the way pg_restore does: inside one transaction on {@code connection}, the
 * tables' row triggers are off (the live-change NOTIFY would queue one notification per row), and, when the tables
 * start empty, their indexes and keys (all but a key another table's foreign key leans on) are dropped and made
 * again after the load. Building an index from the finished table is a sort; keeping it up to date row by row is
 * a random write per row and index (a random uuid key most of all), and a foreign key is a lookup per row where
 * re-adding it is one join. Everything is restored before the same
 * transaction commits, so no other session ever sees the tables without them, and a failed load rolls back to
 * the schema as it was. Definitions are read from the catalog, so the indexes made again are exactly the
 * migrations' ones.
 */
final class BulkLoad {

    /** What rebuilding took, for the report. */
    record Rebuilt(int indexes, int keys, double seconds) {
    }

    /** A generous sort memory for the index builds of this transaction only (the server default is 64 MB). */
    static final String INDEX_BUILD_MEMORY = "512MB";

    private final Connection connection;
    private final List<String> tables;
    private final List<String> indexes = new ArrayList<>();
    /** (table, name, definition): primary and unique keys no foreign key leans on, made again first. */
    private final List<String[]> ownKeys = new ArrayList<>();
    private final List<String[]> foreignKeys = new ArrayList<>();
    private final boolean triggersOff;

    private BulkLoad(Connection connection, List<String> tables, boolean triggersOff) {
        this.connection = connection;
        this.tables = tables;
        this.triggersOff = triggersOff;
    }

    /**
     * Readies {@code tables} for a load in the transaction open on {@code connection} (auto-commit off). A user
     * who does not own the tables (ALTER TABLE needs that) loads through the indexes, triggers and keys as they are:
     * slower, never wrong.
     */
    static BulkLoad begin(Connection connection, List<String> tables) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("A bulk load needs a transaction: its changes to the schema must not show");
        }
        if (!ownsAll(connection, tables)) {
            return new BulkLoad(connection, tables, false);
        }
        BulkLoad load = new BulkLoad(connection, tables, true);
        boolean empty = true;
        for (String table : tables) {
            empty &= !exists(connection, "SELECT 1 FROM " + table + " LIMIT 1");
        }
        try (Statement s = connection.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            }
            if (empty) {
                load.readDefinitions();
                for (String[] key : load.foreignKeys) {
                    s.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT " + key[1]);
                }
                for (String[] key : load.ownKeys) {
                    s.execute("ALTER TABLE " + key[0] + " DROP CONSTRAINT " + key[1]);
                }
                for (String index : load.indexes) {
                    s.execute("DROP INDEX " + index.split(" ")[0]);
                }
            }
        }
        return load;
    }

    /** Makes again what {@link #begin} dropped and turns the triggers back on; the caller then commits. */
    Rebuilt finish() throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            if (!indexes.isEmpty()) {
                s.execute("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'");
            }
            for (String[] key : ownKeys) {
                s.execute("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
            }
            for (String index : indexes) {
                s.execute(index.substring(index.indexOf(' ') + 1));
            }
            for (String[] key : foreignKeys) {
                s.execute("ALTER TABLE " + key[0] + " ADD CONSTRAINT " + key[1] + " " + key[2]);
            }
            if (triggersOff) {
                for (String table : tables) {
                    s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
                }
            }
        }
        return new Rebuilt(indexes.size() + ownKeys.size(), foreignKeys.size() + ownKeys.size(),
                BenchFleet.seconds(start));
    }

    /**
     * Indexes that no constraint owns as "name CREATE INDEX …"; the tables' primary and unique keys where no
     * foreign key points at the table (one that does needs its key in place); and the tables' own foreign keys.
     */
    private void readDefinitions() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT quote_ident(i.relname) || ' ' || pg_get_indexdef(x.indexrelid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = to_regclass(?)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                ORDER BY i.relname""");
             PreparedStatement keys = connection.prepareStatement("""
                SELECT quote_ident(c.conname), pg_get_constraintdef(c.oid), c.contype = 'f' FROM pg_constraint c
                WHERE c.conrelid = to_regclass(?)
                  AND (c.contype = 'f' OR c.contype IN ('p', 'u') AND NOT EXISTS (
                          SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = c.conrelid))
                ORDER BY c.conname""")) {
            for (String table : tables) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        indexes.add(rs.getString(1));
                    }
                }
                keys.setString(1, table);
                try (ResultSet rs = keys.executeQuery()) {
                    while (rs.next()) {
                        (rs.getBoolean(3) ? foreignKeys : ownKeys).add(new String[] {table, rs.getString(1),
                            rs.getString(2)});
                    }
                }
            }
        }
    }

    private static boolean ownsAll(Connection connection, List<String> tables) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT bool_and(pg_has_role(relowner, 'MEMBER')) FROM pg_class WHERE oid = ANY (?::regclass[])")) {
            ps.setArray(1, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }
}
