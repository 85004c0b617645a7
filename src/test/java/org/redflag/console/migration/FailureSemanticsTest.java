package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** What happens when a migration goes wrong, proven on a real PostgreSQL with test-only scripts. */
class FailureSemanticsTest {

    private static final String TEST_MIGRATIONS = "classpath:db/testmigrations/";

    @Test
    void aFailingScriptLeavesTheDatabaseAsItWasAndIsNeverRecordedAsSuccess() {
        TestDatabase db = TestPostgres.newDatabase();
        MigrationService failing = service(db, "failing");

        MigrationOutcome outcome = failing.migrate(MigrationProgress.NONE);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.applied()).containsExactly("V100 (good table)");
        assertThat(outcome.failedMigration()).contains("V101 (half done)");
        assertThat(outcome.message()).isEqualTo("V101 (half done) failed: ERROR: column \"id\" of relation \"good\" "
                + "already exists. PostgreSQL rolled the script back, so the database is as it was before it and "
                + "Flyway recorded no success for it. Fix the script in a new build and migrate again. The 1 "
                + "migration before it stayed applied.");
        // The statement before the failing one was undone with it.
        assertThat(db.queryString("SELECT to_regclass('half_done')::text")).isNull();
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '101' AND success")).isZero();
        assertThat(failing.overview().migrations()).extracting(MigrationStatus::version, MigrationStatus::applied,
                MigrationStatus::pending).containsExactly(tuple("100", true, false), tuple("101", false, true));

        MigrationOutcome fixed = service(db, "fixed").migrate(MigrationProgress.NONE);

        assertThat(fixed.succeeded()).isTrue();
        assertThat(fixed.applied()).containsExactly("V101 (half done)");
        assertThat(db.queryString("SELECT to_regclass('half_done')::text")).isEqualTo("half_done");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'good' AND column_name = 'machine_id'")).isEqualTo(1);
    }

    @Test
    void aScriptThatFailsOutsideATransactionIsRecordedAsFailed() {
        TestDatabase db = TestPostgres.newDatabase();
        MigrationService service = service(db, "failed_outside_transaction");

        MigrationOutcome outcome = service.migrate(MigrationProgress.NONE);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.message()).startsWith("V900 (index on missing table) failed: ERROR: relation "
                + "\"no_such_table\" does not exist. It ran outside a transaction, so Flyway recorded it as FAILED");
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '900' AND NOT success"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success")).isZero();
        MigrationOverview overview = service.overview();
        assertThat(overview.failedCount()).isEqualTo(1);
        assertThat(overview.summary()).isEqualTo("schema at no version, 0 pending, 1 failed");
    }

    @Test
    void createIndexConcurrentlyRunsOutsideATransactionBecauseItsScriptSaysSo() {
        TestDatabase db = TestPostgres.newDatabase();

        MigrationOutcome outcome = service(db, "concurrent_index").migrate(MigrationProgress.NONE);

        assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
        assertThat(db.queryString("SELECT to_regclass('idx_machines_machine_id')::text")).isNull();
        assertThat(db.queryString("""
                SELECT x.indisunique AND x.indisvalid AND x.indpred IS NOT NULL
                FROM pg_index x WHERE x.indexrelid = 'idx_machines_machine_id_unique'::regclass
                """)).isEqualTo("t");
    }

    @Test
    void withoutItsScriptConfigurationTheSameScriptIsRefused() {
        TestDatabase db = TestPostgres.newDatabase();
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource(), TEST_MIGRATIONS + "concurrent_index_without_conf");

        // Flyway will not guess: a script mixing transactional and non-transactional statements must say how to run.
        assertThatThrownBy(migrator::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("non-transactional");
        assertThat(db.queryString("SELECT to_regclass('idx_machines_machine_id_unique')::text")).isNull();
    }

    @Test
    void anEditedAppliedScriptIsReportedAsAChecksumMismatch() {
        TestDatabase db = TestPostgres.newDatabase();
        assertThat(service(db, "checksum_original").migrate(MigrationProgress.NONE).succeeded()).isTrue();
        MigrationService edited = service(db, "checksum_edited");

        List<ValidationProblem> problems = edited.validate();

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo("CHECKSUM_MISMATCH");
            assertThat(problem.migration()).isEqualTo("V100 (settings)");
            assertThat(problem.sentence()).isEqualTo("V100 (settings) was edited after it was applied: its checksum "
                    + "no longer matches the one Flyway recorded. Never edit a landed migration: restore the original "
                    + "script and put the change in a new migration.");
        });
        assertThat(edited.overview().migrations()).singleElement()
                .satisfies(m -> assertThat(m.checksumMatches()).isFalse());
        assertThat(edited.overview().clean()).isFalse();
        assertThat(service(db, "checksum_original").validate()).isEmpty();
    }

    @Test
    void validateNamesPendingMigrationsAndIsQuietOnceTheyAreApplied() {
        TestDatabase db = TestPostgres.newDatabase();
        MigrationService ours = new MigrationService(new SchemaMigrator(db.dataSource()));

        assertThat(ours.validate()).extracting(ValidationProblem::kind).containsOnly("RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED");
        assertThat(ours.validate()).extracting(ValidationProblem::sentence)
                .contains("V2 (one active scan per agent and type) is pending: this build has it, the database does not "
                        + "yet. Run Migrate.");

        List<String> events = new ArrayList<>();
        MigrationOutcome outcome = ours.migrate(new MigrationProgress() {
            @Override
            public void planned(List<String> migrations) {
                events.add("planned " + migrations.size());
            }

            @Override
            public void started(String migration) {
                events.add("started " + migration);
            }

            @Override
            public void finished(String migration) {
                events.add("finished " + migration);
            }

            @Override
            public void failed(String migration, String reason) {
                events.add("failed " + migration);
            }
        });

        assertThat(outcome.succeeded()).isTrue();
        assertThat(events).startsWith("planned " + outcome.applied().size(), "started V1 (baseline fleet schema)",
                "finished V1 (baseline fleet schema)", "started V2 (one active scan per agent and type)");
        assertThat(ours.validate()).isEmpty();
        assertThat(ours.overview().clean()).isTrue();
    }

    private static MigrationService service(TestDatabase db, String location) {
        return new MigrationService(new SchemaMigrator(db.dataSource(), TEST_MIGRATIONS + location));
    }
}
