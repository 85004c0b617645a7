package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * The start-up's check of Flyway's record says "up to date" exactly when Flyway's own validation passes with
 * nothing pending, on real databases: up to date, one script pending, one recorded as failed, one edited after it
 * was applied. Where it cannot be sure (a newer version recorded, no record at all) it asks Flyway, never the reverse.
 */
class UpToDateCheckTest {

    private static final String NEWEST = "SELECT max(version::int)::text FROM flyway_schema_history";

    @Test
    void theShippedScriptsAreFlywaysOwnListWithItsChecksums() {
        TestDatabase db = TestPostgres.newDatabase();
        List<ShippedScripts.Script> flyways = Arrays.stream(new SchemaMigrator(db.dataSource()).flyway().info().all())
                .map(UpToDateCheckTest::asScript).toList();

        assertThat(ShippedScripts.in(getClass().getClassLoader(), "db/migration")).contains(flyways);
        assertThat(flyways).hasSizeGreaterThan(10);
    }

    @Test
    void theScriptsListedInAJarAreTheSameAsInTheFolder(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("console.jar");
        Path folder = Path.of("target/classes/db/migration");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(folder)) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migration/"));
            for (Path file : files.sorted().toList()) {
                out.putNextEntry(new JarEntry("db/migration/" + file.getFileName()));
                Files.copy(file, (OutputStream) out);
            }
            out.putNextEntry(new JarEntry("db/migration/elsewhere/V999__not_here.sql"));
        }
        try (URLClassLoader fromJar = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            var listed = ShippedScripts.in(fromJar, "db/migration");

            assertThat(listed).isPresent();
            assertThat(listed).isEqualTo(ShippedScripts.in(getClass().getClassLoader(), "db/migration"));
        }
    }

    @Test
    void anUpToDateRecordIsUpToDateForBoth() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        assertSameVerdict(db, true);
    }

    @Test
    void aPendingScriptSendsTheStartToFlyway() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DELETE FROM flyway_schema_history WHERE version = '" + db.queryString(NEWEST) + "'");

        assertSameVerdict(db, false);
        assertThat(check(db).reason()).contains("pending");
    }

    @Test
    void aFailedScriptSendsTheStartToFlyway() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("UPDATE flyway_schema_history SET success = false WHERE version = '" + db.queryString(NEWEST) + "'");

        assertSameVerdict(db, false);
    }

    @Test
    void aScriptEditedAfterItWasAppliedSendsTheStartToFlyway() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertSameVerdict(db, false);
        assertThat(new SchemaMigrator(db.dataSource()).validate().invalidMigrations).isNotEmpty();
    }

    @Test
    void aNewerVersionOrNoRecordIsLeftToFlyway() {
        TestDatabase newer = TestPostgres.newDatabase().migrated();
        newer.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '999', 'from a "
                + "newer build', 'SQL', 'V999__from_a_newer_build.sql', 1, 'postgres', 1, true FROM flyway_schema_history");
        TestDatabase empty = TestPostgres.newDatabase();

        // Flyway accepts a schema from a newer build (it ignores "future" migrations); the check only says it cannot
        // be sure, so the start runs Flyway as it always did.
        assertThat(check(newer).upToDate()).isFalse();
        assertThat(check(newer).reason()).contains("does not ship");
        assertThat(check(empty).upToDate()).isFalse();
        assertThat(check(empty).reason()).contains("could not be read");
    }

    private static void assertSameVerdict(TestDatabase db, boolean upToDate) {
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource());
        boolean flywaySays = migrator.validate().validationSuccessful && migrator.flyway().info().pending().length == 0
                && Arrays.stream(migrator.flyway().info().all()).noneMatch(m -> m.getState().isFailed());

        assertThat(flywaySays).as("Flyway's verdict").isEqualTo(upToDate);
        assertThat(check(db).upToDate()).as("the record check's verdict").isEqualTo(upToDate);
    }

    private static UpToDateCheck.Verdict check(TestDatabase db) {
        return new SchemaMigrator(db.dataSource()).upToDateWithoutFlyway();
    }

    private static ShippedScripts.Script asScript(MigrationInfo info) {
        return new ShippedScripts.Script(info.getVersion().getVersion(), info.getDescription(), info.getScript(),
                info.getChecksum());
    }
}
