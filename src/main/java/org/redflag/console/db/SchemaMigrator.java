package org.redflag.console.db;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/** Flyway owns the schema: this is the only place that configures it. */
public final class SchemaMigrator {

    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    private final Flyway flyway;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCATION);
    }

    public SchemaMigrator(DataSource dataSource, String... locations) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations)
                .failOnMissingLocations(true)
                .load();
    }

    public Flyway flyway() {
        return flyway;
    }

    public MigrateResult migrate() {
        return flyway.migrate();
    }

    /** The version of the newest applied migration, e.g. "1", or empty on a database Flyway never touched. */
    public Optional<String> currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null
                ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }
}
