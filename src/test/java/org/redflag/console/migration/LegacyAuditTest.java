package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.redflag.console.testing.RedFlagDatabases.M016;
import static org.redflag.console.testing.RedFlagDatabases.M017;
import static org.redflag.console.testing.RedFlagDatabases.M021;
import static org.redflag.console.testing.RedFlagDatabases.M022;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.testing.RedFlagDatabases;
import org.redflag.console.testing.RedFlagDatabases.StorageMetrics;
import org.redflag.console.testing.RealMigrations;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class LegacyAuditTest {

    @Test
    void aFreshlyMigratedConsoleDatabaseHasNoFindings() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        AuditReport report = audit(db);

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.legacyRecords()).isEmpty();
        assertThat(report.flywayHistory()).isTrue();
        // V1's tables, domains and indexes and V2's index were all looked up.
        assertThat(report.flywayChecked()).isGreaterThan(20);
    }

    @Test
    void anEmptyDatabaseHasNothingToCompare() throws Exception {
        TestDatabase db = TestPostgres.newDatabase();

        AuditReport report = audit(db);

        assertThat(report.findings()).isEmpty();
        assertThat(report.legacyRecords()).isEmpty();
        assertThat(report.flywayHistory()).isFalse();
        assertThat(report.scope()).contains("no schema_migrations table", "no Flyway history");
    }

    @Test
    void thePostMortemsDatabaseWithStorageMetricsCreatedOutsideTheRecord() throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.PRESENT_BUT_NOT_RECORDED);

        AuditReport report = audit(db);

        assertThat(report.findings()).extracting(Finding::severity, Finding::migration, Finding::kind).containsExactly(
                tuple(Severity.ERROR, "017", FindingKind.FALSE_COMPLETE),
                tuple(Severity.WARNING, "021", FindingKind.UNRECORDED));
        assertThat(report.findings().get(0).sentence()).isEqualTo(M017 + " is recorded as applied, but unique index "
                + "idx_agents_machine_id_unique on agents (machine_id) WHERE machine_id IS NOT NULL is missing. The "
                + "runner will not run it again by itself: create what is missing by hand, or delete its row from "
                + "schema_migrations and run the fixed migration again.");
        assertThat(report.findings().get(1).sentence()).startsWith("table storage_metrics and index on storage_metrics "
                + "(agent_id, mountpoint, created_at DESC) exist, but 021 (create storage metrics) is not recorded");
        assertThat(report.verdicts()).extracting(LegacyVerdict::version, LegacyVerdict::verdict).containsExactly(
                tuple("016", "effects present"),
                tuple("017", "FALSE COMPLETE"),
                tuple("021", "not recorded, effects present"),
                tuple("022", "effects present"));
        assertThat(report.legacyRecords()).contains(List.of(M016, M017, M022));
        assertThat(report.clean()).isFalse();
    }

    @Test
    void thePostMortemsDatabaseWithStorageMetricsRecordedButMissing() throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.RECORDED_BUT_MISSING);

        AuditReport report = audit(db);

        assertThat(report.findings()).extracting(Finding::severity, Finding::migration, Finding::kind).containsExactly(
                tuple(Severity.ERROR, "017", FindingKind.FALSE_COMPLETE),
                tuple(Severity.ERROR, "021", FindingKind.FALSE_COMPLETE));
        assertThat(report.findings().get(1).sentence()).startsWith(M021 + " is recorded as applied, but table "
                + "storage_metrics is missing; index on storage_metrics (agent_id, mountpoint, created_at DESC) is missing.");
        assertThat(report.verdicts()).extracting(LegacyVerdict::version, LegacyVerdict::verdict).containsExactly(
                tuple("016", "effects present"),
                tuple("017", "FALSE COMPLETE"),
                tuple("021", "FALSE COMPLETE"),
                tuple("022", "effects present"));
    }

    @Test
    void anIndexLeftInvalidByAFailedConcurrentBuildIsNotTakenForTheRealThing() throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.PRESENT_BUT_NOT_RECORDED);
        RedFlagDatabases.record(db, M021);
        db.execute("INSERT INTO agents (hostname, machine_id) VALUES ('a', 'same'), ('b', 'same')");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_agents_machine_id_unique ON agents (machine_id) "
                    + "WHERE machine_id IS NOT NULL");
        } catch (IllegalStateException expected) {
            // Two agents share a machine id: the build fails and PostgreSQL keeps the index, marked invalid.
        }

        AuditReport report = audit(db);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.FALSE_COMPLETE);
            assertThat(finding.sentence()).contains("idx_agents_machine_id_unique on agents (machine_id) WHERE machine_id "
                    + "IS NOT NULL exists but is INVALID");
        });
    }

    @Test
    void sharedVersionPrefixesAndUnknownRecordsAreReportedNotPassed() throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.PRESENT_BUT_NOT_RECORDED);
        RedFlagDatabases.record(db, M021);
        RedFlagDatabases.record(db, "009_add_agent_status.up.sql");
        RedFlagDatabases.record(db, "009_create_update_events.up.sql");
        RedFlagDatabases.record(db, "020_something_newer.up.sql");

        AuditReport report = audit(db);

        assertThat(report.findings()).extracting(Finding::severity, Finding::migration, Finding::kind).containsExactly(
                tuple(Severity.ERROR, "017", FindingKind.FALSE_COMPLETE),
                tuple(Severity.WARNING, "009", FindingKind.DUPLICATE_VERSION),
                tuple(Severity.NOTE, "009", FindingKind.UNKNOWN),
                tuple(Severity.NOTE, "009", FindingKind.UNKNOWN),
                tuple(Severity.NOTE, "020", FindingKind.UNKNOWN));
        assertThat(report.findings().get(1).sentence()).startsWith(
                "009_add_agent_status.up.sql and 009_create_update_events.up.sql share version 009");
        assertThat(report.findings().get(4).sentence()).isEqualTo("020_something_newer.up.sql is recorded, but this "
                + "console's catalog does not know what 020 should create, so it was not checked.");
    }

    @Test
    void scriptFilesThatWriteTheirOwnRecordAreFound(@TempDir Path scripts) throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.PRESENT_BUT_NOT_RECORDED);
        RedFlagDatabases.record(db, M021);
        String original021 = RedFlagDatabases.sql(M021) + "\n".repeat(26 - RedFlagDatabases.sql(M021).split("\n", -1).length)
                + "\nINSERT INTO schema_migrations (version) VALUES ('021_create_storage_metrics.up.sql');\n";
        Files.writeString(scripts.resolve(M021), original021);
        Files.writeString(scripts.resolve(M022), "-- INSERT INTO schema_migrations is the runner's job\n"
                + RedFlagDatabases.sql(M022));
        Files.writeString(scripts.resolve("012_add_tags.up.sql"), "ALTER TABLE agents ADD COLUMN tags text;");
        Files.writeString(scripts.resolve("012_create_groups.up.sql"), "CREATE TABLE groups (id int);");
        Files.writeString(scripts.resolve("012_create_groups.down.sql"), "DROP TABLE groups;");

        AuditReport report = new LegacyAudit(new AuditRepository(db.dataSource()), new SchemaMigrator(db.dataSource()))
                .run(Optional.of(scripts));

        assertThat(report.findings()).extracting(Finding::severity, Finding::migration, Finding::kind).containsExactly(
                tuple(Severity.ERROR, "017", FindingKind.FALSE_COMPLETE),
                tuple(Severity.ERROR, "021", FindingKind.SELF_RECORDING),
                tuple(Severity.WARNING, "012", FindingKind.DUPLICATE_VERSION));
        assertThat(report.findings().get(1).sentence()).startsWith(M021 + " inserts its own row into schema_migrations "
                + "(line 27).");
        assertThat(report.scriptsRead()).isEqualTo(5);
    }

    @Test
    void anObjectOurSuccessfulMigrationCreatedThatIsGoneIsDrift() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DROP INDEX idx_agent_commands_one_active");

        AuditReport report = audit(db);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.migration()).isEqualTo("V2");
            assertThat(finding.kind()).isEqualTo(FindingKind.DRIFT);
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.sentence()).isEqualTo("V2 (one active scan per agent and type) is recorded by Flyway as "
                    + "successful, but unique index idx_agent_commands_one_active on agent_commands is missing. It was "
                    + "changed outside a migration: put it back with a new migration, never by editing V2.");
        });
    }

    @Test
    void objectsOfTheNewerScriptsAreCheckedToo() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        // Dropping V6's column takes V6's index on it along.
        db.execute("ALTER TABLE update_logs DROP COLUMN idempotency_key");
        db.execute("DROP INDEX idx_update_logs_subsystem_executed");

        AuditReport report = audit(db);

        String outside = " It was changed outside a migration: put it back with a new migration, never by editing ";
        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.DRIFT);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(report.findings()).extracting(Finding::migration, Finding::sentence).containsExactlyInAnyOrder(
                tuple("V6", "V6 (console error idempotency key) is recorded by Flyway as successful, but column "
                        + "update_logs.idempotency_key is missing." + outside + "V6."),
                tuple("V6", "V6 (console error idempotency key) is recorded by Flyway as successful, but unique index "
                        + "idx_update_logs_idempotency_key on update_logs is missing." + outside + "V6."),
                tuple("V7", "V7 (history filter indexes) is recorded by Flyway as successful, but index "
                        + "idx_update_logs_subsystem_executed on update_logs is missing." + outside + "V7."));
    }

    @Test
    void indexesV8BuildsOnlyWhenTheServerAllowsPgTrgmAreNotDriftWhereItDidNot() throws Exception {
        // A role that may create tables in public but not extensions in the database: V8's DO block takes
        // its insufficient_privilege branch and skips the trigram indexes, as on a locked-down server.
        TestDatabase db = TestPostgres.newDatabase();
        TestPostgres.ensureRole("no_extensions", "n0ext");
        db.execute("ALTER SCHEMA public OWNER TO no_extensions");
        new SchemaMigrator(db.dataSourceAs("no_extensions", "n0ext")).migrate();
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(RealMigrations.count());
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx_update_logs_%_trgm'"))
                .isZero();

        AuditReport report = audit(db);

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void readsOnlySoItWorksWhereWritingIsForbidden() throws Exception {
        TestDatabase db = RedFlagDatabases.afterPostMortem(StorageMetrics.RECORDED_BUT_MISSING);
        db.execute("ALTER DATABASE " + db.name() + " SET default_transaction_read_only = on");

        AuditReport report = audit(db);

        assertThat(report.findings()).hasSize(2);
        assertThat(db.queryLong("SELECT count(*) FROM schema_migrations")).isEqualTo(4);
        assertThat(db.queryString("SELECT to_regclass('flyway_schema_history')::text")).isNull();
    }

    private static AuditReport audit(TestDatabase db) throws Exception {
        return new LegacyAudit(new AuditRepository(db.dataSource()), new SchemaMigrator(db.dataSource()))
                .run(Optional.empty());
    }
}
