package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.db.Database;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.testing.CliProcess;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * More of the README's bad-input table, each the sentence a user reads: IPv6 URLs, a role named in the URL,
 * a data folder that is a file or already in use, filters with a NUL, 10,000 characters or SQL in them, and the
 * terminal seen from a real process, where nothing but the console's own sentence may reach stderr.
 */
class BadInputCasesTest {

    @TempDir
    Path temp;

    @Test
    void anIpv6UrlWhereNothingListensNamesTheBracketedAddress() {
        assertCannotRun(CliRun.of(Map.of(), "check", "--db-url", "jdbc:postgresql://[::1]:1/db"),
                "Cannot reach PostgreSQL at [::1]:1/db: nothing answered there. Check that the server is running");
    }

    @Test
    void anIpv6UrlConnects() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        // The test server listens on 127.0.0.1 only (localhost here is IPv4); [::1] reaches it through a relay.
        try (Ipv6Relay relay = Ipv6Relay.to(TestPostgres.port())) {
            String url = "jdbc:postgresql://[::1]:" + relay.port() + "/" + db.name();

            CliRun run = CliRun.of(Map.of(), "check", "--db-url", url, "--db-user", TestPostgres.SUPERUSER);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Connected to  [::1]:" + relay.port() + "/" + db.name());
        }
    }

    @Test
    void aRoleNamedInTheUrlThatDoesNotExistIsTheUserTheSentenceNames() {
        TestDatabase db = TestPostgres.newDatabase();
        String url = db.url() + "?user=nosuch_role";

        CliRun withPassword = CliRun.of(Map.of("PGPASSWORD", "guess"), "check", "--db-url", url);
        CliRun without = CliRun.of(Map.of(), "check", "--db-url", url);

        assertCannotRun(withPassword, "refused user \"nosuch_role\" with that password: there may be no such role "
                + "on the server");
        assertCannotRun(without, "wants a password for user \"nosuch_role\" and none was given");
    }

    @Test
    void aDataFolderThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "a file");

        assertCannotRun(CliRun.of(Map.of(), "check", "--data-dir", file.toString()),
                "Cannot write to the embedded database folder " + file.resolve("pgdata") + ". Choose a folder you can "
                        + "write to with --data-dir");
    }

    @Test
    void aSecondConsoleOnTheSameDataFolderIsToldToCloseTheFirst() throws Exception {
        Path folder = temp.resolve("data");
        try (Database first = Database.open(new DatabaseTarget.Embedded(folder.resolve("pgdata"), 0), Optional.empty())) {
            // The second console is another process, as when the window is open and someone runs check.
            CliProcess second = CliProcess.run(Map.of("XDG_DATA_HOME", temp.resolve("xdg").toString()), "check",
                    "--data-dir", folder.toString());

            assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.CANNOT_RUN);
            assertThat(second.err()).isEqualTo("redflag-console: Another console is already running on the embedded "
                    + "database in " + folder.resolve("pgdata").toAbsolutePath() + ". Close it first, or start this one "
                    + "with --data-dir pointing to another folder." + System.lineSeparator());
            assertThat(first.isEmbedded()).isTrue();
        }
    }

    @Test
    void pgjdbcsOwnLogLinesNeverReachTheTerminalBeforeTheConsolesSentence() {
        Map<String, String> env = Map.of("XDG_DATA_HOME", temp.resolve("xdg").toString(), "PGPASSWORD", "wrong");
        TestPostgres.ensureRole("alice", "right");
        TestDatabase db = TestPostgres.newDatabase();

        CliProcess unreachable = CliProcess.run(env, "check", "--db-url", "jdbc:postgresql://127.0.0.1:1/redflag");
        CliProcess refused = CliProcess.run(env, "check", "--db-url", db.url(), "--db-user", "alice");

        for (CliProcess run : java.util.List.of(unreachable, refused)) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.CANNOT_RUN);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).as("stderr is the console's one paragraph, nothing of pgjdbc or the log")
                    .singleElement().satisfies(line -> assertThat(line).startsWith("redflag-console: "));
        }
        assertThat(unreachable.err()).contains("Cannot reach PostgreSQL at 127.0.0.1:1/redflag");
        assertThat(refused.err()).contains("refused user \"alice\" with that password");
    }

    @Test
    void aTimeoutOfLessThanAMinuteIsRefused() {
        assertCannotRun(CliRun.of(Map.of(), "check", "--timeout-minutes", "-1"),
                "--timeout-minutes must be at least 1 minute; agents need time to answer.");
    }

    @Test
    void aBlankAgentForHistoryIsRefused() {
        assertCannotRun(CliRun.of(Map.of(), "history", "--agent", ""),
                "--agent needs a hostname or an agent id; leave it out for every agent's history.");
    }

    @Test
    void aNulInAnAgentNameIsRefusedBeforeTheDatabaseSeesIt() {
        assertCannotRun(CliRun.of(Map.of(), "history", "--agent", "web\u0000-01"),
                "--agent contains a NUL character, which no name in the database can contain.");
    }

    @Test
    void aNulInAnAgentsSearchIsRefused() {
        assertCannotRun(CliRun.of(Map.of(), "agents", "--search", "web\u0000"),
                "--search contains a NUL character, which no name in the database can contain.");
    }

    @Test
    void anAgentsSearchOfTenThousandCharactersIsRefused() {
        assertCannotRun(CliRun.of(Map.of(), "agents", "--search", "w".repeat(10_000)),
                "The search is longer than a hostname can be (255 characters). Search for a shorter part of the name.");
    }

    @Test
    void sqlMetacharactersInASearchAreMatchedAsThemselves() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web_01.prod", "linux", null);
        Fleets.insertAgent(db, "webX01.prod", "linux", null);
        Fleets.insertAgent(db, "o'brien-100%.lab", "linux", null);

        CliRun underscore = CliRun.against(db, "agents", "--search", "web_");
        CliRun percent = CliRun.against(db, "agents", "--search", "100%");
        CliRun injection = CliRun.against(db, "agents", "--search", "'; DROP TABLE agents; --");

        assertThat(underscore.out()).contains("web_01.prod").doesNotContain("webX01.prod");
        assertThat(percent.out()).contains("o'brien-100%.lab").doesNotContain("web");
        assertThat(injection.exitCode()).isZero();
        assertThat(injection.out()).contains("No agent's hostname contains \"'; DROP TABLE agents; --\".");
        assertThat(db.queryLong("SELECT count(*) FROM agents")).isEqualTo(3);
    }

    @Test
    void anHttpUrlIsNotAJdbcUrl() {
        assertCannotRun(CliRun.of(Map.of(), "check", "--db-url", "http://x"),
                "\"http://x\" is not a PostgreSQL JDBC URL; it should look like jdbc:postgresql://host:5432/redflag.");
    }

    private static void assertCannotRun(CliRun run, String message) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: ").contains(message);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }
}
