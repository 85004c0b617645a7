package org.redflag.console.migration;

import java.time.Instant;

/**
 * One migration as Flyway sees it for the connected database. The flags come from Flyway's own
 * MigrationState, so a state added in a later Flyway still lands in the right bucket.
 */
public record MigrationStatus(
        String version,
        String description,
        String type,
        String script,
        String state,
        boolean applied,
        boolean failed,
        boolean resolved,
        Instant installedOn,
        String installedBy,
        Integer executionMillis,
        Integer checksum) {

    /** Known to the code but not yet applied to this database. */
    public boolean pending() {
        return resolved && !applied && !failed && "Pending".equalsIgnoreCase(state);
    }
}
