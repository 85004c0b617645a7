package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.redflag.console.migration.CatalogObject.ColumnShape;
import org.redflag.console.migration.CatalogObject.Kind;

/**
 * Reads a {@link SchemaCatalog} of the connection's current schema, always in a READ ONLY transaction that is
 * rolled back: the audit must not be able to change the target even by mistake.
 *
 * <p>Definitions come from PostgreSQL's own deparsers (format_type, pg_get_indexdef, pg_get_constraintdef,
 * pg_get_triggerdef), so two databases built by the same scripts give equal text; only the schema name is
 * stripped, because the replay runs in "public" and the target may not.
 */
public final class CatalogReader {

    /** The runners' own bookkeeping: made by the runner, not by any script, so never compared. */
    static final Set<String> BOOKKEEPING = Set.of("schema_migrations", "schema_migrations_backup", "flyway_schema_history");

    private static final String IN_SCHEMA = " = current_schema()::regnamespace";

    private CatalogReader() {
    }

    public static SchemaCatalog read(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
            return readIn(c);
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
    }

    private static SchemaCatalog readIn(Connection c) throws SQLException {
        String schema = single(c, "SELECT current_schema()");
        if (schema == null) {
            throw new SQLException("the connection has no current schema (search_path names none that exists)");
        }
        Pattern qualifier = Pattern.compile("(?<![\\w$\"])(?:\"" + Pattern.quote(schema) + "\"|"
                + Pattern.quote(schema) + ")\\.");
        Map<String, CatalogObject> objects = new HashMap<>();
        Map<String, CatalogObject> invalid = new HashMap<>();
        Map<String, Long> rows = new HashMap<>();
        java.util.function.UnaryOperator<String> n = text -> text == null ? null : qualifier.matcher(text).replaceAll("");
        java.util.function.Consumer<CatalogObject> put = o -> {
            String owner = o.table() == null ? o.name() : o.table().replaceFirst("^table ", "");
            if (!BOOKKEEPING.contains(owner)) {
                objects.put(o.key(), o);
            }
        };

        Map<String, List<String>> tableColumns = new LinkedHashMap<>();
        query(c, "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,"
                + " pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE c.relnamespace" + IN_SCHEMA + " AND c.relkind IN ('r', 'p') AND a.attnum > 0"
                + " AND NOT a.attisdropped ORDER BY c.relname, a.attnum", rs -> {
                    String table = rs.getString(1);
                    ColumnShape shape = new ColumnShape(n.apply(rs.getString(3)), rs.getBoolean(4), n.apply(rs.getString(5)));
                    String name = quoteIdent(rs.getString(2));
                    tableColumns.computeIfAbsent(table, t -> new ArrayList<>()).add(name + " " + shape.sql());
                    put.accept(new CatalogObject(Kind.COLUMN, rs.getString(2), table, shape.sql(),
                            "ALTER TABLE " + quoteIdent(table) + " ADD COLUMN " + name + " " + shape.sql(), shape));
                });
        query(c, "SELECT c.relname, c.relkind, greatest(c.reltuples, 0)::bigint, pg_get_viewdef(c.oid)"
                + " FROM pg_class c WHERE c.relnamespace" + IN_SCHEMA + " AND c.relkind IN ('r', 'p', 'v')", rs -> {
                    String table = rs.getString(1);
                    if ("v".equals(rs.getString(2))) {
                        String def = n.apply(rs.getString(4));
                        put.accept(new CatalogObject(Kind.VIEW, table, null, def,
                                "CREATE OR REPLACE VIEW " + quoteIdent(table) + " AS " + def, null));
                        return;
                    }
                    rows.put(table, rs.getLong(3));
                    // Columns are compared one by one; the table's own definition is only that it exists.
                    put.accept(new CatalogObject(Kind.TABLE, table, null, "table",
                            "CREATE TABLE " + quoteIdent(table) + " (" + String.join(", ",
                                    tableColumns.getOrDefault(table, List.of())) + ")", null));
                });
        // Indexes that back a constraint are the constraint's: they are compared (and repaired) as it.
        query(c, "SELECT i.relname, t.relname, pg_get_indexdef(x.indexrelid), x.indisvalid"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " WHERE i.relnamespace" + IN_SCHEMA + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k"
                + " WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))", rs -> {
                    String def = n.apply(rs.getString(3));
                    CatalogObject index = new CatalogObject(Kind.INDEX, rs.getString(1), rs.getString(2), def, def, null);
                    if (rs.getBoolean(4)) {
                        put.accept(index);
                    } else {
                        invalid.put(index.key(), index);
                    }
                });
        query(c, "SELECT k.conname, k.contype, coalesce(t.relname, ty.typname), t.relname IS NULL,"
                + " pg_get_constraintdef(k.oid) FROM pg_constraint k LEFT JOIN pg_class t ON t.oid = k.conrelid"
                + " LEFT JOIN pg_type ty ON ty.oid = k.contypid WHERE k.connamespace" + IN_SCHEMA
                + " AND k.contype IN ('c', 'u', 'p', 'f', 'x')", rs -> {
                    String owner = rs.getString(3);
                    boolean onDomain = rs.getBoolean(4);
                    String def = n.apply(rs.getString(5));
                    Kind kind = "f".equals(rs.getString(2)) ? Kind.FOREIGN_KEY : Kind.CONSTRAINT;
                    String table = onDomain ? "domain " + owner : "table " + owner;
                    put.accept(new CatalogObject(kind, rs.getString(1), table, def,
                            (onDomain ? "ALTER DOMAIN " : "ALTER TABLE ") + quoteIdent(owner) + " ADD CONSTRAINT "
                                    + quoteIdent(rs.getString(1)) + " " + def, null));
                });
        query(c, "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c"
                + " ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace" + IN_SCHEMA, rs -> {
                    String def = n.apply(rs.getString(3));
                    put.accept(new CatalogObject(Kind.TRIGGER, rs.getString(1), "table " + rs.getString(2), def, def, null));
                });
        // Functions an extension installed (uuid-ossp's, pg_trgm's) belong to the extension, not to a script.
        // The body is compared by hash: the text is long, and the report shows the full definition anyway.
        query(c, "SELECT p.proname, pg_get_function_identity_arguments(p.oid), pg_get_function_result(p.oid),"
                + " md5(p.prosrc), pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace" + IN_SCHEMA
                + " AND p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d"
                + " WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')", rs -> {
                    String name = rs.getString(1) + "(" + n.apply(rs.getString(2)) + ")";
                    put.accept(new CatalogObject(Kind.FUNCTION, name, null,
                            "returns " + n.apply(rs.getString(3)) + ", body md5 " + rs.getString(4),
                            n.apply(rs.getString(5)), null));
                });
        query(c, "SELECT t.typname, t.typtype, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
                + " (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e"
                + " WHERE e.enumtypid = t.oid) FROM pg_type t WHERE t.typnamespace" + IN_SCHEMA
                + " AND t.typtype IN ('d', 'e')", rs -> {
                    String name = rs.getString(1);
                    String def = "d".equals(rs.getString(2))
                            ? "DOMAIN " + quoteIdent(name) + " AS " + n.apply(rs.getString(3))
                                    + (rs.getString(5) == null ? "" : " DEFAULT " + n.apply(rs.getString(5)))
                                    + (rs.getBoolean(4) ? " NOT NULL" : "")
                            : "TYPE " + quoteIdent(name) + " AS ENUM (" + rs.getString(6) + ")";
                    put.accept(new CatalogObject(Kind.TYPE, name, null, def, "CREATE " + def, null));
                });
        // plpgsql is in every database; the version is not compared, it follows the server's release.
        query(c, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'", rs -> put.accept(new CatalogObject(
                Kind.EXTENSION, rs.getString(1), null, "extension " + rs.getString(1),
                "CREATE EXTENSION IF NOT EXISTS " + quoteIdent(rs.getString(1)), null)));
        int versionNum = Integer.parseInt(single(c, "SELECT current_setting('server_version_num')"));
        return new SchemaCatalog(schema, objects, invalid, rows, versionNum, single(c, "SELECT version()"));
    }

    /** An identifier as SQL text: quoted only where PostgreSQL would need it. */
    static String quoteIdent(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
