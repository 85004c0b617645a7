package org.redflag.console.migration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.redflag.console.db.SchemaMigrator;

/** What Flyway knows about the connected database, as plain records for the views and the CLI. */
public final class MigrationOverview {

    private final List<MigrationStatus> migrations;

    private MigrationOverview(List<MigrationStatus> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** Blocking: reads flyway_schema_history and the migration scripts. */
    public static MigrationOverview read(SchemaMigrator migrator) {
        return new MigrationOverview(Arrays.stream(migrator.flyway().info().all())
                .map(MigrationOverview::toStatus)
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

    /** "schema at V7, 2 pending, 0 failed" */
    public String summary() {
        return "schema at " + currentVersion().map(v -> "V" + v).orElse("no version") + ", " + pendingCount()
                + " pending, " + failedCount() + " failed";
    }

    private static MigrationStatus toStatus(MigrationInfo info) {
        MigrationState state = info.getState();
        return new MigrationStatus(
                info.getVersion() == null ? null : info.getVersion().getVersion(),
                info.getDescription(),
                info.getType() == null ? null : String.valueOf(info.getType()),
                info.getScript(),
                state.getDisplayName(),
                state.isApplied(),
                state.isFailed(),
                state.isResolved(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
                info.getInstalledBy(),
                info.getExecutionTime(),
                info.getChecksum());
    }
}
