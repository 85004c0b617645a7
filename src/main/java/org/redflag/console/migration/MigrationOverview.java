package org.redflag.console.migration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.redflag.console.db.SchemaMigrator;

/** What Flyway knows about the connected database, as plain records for the views and the CLI. */
public final class MigrationOverview {

    private final List<MigrationStatus> migrations;
    /** Set for a record that is not the console's Flyway history (RedFlag's); it says what it is. */
    private final String foreignSummary;
    private final boolean consoles;

    public MigrationOverview(List<MigrationStatus> migrations) {
        this(migrations, null, true);
    }

    /**
     * @param consoles false for another tool's record (RedFlag's runner), which the console never migrates
     */
    public MigrationOverview(List<MigrationStatus> migrations, String summary, boolean consoles) {
        this.migrations = List.copyOf(migrations);
        this.foreignSummary = summary;
        this.consoles = consoles;
    }

    /** The console's own Flyway history (false: RedFlag's record, read-only to the console). */
    public boolean isConsoles() {
        return consoles;
    }

    /** Blocking: reads flyway_schema_history and the migration scripts. */
    public static MigrationOverview read(SchemaMigrator migrator) {
        MigrationInfoService info = migrator.flyway().info();
        Set<String> pending = Arrays.stream(info.pending()).map(MigrationOverview::key).collect(Collectors.toSet());
        return new MigrationOverview(Arrays.stream(info.all())
                .map(migration -> toStatus(migration, pending.contains(key(migration))))
                .toList());
    }

    public List<MigrationStatus> migrations() {
        return migrations;
    }

    public Optional<String> currentVersion() {
        return migrations.stream()
                .filter(m -> m.applied() && !m.failed() && m.version() != null)
                .reduce((first, second) -> second)
                .map(MigrationStatus::version);
    }

    public long pendingCount() {
        return migrations.stream().filter(MigrationStatus::pending).count();
    }

    public long failedCount() {
        return migrations.stream().filter(MigrationStatus::failed).count();
    }

    public long checksumMismatchCount() {
        return migrations.stream().filter(m -> Boolean.FALSE.equals(m.checksumMatches())).count();
    }

    /** Nothing pending, nothing failed, nothing edited after it was applied. */
    public boolean clean() {
        return pendingCount() == 0 && failedCount() == 0 && checksumMismatchCount() == 0;
    }

    /**
     * The console's own views can work on this database: it has a Flyway version, nothing of this build is
     * pending and nothing failed. (Edited scripts are worth a warning, not a refusal.)
     */
    public boolean readyForConsole() {
        return consoles && currentVersion().isPresent() && pendingCount() == 0 && failedCount() == 0;
    }

    /** "schema at V7, 2 pending, 0 failed" */
    public String summary() {
        if (foreignSummary != null) {
            return foreignSummary;
        }
        String mismatches = checksumMismatchCount() == 0 ? "" : ", " + checksumMismatchCount() + " edited after applying";
        return "schema at " + currentVersion().map(v -> "V" + v).orElse("no version") + ", " + pendingCount()
                + " pending, " + failedCount() + " failed" + mismatches;
    }

    /** The migrations a migrate would run now, by label, in order. */
    public List<String> pendingLabels() {
        return migrations.stream().filter(MigrationStatus::pending).map(MigrationStatus::label)
                .collect(Collectors.toList());
    }

    public Optional<MigrationStatus> find(String version) {
        return migrations.stream().filter(m -> version != null && version.equals(m.version())).findFirst();
    }

    private static String key(MigrationInfo info) {
        return info.getVersion() + "|" + info.getScript();
    }

    private static MigrationStatus toStatus(MigrationInfo info, boolean pending) {
        MigrationState state = info.getState();
        boolean comparable = state.isApplied() && state.isResolved();
        return new MigrationStatus(
                info.getVersion() == null ? null : info.getVersion().getVersion(),
                info.getDescription(),
                info.getType() == null ? null : String.valueOf(info.getType()),
                info.getScript(),
                state.getDisplayName(),
                state.isApplied(),
                state.isFailed(),
                state.isResolved(),
                pending,
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
                info.getInstalledBy(),
                info.getExecutionTime(),
                info.getChecksum(),
                comparable ? info.isChecksumMatching() : null);
    }
}
