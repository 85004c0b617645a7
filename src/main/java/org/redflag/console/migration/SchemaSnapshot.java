package org.redflag.console.migration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the database's catalog really holds in the current schema: the "reality" side of the audit.
 * Names are as PostgreSQL stores them (lower case unless they were quoted).
 */
public record SchemaSnapshot(
        Set<String> tables,
        Map<String, Set<String>> columns,
        List<IndexFact> indexes,
        List<CheckFact> checks,
        Set<String> domains) {

    /**
     * @param keys      the key part of the definition, e.g. "agent_id, mountpoint, created_at DESC"
     * @param predicate the WHERE of a partial index, or null
     */
    public record IndexFact(String table, String name, boolean unique, boolean valid, String keys, String predicate) {
    }

    public record CheckFact(String table, String name, List<String> columns, String definition) {
    }

    public SchemaSnapshot {
        tables = Set.copyOf(tables);
        columns = Map.copyOf(columns);
        indexes = List.copyOf(indexes);
        checks = List.copyOf(checks);
        domains = Set.copyOf(domains);
    }

    public boolean hasTable(String table) {
        return tables.contains(table);
    }

    public boolean hasColumn(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    public List<IndexFact> indexesOn(String table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    public List<IndexFact> indexesNamed(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).toList();
    }

    public List<CheckFact> checksOn(String table, String column) {
        return checks.stream().filter(c -> c.table().equals(table) && c.columns().contains(column)).toList();
    }

    public boolean hasDomain(String name) {
        return domains.contains(name);
    }

    /** Compares SQL fragments as PostgreSQL prints them: case, spaces, quotes and parentheses do not matter. */
    static String normalized(String sql) {
        return sql == null ? null : sql.toLowerCase(Locale.ROOT).replaceAll("[\\s\"()]", "");
    }

    /** The key list of "CREATE ... INDEX name ON table USING btree (a, b DESC) WHERE ...": "a, b DESC". */
    static String keysOf(String indexDefinition) {
        int using = indexDefinition.indexOf(" USING ");
        int open = indexDefinition.indexOf('(', using < 0 ? 0 : using);
        if (open < 0) {
            return "";
        }
        int depth = 0;
        for (int i = open; i < indexDefinition.length(); i++) {
            char c = indexDefinition.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return indexDefinition.substring(open + 1, i).strip();
            }
        }
        return indexDefinition.substring(open + 1).strip();
    }
}
