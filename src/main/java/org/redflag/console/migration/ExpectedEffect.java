package org.redflag.console.migration;

import java.util.List;
import java.util.Optional;

/**
 * Something a migration is supposed to leave in the schema, and how to tell from the catalog whether it
 * is there. {@link #absence} is empty when it is; otherwise it says what is wrong ("is missing").
 */
public sealed interface ExpectedEffect {

    /** "table storage_metrics", "column agents.machine_id", ... */
    String describe();

    Optional<String> absence(SchemaSnapshot schema);

    record Table(String name) implements ExpectedEffect {
        @Override
        public String describe() {
            return "table " + name;
        }

        @Override
        public Optional<String> absence(SchemaSnapshot schema) {
            return schema.hasTable(name) ? Optional.empty() : Optional.of("is missing");
        }
    }

    record Column(String table, String column) implements ExpectedEffect {
        @Override
        public String describe() {
            return "column " + table + "." + column;
        }

        @Override
        public Optional<String> absence(SchemaSnapshot schema) {
            if (schema.hasColumn(table, column)) {
                return Optional.empty();
            }
            return Optional.of(schema.hasTable(table) ? "is missing" : "is missing (so is table " + table + ")");
        }
    }

    record Domain(String name) implements ExpectedEffect {
        @Override
        public String describe() {
            return "domain " + name;
        }

        @Override
        public Optional<String> absence(SchemaSnapshot schema) {
            return schema.hasDomain(name) ? Optional.empty() : Optional.of("is missing");
        }
    }

    /** A CHECK constraint that covers the column, whatever it is called. */
    record CheckOnColumn(String table, String column) implements ExpectedEffect {
        @Override
        public String describe() {
            return "check constraint on " + table + "." + column;
        }

        @Override
        public Optional<String> absence(SchemaSnapshot schema) {
            return schema.checksOn(table, column).isEmpty() ? Optional.of("is missing") : Optional.empty();
        }
    }

    /**
     * An index, found by name when it has a known one, else by its keys.
     *
     * @param name      null when only the keys are known
     * @param keys      e.g. "agent_id, mountpoint, created_at DESC"; null when any keys will do
     * @param predicate e.g. "machine_id IS NOT NULL"; null when any (or no) condition will do
     * @param partial   it must have some WHERE condition
     */
    record Index(String table, String name, boolean unique, String keys, String predicate, boolean partial)
            implements ExpectedEffect {

        public static Index named(String table, String name, boolean unique) {
            return new Index(table, name, unique, null, null, false);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder();
            if (partial && predicate == null) {
                text.append("partial ");
            }
            text.append(unique ? "unique index" : "index");
            if (name != null) {
                text.append(' ').append(name);
            }
            text.append(" on ").append(table);
            if (keys != null) {
                text.append(" (").append(keys).append(')');
            }
            if (predicate != null) {
                text.append(" WHERE ").append(predicate);
            }
            return text.toString();
        }

        @Override
        public Optional<String> absence(SchemaSnapshot schema) {
            List<SchemaSnapshot.IndexFact> candidates = name != null
                    ? schema.indexesNamed(name)
                    : schema.indexesOn(table).stream().filter(this::keysMatch).toList();
            if (candidates.isEmpty()) {
                return Optional.of("is missing");
            }
            // With several candidates, one that fits completely is enough; otherwise explain the first.
            Optional<String> firstProblem = Optional.empty();
            for (SchemaSnapshot.IndexFact fact : candidates) {
                Optional<String> problem = mismatch(fact);
                if (problem.isEmpty()) {
                    return problem;
                }
                if (firstProblem.isEmpty()) {
                    firstProblem = problem;
                }
            }
            return firstProblem;
        }

        private Optional<String> mismatch(SchemaSnapshot.IndexFact fact) {
            if (!fact.table().equals(table)) {
                return Optional.of("exists, but on table " + fact.table());
            }
            if (!fact.valid()) {
                return Optional.of("exists but is INVALID (what a failed CREATE INDEX CONCURRENTLY leaves behind)");
            }
            if (unique && !fact.unique()) {
                return Optional.of("exists but is not unique");
            }
            if (!keysMatch(fact)) {
                return Optional.of("exists but covers (" + fact.keys() + ")");
            }
            if (predicate != null && !SchemaSnapshot.normalized(predicate).equals(SchemaSnapshot.normalized(fact.predicate()))) {
                return Optional.of(fact.predicate() == null ? "exists but has no WHERE condition"
                        : "exists but its condition is WHERE " + fact.predicate());
            }
            if (partial && fact.predicate() == null) {
                return Optional.of("exists but is not partial (no WHERE condition)");
            }
            return Optional.empty();
        }

        private boolean keysMatch(SchemaSnapshot.IndexFact fact) {
            return keys == null || SchemaSnapshot.normalized(keys).equals(SchemaSnapshot.normalized(fact.keys()));
        }
    }
}
