package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.cli.ExitCodes;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.KillableProcess;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code migrations migrate} killed with SIGKILL while a non-transactional script builds an index CONCURRENTLY on
 * a big table: the server ends the orphaned statement by itself (the console's migration sessions ask it to check
 * that the client is still there), and the next start says in words what is left: the migration not recorded,
 * then FAILED once migrate tries it again, and the INVALID index with what to do about it.
 */
class MigrationKillTest {

    private static final String INDEX = "idx_big_readings_reading";
    private static final String SCRIPT = "V90__index_big_readings_concurrently.sql";

    @TempDir
    Path scratch;

    @Test
    void killedDuringACreateIndexConcurrentlyTheNextStartNamesTheInvalidIndexAndTheUnfinishedMigration()
            throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("CREATE TABLE big_readings (id bigint PRIMARY KEY, reading text NOT NULL)");
        db.execute("INSERT INTO big_readings SELECT n, md5(n::text) FROM generate_series(1, 200000) AS n");
        Files.writeString(scratch.resolve(SCRIPT), "CREATE INDEX CONCURRENTLY " + INDEX + " ON big_readings (reading);\n");
        Files.writeString(scratch.resolve(SCRIPT + ".conf"), "executeInTransaction=false\n");

        // A writer that has not committed: the build waits for it, so the kill lands inside the script.
        try (Connection writer = db.dataSource().getConnection(); Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.execute("INSERT INTO big_readings VALUES (0, 'not committed yet')");
            try (KillableProcess console = KillableProcess.start(MigratingConsole.class, db.url(),
                    TestPostgres.SUPERUSER, scratch.toString())) {
                console.awaitSaid(line -> line.startsWith("STARTED V90"), 2, TimeUnit.MINUTES);
                WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> buildsWaiting(db) == 1 && invalid(db) == 1);
                console.kill9();
                assertThat(console.said()).noneMatch(line -> line.startsWith("OUTCOME"));
            }
            // Nobody is left to record the script; the server notices and ends the build (client_connection_check_interval).
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> builds(db) == 0);
            writer.rollback();
        }
        assertThat(invalid(db)).as("the interrupted build left its index INVALID").isEqualTo(1);

        // The next start of the build that has V90 (past every shipped script): not recorded, the index named with
        // what to do.
        MigrationService withV90 = new MigrationService(new SchemaMigrator(db.dataSource(),
                SchemaMigrator.DEFAULT_LOCATION, "filesystem:" + scratch));
        assertThat(withV90.overview().pendingLabels()).containsExactly("V90 (index big readings concurrently)");
        assertThat(withV90.invalidIndexes()).singleElement().satisfies(index -> assertThat(index.sentence())
                .isEqualTo("Index " + INDEX + " on big_readings is INVALID: V90 (index big readings concurrently) was "
                        + "interrupted while it built it with CREATE INDEX CONCURRENTLY (the console was stopped or "
                        + "killed, or its connection dropped) and is not recorded as applied. PostgreSQL never uses it "
                        + "but updates it on every write to big_readings, and building it again fails on its name. "
                        + "Drop it with DROP INDEX CONCURRENTLY " + INDEX + ", then migrate again."));

        // Migrating again without dropping it: FAILED, and the message says why in the same words.
        MigrationOutcome again = withV90.migrate(MigrationProgress.NONE);
        assertThat(again.succeeded()).isFalse();
        assertThat(again.message()).contains("V90 (index big readings concurrently) failed: ERROR: relation \""
                + INDEX + "\" already exists").contains("Index " + INDEX + " on big_readings is INVALID")
                .contains("is recorded as FAILED").contains("remove the failed entry (flyway repair) and migrate again");
        assertThat(withV90.overview().find("90")).hasValueSatisfying(m -> assertThat(m.failed()).isTrue());

        // `migrations status` of the console as shipped (it has no V90) still names the index; exit 1.
        CliRun status = CliRun.against(db, "migrations", "status");
        System.out.printf("Migration kill -9: %s%n", status.out().lines().filter(l -> !l.isBlank())
                .reduce((a, b) -> b).orElse(""));
        assertThat(status.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(status.out().replaceAll("\\s+", " ")).contains("Problem Index " + INDEX + " on big_readings is "
                + "INVALID: a CREATE INDEX CONCURRENTLY that did not finish left it.");
        CliRun json = CliRun.against(db, "migrations", "status", "--json");
        assertThat(json.out()).contains("\"invalidIndexes\"").contains("\"index\": \"" + INDEX + "\"")
                .contains("\"clean\": false");
    }

    private static long invalid(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname = ? AND NOT x.indisvalid", INDEX);
    }

    private static long builds(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND query ILIKE 'CREATE INDEX CONCURRENTLY%'");
    }

    private static long buildsWaiting(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND query ILIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'");
    }
}
