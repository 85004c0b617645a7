package org.redflag.console.migration;

import java.util.List;
import java.util.Optional;

/**
 * How a migrate ended, in words a person can act on.
 *
 * @param applied         the migrations that ran and were committed, in order
 * @param failedMigration the migration that failed, when one did
 * @param stillFailed     migrations that were already recorded as FAILED and still are (migrate leaves them)
 * @param message         one paragraph: what happened and what to do next
 * @param failure         Flyway's exception, for the log and the history row; null on success
 */
public record MigrationOutcome(
        boolean succeeded,
        List<String> applied,
        String schemaVersion,
        Optional<String> failedMigration,
        List<String> stillFailed,
        String message,
        Throwable failure) {

    public MigrationOutcome {
        applied = List.copyOf(applied);
        stillFailed = List.copyOf(stillFailed);
    }

    /** Migrated, and nothing is left failed: the only outcome a script should treat as "done". */
    public boolean clean() {
        return succeeded && stillFailed.isEmpty();
    }
}
