package org.redflag.console.migration;

import java.util.Map;
import java.util.TreeMap;

/**
 * A schema's catalog at one moment, keyed by {@link CatalogObject#key()}.
 *
 * @param invalidIndexes indexes with indisvalid = false (left by a failed CREATE INDEX CONCURRENTLY): they are
 *        NOT in {@code objects}, because PostgreSQL never uses them, so they count as missing
 * @param rowEstimates pg_class.reltuples per table, to choose CONCURRENTLY for a repair on a big table
 * @param serverVersionNum server_version_num, e.g. 170005
 */
public record SchemaCatalog(String schema, Map<String, CatalogObject> objects, Map<String, CatalogObject> invalidIndexes,
        Map<String, Long> rowEstimates, int serverVersionNum, String serverVersion) {

    public SchemaCatalog {
        objects = java.util.Collections.unmodifiableMap(new TreeMap<>(objects));
        invalidIndexes = Map.copyOf(invalidIndexes);
        rowEstimates = Map.copyOf(rowEstimates);
    }

    public int majorVersion() {
        return serverVersionNum / 10000;
    }

    public CatalogObject get(String key) {
        return objects.get(key);
    }

    public long rows(String table) {
        return table == null ? 0 : rowEstimates.getOrDefault(table, 0L);
    }
}
