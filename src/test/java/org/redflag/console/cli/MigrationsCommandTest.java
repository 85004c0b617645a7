package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.RealMigrations;
import org.redflag.console.testing.RealMigrations.Script;
import org.redflag.console.testing.RedFlagDatabases;
import org.redflag.console.testing.RedFlagDatabases.StorageMetrics;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class MigrationsCommandTest {

    @Test
    void statusOfAnUpToDateDatabaseExitsZeroWithATable() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        CliRun run = migrations(db, "status");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("schema at V" + RealMigrations.newest().version() + ", 0 pending, 0 failed");
        for (Script script : RealMigrations.all()) {
            assertThat(run.out()).containsPattern("(?m)^" + Pattern.quote(script.version()) + "\\s+"
                    + Pattern.quote(script.description()) + "\\s+SQL\\s+Success\\s+\\S+\\s+postgres\\s+\\d+ ms\\s+matches$");
        }
        assertThat(run.out().lines().filter(l -> l.matches("\\d+\\s.*"))).hasSize(RealMigrations.count());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusNeverMigratesAGivenDatabaseAndExitsOneWhenMigrationsArePending() {
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = migrations(db, "status", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        int pending = RealMigrations.count();
        assertThat(run.out()).contains("\"summary\": \"schema at no version, " + pending + " pending, 0 failed\"",
                "\"pending\": " + pending + ",", "\"clean\": false", "\"script\": \"V1__baseline_fleet_schema.sql\"",
                "\"checksumMatches\": null");
        assertThat(db.queryString("SELECT to_regclass('flyway_schema_history')::text")).isNull();
    }

    @Test
    void aMigrationLeftFailedMakesStatusAndMigrateExitOne() {
        TestDatabase db = TestPostgres.newDatabase();
        assertThatThrownBy(() -> new SchemaMigrator(db.dataSource(), SchemaMigrator.DEFAULT_LOCATION,
                "classpath:db/testmigrations/failed_outside_transaction").migrate()).isInstanceOf(FlywayException.class);

        CliRun status = migrations(db, "status");
        CliRun migrate = migrations(db, "migrate");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(status.out()).contains("schema at V" + RealMigrations.newest().version() + ", 0 pending, 1 failed")
                .containsPattern("900\\s+index on missing table");
        assertThat(migrate.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(migrate.out()).contains("Nothing to migrate. Still recorded as FAILED from an earlier run: "
                + "V900 (index on missing table).");
    }

    @Test
    void aFailingMigrateSaysWhatFailedAndWhyAndWritesAHistoryRow() {
        // V2 fails on a schema at V1, older than the history's key column (V6): the row must still be written.
        TestDatabase db = TestPostgres.newDatabase();
        Flyway.configure().dataSource(db.dataSource()).target("1").load().migrate();
        db.execute("CREATE INDEX idx_agent_commands_one_active ON agents (hostname)");
        String v2 = RealMigrations.version("2").label();

        CliRun migrate = migrations(db, "migrate");

        assertThat(migrate.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(migrate.out()).contains("Applying  " + v2 + " ... FAILED",
                v2 + " failed: ERROR: relation \"idx_agent_commands_one_active\" "
                        + "already exists. PostgreSQL rolled the script back");
        assertThat(migrate.err()).contains("(recorded in the history table)").doesNotContain("\tat ");
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error' AND subsystem = 'migrations'"))
                .startsWith(v2 + " failed");
    }

    @Test
    void validateExplainsPendingMigrationsThenIsCleanAfterMigrate() {
        TestDatabase db = TestPostgres.newDatabase();

        CliRun before = migrations(db, "validate");
        CliRun migrate = migrations(db, "migrate");
        CliRun after = migrations(db, "validate", "--json");

        assertThat(before.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        List<Script> scripts = RealMigrations.all();
        assertThat(before.out()).contains(scripts.size() + " validation problems:",
                "- V1 (baseline fleet schema) is pending: this build has it, the database does not yet. Run Migrate.");
        assertThat(before.out().lines().filter(l -> l.startsWith("- "))).hasSize(scripts.size());
        assertThat(migrate.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(migrate.out()).contains("Pending   " + scripts.size() + ": " + RealMigrations.labels(scripts),
                scripts.size() + " migrations applied. Schema at V" + RealMigrations.newest().version() + ";");
        for (Script script : scripts) {
            assertThat(migrate.out()).contains("Applying  " + script.label() + " ... ok");
        }
        assertThat(after.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(after.out()).contains("\"valid\": true", "\"problems\": []");
    }

    @Test
    void auditOfThePostMortemsDatabasePrintsFindingsAndExitsOne() {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.RECORDED_BUT_MISSING);

        CliRun run = migrations(db, "audit");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).contains("(read-only)", "schema_migrations: 4 recorded files · no Flyway history",
                "Findings: 2 findings: 2 errors, 0 warnings, 0 notes")
                .containsPattern("017\\s+017_add_machine_id.up.sql\\s+FALSE COMPLETE")
                .containsPattern("ERROR\\s+021\\s+false complete");
        assertThat(db.queryString("SELECT to_regclass('flyway_schema_history')::text")).isNull();
    }

    @Test
    void auditJsonCarriesEveryFindingWithItsKindAndSeverity() {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.PRESENT_BUT_NOT_RECORDED);

        CliRun run = migrations(db, "audit", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.out()).startsWith("{\n  \"database\": ").contains(
                "\"legacyHistory\": true",
                "\"recorded\": [\n    \"016_agent_update_packages.up.sql\",",
                "\"migration\": \"017\",\n      \"kind\": \"FALSE_COMPLETE\",\n      \"severity\": \"ERROR\",",
                "\"migration\": \"021\",\n      \"kind\": \"UNRECORDED\",\n      \"severity\": \"WARNING\",",
                // The sentence quotes "already exists": the quotes arrive escaped.
                "fail on \\\"already exists\\\"");
    }

    @Test
    void auditOfACleanConsoleDatabaseExitsZero() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        CliRun run = migrations(db, "audit");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Findings: no findings");
    }

    @Test
    void badInputAndUnreachableDatabasesExitTwo(@TempDir Path notAFolder) {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        CliRun missingFolder = migrations(db, "audit", "--migrations-dir", notAFolder.resolve("nope").toString());
        CliRun unreachable = CliRun.of(Map.of(), "migrations", "status", "--db-url",
                "jdbc:postgresql://127.0.0.1:1/" + db.name(), "--db-user", "postgres");
        CliRun noSubcommand = CliRun.of(Map.of(), "migrations");
        CliRun unknownOption = CliRun.of(Map.of(), "migrations", "status", "--frobnicate");

        assertThat(missingFolder.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(missingFolder.err()).contains("is not a folder");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(unreachable.err()).contains("Cannot reach PostgreSQL at 127.0.0.1:1").doesNotContain("\tat ");
        assertThat(noSubcommand.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(noSubcommand.err()).contains("status, validate, migrate, audit, repair or companion");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
    }

    private static CliRun migrations(TestDatabase db, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "migrations";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--db-url";
        all[args.length + 2] = db.url();
        all[args.length + 3] = "--db-user";
        all[args.length + 4] = "postgres";
        return CliRun.of(Map.of(), all);
    }
}
