package org.redflag.console.migration;

import java.util.Objects;

/**
 * One statement (or a short group of statements) of a repair plan.
 *
 * @param migration the file (or Flyway version) whose record the step makes true
 * @param objectKey the object the step creates or alters, or the record it changes ("record 021_x.up.sql")
 * @param outsideTransaction true for CONCURRENTLY: the step must run alone, in autocommit
 * @param order when it runs relative to other steps (extensions, types, tables, columns, … records last)
 */
public record RepairStep(String migration, String objectKey, String sql, boolean outsideTransaction,
        String sentence, int order) {

    public RepairStep {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sentence, "sentence");
    }
}
