package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Saved connection profiles from a terminal, and --profile on the commands that connect. */
class ProfilesCommandTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path dataDir;

    private CliRun run(String... args) {
        return CliRun.of(Map.of("REDFLAG_DATA_DIR", dataDir.toString()), args);
    }

    @Test
    void addedProfilesAreListedAndRemovedAndAnUnknownNameListsTheKnownOnes() {
        CliRun added = run("profiles", "add", "prod", "--db-url", "jdbc:postgresql://db.prod:5432/redflag",
                "--db-user", "alice", "--colour", "#C62828", "--read-only", "--server-url", "https://redflag.prod:8080");
        run("profiles", "add", "staging", "--db-url", "jdbc:postgresql://db.staging/redflag");
        CliRun table = run("profiles", "list");
        CliRun json = run("profiles", "list", "--json");
        CliRun removed = run("profiles", "remove", "staging");
        CliRun again = run("profiles", "remove", "staging");

        assertThat(added.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(added.out()).isEqualTo("added: profile prod (db.prod:5432/redflag, read-only) in "
                + dataDir.resolve("profiles.json") + NL);
        assertThat(table.out()).contains("prod", "db.prod:5432/redflag", "alice", "read-only", "#c62828",
                "staging", "db.staging:5432/redflag", "read-write");
        assertThat(json.out()).contains("\"name\": \"prod\"", "\"read_only\": true", "\"colour\": \"#c62828\"",
                "\"name\": \"staging\"");
        assertThat(removed.out()).isEqualTo("removed: profile staging" + NL);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(again.err()).isEqualTo("redflag-console: There is no profile named staging; the known profiles "
                + "are prod." + NL);
    }

    @Test
    void badValuesAreOneSentenceAndNothingIsSaved() {
        CliRun colour = run("profiles", "add", "prod", "--db-url", "jdbc:postgresql://db/redflag", "--colour", "red");
        CliRun unknown = run("check", "--profile", "nope");

        assertThat(colour.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(colour.err()).isEqualTo("redflag-console: A profile's colour is #rrggbb in hexadecimal, such as "
                + "#c62828, not \"red\"." + NL);
        assertThat(dataDir.resolve("profiles.json")).doesNotExist();
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(unknown.err()).isEqualTo("redflag-console: There is no profile named nope: no profiles are saved "
                + "in " + dataDir.resolve("profiles.json") + " yet; add one with `profiles add nope --db-url URL`." + NL);
    }

    @Test
    void aProfileConnectsAndAnOptionGivenBesideItWins() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", Instant.now());
        run("profiles", "add", "test", "--db-url", db.url(), "--db-user", TestPostgres.SUPERUSER);
        run("profiles", "add", "elsewhere", "--db-url", db.url().replace(db.name(), "no_such_database"),
                "--db-user", TestPostgres.SUPERUSER);

        CliRun agents = run("agents", "--profile", "test");
        CliRun overridden = run("agents", "--profile", "elsewhere", "--db-url", db.url());

        assertThat(agents.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(agents.out()).contains("web-01.prod");
        assertThat(overridden.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(overridden.out()).contains("web-01.prod");
    }

    @Test
    void aReadOnlyProfilesScanExitsTwoWithItsSentenceAndQueuesNothing() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "storage");
        run("profiles", "add", "prod", "--db-url", db.url(), "--db-user", TestPostgres.SUPERUSER, "--read-only");

        CliRun scan = run("scan", "--profile", "prod", "--agent", "web-01.prod", "--subsystem", "storage");

        assertThat(scan.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(scan.err()).isEqualTo("redflag-console: This connection's profile (prod) is read-only." + NL);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    @Test
    void pgpassWritesTheProfilesLineFromStdinReadableByItsOwnerAlone() throws Exception {
        Path pgpass = dataDir.resolve("pgpass");
        Map<String, String> env = Map.of("REDFLAG_DATA_DIR", dataDir.toString(), "PGPASSFILE", pgpass.toString());
        run("profiles", "add", "prod", "--db-url", "jdbc:postgresql://db.prod:5433/redflag", "--db-user", "alice");

        CliRun first = CliRun.withInput(env, "s3cret\n", "profiles", "pgpass", "prod");
        CliRun second = CliRun.withInput(env, "n:ew\n", "profiles", "pgpass", "prod");
        CliRun empty = CliRun.withInput(env, "", "profiles", "pgpass", "prod");

        assertThat(first.out()).isEqualTo("added: the line for profile prod in " + pgpass + NL);
        assertThat(second.out()).isEqualTo("updated: the line for profile prod in " + pgpass + NL);
        assertThat(Files.readAllLines(pgpass)).containsExactly("db.prod:5433:redflag:alice:n\\:ew");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass))).isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve("profiles.json"))).doesNotContain("s3cret", "n:ew");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(empty.err()).isEqualTo("redflag-console: No password was given on stdin or typed; nothing was "
                + "written." + NL);
    }
}
