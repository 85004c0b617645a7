package org.redflag.console.migration;

import java.util.Objects;

/**
 * One schema object as the replay audit compares it: a stable key ("index idx_x", "column agents.machine_id",
 * "constraint chk_x on table t"), a definition text that is equal on two databases exactly when the object
 * is the same (schema qualification stripped, so a throwaway replay database and the target compare), and
 * the SQL that would create it where it is missing.
 *
 * @param table the table (or domain) the object belongs to, or null for tables, functions, extensions
 * @param column the column's parts, only for {@link Kind#COLUMN}: repairs alter them one by one
 */
public record CatalogObject(Kind kind, String name, String table, String definition, String createSql,
        ColumnShape column) {

    /** What sort of object; the order is the order a repair creates them in (tables before their indexes). */
    public enum Kind {
        EXTENSION, TYPE, TABLE, COLUMN, FUNCTION, CONSTRAINT, INDEX, FOREIGN_KEY, TRIGGER, VIEW;

        public String label() {
            return this == FOREIGN_KEY ? "constraint" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A column's type (with length), nullability and default expression, as format_type and pg_get_expr say. */
    public record ColumnShape(String type, boolean notNull, String defaultExpr) {

        /** The column's definition as it appears after the name in ADD COLUMN. */
        public String sql() {
            return type + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr) + (notNull ? " NOT NULL" : "");
        }
    }

    public CatalogObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    /** The stable key both catalogs are matched by. */
    public String key() {
        return switch (kind) {
            case COLUMN -> "column " + table + "." + name;
            case CONSTRAINT, FOREIGN_KEY, TRIGGER -> kind.label() + " " + name + " on " + table;
            default -> kind.label() + " " + name;
        };
    }

    /** Same object, same definition: what "present and not drifted" means. */
    public boolean sameAs(CatalogObject other) {
        return other != null && definition.equals(other.definition);
    }
}
