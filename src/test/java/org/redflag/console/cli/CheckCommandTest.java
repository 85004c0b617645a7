package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class CheckCommandTest {

    @Test
    void printsServerVersionSchemaAndAgentCount() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01", "linux", Instant.now());
        Fleets.insertAgent(db, "web-02", "linux", Instant.now());

        CliRun run = CliRun.of(Map.of(), "check", "--db-url", db.url(), "--db-user", "postgres");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("PostgreSQL 17.").contains("schema at V").contains("0 failed")
                .containsPattern("Agents\\s+2");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void readsTheDatabaseFromTheEnvironment() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        CliRun run = CliRun.of(Map.of("REDFLAG_DB_URL", db.url(), "REDFLAG_DB_USER", "postgres"), "check");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("localhost:" + TestPostgres.port() + "/" + db.name()).containsPattern("Agents\\s+0");
    }

    @Test
    void neverMigratesADatabaseGivenByUrl() {
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = CliRun.of(Map.of(), "check", "--db-url", db.url(), "--db-user", "postgres");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("empty database").contains("schema at no version").contains("pending").contains("Agents        unknown");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'agents'")).isZero();
    }

    @Test
    void helpListsTheOptions() {
        CliRun run = CliRun.of(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--db-url", "--db-user", "--data-dir", "--no-migrate", "--embedded-port",
                "--db-sslmode", "--db-sslrootcert", "REDFLAG_DB_SSLMODE",
                "check", "PGPASSWORD");
        assertThat(run.out()).doesNotContain("--password");
    }
}
