package org.redflag.console.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the audit compared and what it found. Findings come sorted: errors first, then by migration.
 *
 * @param legacyRecords   RedFlag's schema_migrations rows, or empty when the database has no such table
 * @param flywayHistory   whether our flyway_schema_history exists
 * @param flywayChecked   how many objects created by successful Flyway migrations were checked
 * @param scriptsRead     how many files were read from the scripts folder (0 without one)
 */
public record AuditReport(
        Optional<List<String>> legacyRecords,
        List<LegacyVerdict> verdicts,
        boolean flywayHistory,
        int flywayChecked,
        Optional<Path> scriptsFolder,
        int scriptsRead,
        List<Finding> findings) {

    public AuditReport {
        verdicts = List.copyOf(verdicts);
        findings = List.copyOf(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** No errors and no warnings (notes are allowed). */
    public boolean clean() {
        return findings.stream().noneMatch(f -> f.severity().needsAttention());
    }

    /** "2 findings: 1 error, 1 warning, 0 notes" or "no findings". */
    public String summary() {
        if (findings.isEmpty()) {
            return "no findings";
        }
        return MigrationService.plural(findings.size(), "finding") + ": " + MigrationService.plural((int) count(Severity.ERROR), "error")
                + ", " + MigrationService.plural((int) count(Severity.WARNING), "warning") + ", "
                + MigrationService.plural((int) count(Severity.NOTE), "note");
    }

    /** One line on what was compared, for the top of a report. */
    public String scope() {
        String legacy = legacyRecords.map(r -> "schema_migrations: " + MigrationService.plural(r.size(), "recorded file"))
                .orElse("no schema_migrations table (not a RedFlag-migrated database)");
        String flyway = flywayHistory ? "Flyway history: " + MigrationService.plural(flywayChecked, "object") + " checked"
                : "no Flyway history";
        String scripts = scriptsFolder.map(f -> "scripts: " + MigrationService.plural(scriptsRead, "file") + " in " + f)
                .orElse("scripts: not given (--migrations-dir)");
        return legacy + " · " + flyway + " · " + scripts;
    }
}
