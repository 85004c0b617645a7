package org.redflag.console.app;

import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.Database;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.db.UpToDateCheck;
import org.redflag.console.migration.MigrationService;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.schema.SchemaKind;
import org.redflag.console.schema.SchemaProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out what the database is, and migrates only the console's own schema or an empty database (unless told
 * not to). A RedFlag database is never migrated: the console works on it as it is. When the record already
 * matches this build's scripts exactly (most starts), Flyway is not configured at all: its migrate would be a
 * no-op, and its full validation runs later, in the background, once the window shows its first rows.
 */
final class SchemaPreparation {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaPreparation.class);

    /**
     * @param found                  what the probe found (after a migrate, found again)
     * @param checkedWithoutFlyway the record matched this build's scripts: Flyway's validation is still to run
     */
    record Prepared(Capabilities found, boolean checkedWithoutFlyway) {
    }

    private SchemaPreparation() {
    }

    static Prepared prepare(ConsoleSettings settings, Database database) throws ConnectionProblem {
        Capabilities found = probe(settings, database);
        StartupTimeline.mark("schema probed");
        LOG.info("Connected to {}: {}", database.describe(), found.describe());
        boolean ours = found.kind() == SchemaKind.CONSOLE || found.kind() == SchemaKind.EMPTY;
        if (!settings.migrate() || !ours) {
            return new Prepared(found, false);
        }
        if (!found.role().may(DatabaseRole.Action.MIGRATE)) {
            // An operator, a viewer or a read-only profile: Flyway would fail on the first pending script. The Migrations view says
            // what is pending and why this role cannot apply it.
            LOG.info("Not migrating: {}", found.role().refusal(DatabaseRole.Action.MIGRATE).orElse(""));
            return new Prepared(found, false);
        }
        SchemaMigrator migrator = new SchemaMigrator(database.dataSource());
        if (found.kind() == SchemaKind.CONSOLE) {
            UpToDateCheck.Verdict verdict = migrator.upToDateWithoutFlyway();
            if (verdict.upToDate()) {
                LOG.info("Schema at version {}: its record matches this build's {} scripts, nothing to migrate "
                        + "(Flyway validates it once the first rows are shown)", verdict.version(), verdict.scripts());
                StartupTimeline.mark("record checked");
                return new Prepared(found, true);
            }
            LOG.info("Migrating with Flyway: {}", verdict.reason());
        }
        try {
            var result = migrator.migrate();
            // The result says where the schema is: asking Flyway's info again would read the history twice.
            LOG.info("Schema at version {} ({} migrations applied now)",
                    result.targetSchemaVersion != null ? result.targetSchemaVersion
                            : result.initialSchemaVersion != null ? result.initialSchemaVersion : "none",
                    result.migrationsExecuted);
            StartupTimeline.mark("migrated");
        } catch (FlywayException e) {
            // A script that ran outside a transaction (CREATE INDEX CONCURRENTLY) may have left an INVALID index.
            String left = leftIndexes(migrator);
            throw new ConnectionProblem(ConnectionProblem.Kind.SCHEMA_MIGRATION_FAILED,
                    "The database schema could not be brought up to date: " + firstLine(e.getMessage()) + "."
                            + (left.isEmpty() ? " Nothing of the failed migration was kept." : left)
                            + " Start with --no-migrate to inspect the database as it is, and see the Migrations "
                            + "view for details.", e);
        }
        return new Prepared(probe(settings, database), false);
    }

    private static String leftIndexes(SchemaMigrator migrator) {
        try {
            return new MigrationService(migrator).invalidIndexes().stream().map(i -> " " + i.sentence())
                    .collect(java.util.stream.Collectors.joining());
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** What the catalog says, held to reading when the connection's profile is read-only. */
    static Capabilities probe(ConsoleSettings settings, Database database) throws ConnectionProblem {
        try {
            Capabilities found = SchemaProbe.probe(database.dataSource());
            return settings.readOnlyProfile().map(name -> found.withRole(found.role().readOnlyUnder(name)))
                    .orElse(found);
        } catch (SQLException e) {
            throw new ConnectionProblem(ConnectionProblem.Kind.OTHER, "Connected, but the database's catalog could "
                    + "not be read (" + e.getMessage().strip() + "). Check that the user may read it.", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
