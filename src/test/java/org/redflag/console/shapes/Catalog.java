package org.redflag.console.shapes;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redflag.console.testing.TestDatabase;

/** Reads what a test database really holds from pg_catalog, in PostgreSQL's own words. */
final class Catalog {

    private final TestDatabase db;

    Catalog(TestDatabase db) {
        this.db = db;
    }

    /** Every column of {@code table} in order: "name type [NOT NULL] [DEFAULT expr]". */
    List<String> columns(String table) {
        return lines("""
                SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                  || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                                  || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
                                  E'\\n' ORDER BY a.attnum)
                  FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
                """, table);
    }

    /** The column's definition as {@link #columns} writes it, or null when absent. */
    String column(String table, String column) {
        return columns(table).stream().filter(c -> c.startsWith(column + " ")).findFirst().orElse(null);
    }

    boolean hasTable(String table) {
        return db.queryLong("SELECT count(*) FROM pg_class WHERE relname = ? AND relkind = 'r'", table) == 1;
    }

    /** The quoted values a check constraint admits, in the order it lists them. */
    List<String> checkValues(String constraint) {
        String def = constraintDef(constraint);
        Matcher m = Pattern.compile("'([^']*)'").matcher(def);
        List<String> values = new java.util.ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    String constraintDef(String constraint) {
        return db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?", constraint);
    }

    /** CREATE [UNIQUE] INDEX … as pg_get_indexdef gives it, or null when there is no such index. */
    String indexDef(String index) {
        return db.queryString("SELECT pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname = ? AND c.relkind = 'i'",
                index);
    }

    /** Constraint names of {@code table}, sorted. */
    List<String> constraints(String table) {
        return lines("SELECT string_agg(conname, E'\\n' ORDER BY conname) FROM pg_constraint WHERE conrelid = ?::regclass",
                table);
    }

    boolean hasTrigger(String table, String trigger) {
        return db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = ?::regclass AND tgname = ?", table,
                trigger) == 1;
    }

    private List<String> lines(String sql, Object... args) {
        String joined = db.queryString(sql, args);
        return joined == null ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
