package org.redflag.console.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a database's catalog says about its schemas, as sorted lines: schemas, tables and columns with
 * types, defaults and nullability, indexes with their definitions and validity, constraints, triggers,
 * functions, extensions, and the Flyway/RedFlag bookkeeping tables' rows. Two snapshots are equal exactly
 * when no DDL (and no migration record) changed in between.
 */
public final class CatalogSnapshot {

    private static final String USER_NAMESPACES = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'";

    private CatalogSnapshot() {
    }

    public static List<String> take(TestDatabase db) {
        List<String> lines = new ArrayList<>();
        lines.addAll(column(db, "SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' '"
                + " || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull"
                + " || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v') AND " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'index ' || pg_get_indexdef(x.indexrelid) || ' valid=' || x.indisvalid"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace"
                + " WHERE " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'constraint ' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
                + " FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal"));
        lines.addAll(column(db, "SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_arguments(p.oid) || ')'"
                + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NAMESPACES));
        lines.addAll(column(db, "SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension"));
        if (db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'") > 0) {
            lines.addAll(column(db, "SELECT 'recorded ' || version FROM schema_migrations"));
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> column(TestDatabase db, String sql) {
        return RedFlagFixtures.rows(db, sql).stream().map(row -> String.valueOf(row.values().iterator().next())).toList();
    }
}
