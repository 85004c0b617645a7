package org.redflag.console.ui.migrations;

import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.migration.Severity;

/**
 * Colours from meaning: Flyway's flags (failed, applied, resolved) and its pending list decide, so a state
 * a later Flyway adds still gets a sensible colour without anyone listing it here.
 */
final class StateBadges {

    private StateBadges() {
    }

    static String styleClass(MigrationStatus migration) {
        if (migration.failed()) {
            return "badge-danger";
        }
        if (migration.pending() || migration.appliedElsewhere()) {
            return "badge-warning";
        }
        if (migration.applied()) {
            return "badge-success";
        }
        return "badge-muted";
    }

    /** The row's highlight: failed and edited-after-applying rows stand out red, pending ones yellow. */
    static String rowStyleClass(MigrationStatus migration) {
        if (migration.failed() || Boolean.FALSE.equals(migration.checksumMatches())) {
            return "row-failed";
        }
        return migration.pending() ? "row-pending" : null;
    }

    static String styleClass(Severity severity) {
        return switch (severity) {
            case ERROR -> "badge-danger";
            case WARNING -> "badge-warning";
            case NOTE -> "badge-muted";
        };
    }
}
