package org.redflag.console.migration;

import java.time.Instant;

/**
 * One migration as Flyway sees it for the connected database. The flags come from Flyway's own
 * MigrationState and its list of pending migrations, so a state added in a later Flyway still lands in
 * the right bucket.
 *
 * @param checksumMatches null when there is nothing to compare (not applied yet, or not in this build)
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
        boolean pending,
        Instant installedOn,
        String installedBy,
        Integer executionMillis,
        Integer checksum,
        Boolean checksumMatches) {

    /** "V2 (one active scan per agent and type)", or the script for a repeatable migration. */
    public String label() {
        if (RedFlagRecord.TYPE.equals(type)) {
            return script;
        }
        String name = version == null ? script : "V" + version;
        return description == null || description.isBlank() ? name : name + " (" + description + ")";
    }

    /** Applied by a build that had it, but this build does not (a newer console, or a removed script). */
    public boolean appliedElsewhere() {
        return applied && !resolved;
    }
}
