package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Each way of starting the console wrong gets one clear paragraph on stderr and exit code 2. */
class BadInputTest {

    @TempDir
    Path temp;

    @Test
    void unreachableHost() {
        CliRun run = check(Map.of(), "--db-url", "jdbc:postgresql://127.0.0.1:1/redflag");

        assertCannotRun(run, "Cannot reach PostgreSQL at 127.0.0.1:1/redflag: nothing answered there. Check that "
                + "the server is running");
    }

    @Test
    void unknownHostName() {
        CliRun run = check(Map.of(), "--db-url", "jdbc:postgresql://no-such-host.invalid:5432/redflag");

        assertCannotRun(run, "Cannot find the database host of no-such-host.invalid:5432/redflag");
    }

    @Test
    void wrongPassword() {
        TestPostgres.ensureRole("alice", "right");
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = check(Map.of("PGPASSWORD", "wrong"), "--db-url", db.url(), "--db-user", "alice");

        assertCannotRun(run, "refused user \"alice\" with that password: there may be no such role");
        assertThat(run.err()).doesNotContain("wrong");
    }

    @Test
    void missingPassword() {
        TestPostgres.ensureRole("bob", "secret");
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = check(Map.of(), "--db-url", db.url(), "--db-user", "bob");

        assertCannotRun(run, "wants a password for user \"bob\" and none was given. Set PGPASSWORD");
    }

    @Test
    void rightPasswordFromTheEnvironmentWorks() {
        TestPostgres.ensureRole("carol", "c4r0l");
        TestDatabase db = TestPostgres.newDatabase();

        CliRun run = check(Map.of("PGPASSWORD", "c4r0l"), "--db-url", db.url(), "--db-user", "carol");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void missingDatabase() {
        CliRun run = check(Map.of(), "--db-url", "jdbc:postgresql://localhost:" + TestPostgres.port() + "/no_such_db",
                "--db-user", "postgres");

        assertCannotRun(run, "answered, but it has no such database. Check the database name");
    }

    @Test
    void malformedUrls() {
        assertCannotRun(check(Map.of(), "--db-url", "localhost:5432/redflag"),
                "\"localhost:5432/redflag\" is not a PostgreSQL JDBC URL; it should look like jdbc:postgresql://host:5432/redflag");
        assertCannotRun(check(Map.of(), "--db-url", "jdbc:postgresql://db:notaport/redflag"),
                "cannot be read as a PostgreSQL JDBC URL (check the host, the port number and the database name)");
        assertCannotRun(check(Map.of(), "--db-url", "postgresql://db/redflag"), "is a libpq URI");
        assertCannotRun(check(Map.of("REDFLAG_DB_URL", "nonsense")), "\"nonsense\" is not a PostgreSQL JDBC URL");
    }

    @Test
    void passwordInTheUrlIsRefusedAndNotEchoed() {
        CliRun run = check(Map.of(), "--db-url", "jdbc:postgresql://db/redflag?password=hunter2");

        assertCannotRun(run, "The database URL contains a password. Remove it from the URL and give it through PGPASSWORD");
        assertThat(run.err()).doesNotContain("hunter2");
    }

    @Test
    void dataDirectoryNotWritable() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");

        CliRun run = check(Map.of(), "--data-dir", file.resolve("data").toString());

        assertCannotRun(run, "Cannot write to the embedded database folder " + file.resolve("data").resolve("pgdata")
                + ". Choose a folder you can write to with --data-dir");
    }

    @Test
    void embeddedPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CliRun run = check(Map.of(), "--data-dir", temp.toString(), "--embedded-port", String.valueOf(port));

            assertCannotRun(run, "Port " + port + " is already in use on this machine, so the embedded database "
                    + "cannot listen there. Choose another port with --embedded-port");
        }
    }

    @Test
    void embeddedPortOutOfRange() {
        assertCannotRun(check(Map.of(), "--data-dir", temp.toString(), "--embedded-port", "70000"),
                "--embedded-port 70000 is not a port number");
    }

    @Test
    void passwordOptionIsRefusedWithTheWaysThatWork() {
        CliRun run = check(Map.of(), "--password", "hunter2");

        assertCannotRun(run, "Passwords are not taken on the command line");
        assertThat(run.err()).doesNotContain("hunter2");
        assertCannotRun(CliRun.of(Map.of(), "--db-password=x"), "Set PGPASSWORD, add the server to ~/.pgpass");
    }

    @Test
    void unknownOptionShowsUsage() {
        CliRun run = check(Map.of(), "--colour", "red");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).contains("Unknown option").contains("'--colour'").contains("Usage:");
    }

    private static CliRun check(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(env, all);
    }

    private static void assertCannotRun(CliRun run, String message) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: ").contains(message);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }
}
