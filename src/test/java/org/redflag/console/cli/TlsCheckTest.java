package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.TestCertificates;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.testing.TlsPostgres;

/** `check` over TLS against a real PostgreSQL with ssl on, and the sentences for what stops a TLS connection. */
class TlsCheckTest {

    private final TlsPostgres server = TlsPostgres.shared();
    private final TestCertificates certificates = server.certificates();

    @Test
    void verifyFullWithTheRightCaAndHostConnectsAndCheckSaysItIsEncrypted() {
        CliRun run = check(Map.of(), server.url("localhost"), "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.ca().toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Connected to  localhost:" + server.port() + "/postgres")
                .containsPattern("Encryption\\s+TLS 1\\.[23] \\(verified\\)");

        CliRun json = check(Map.of(), server.url("localhost"), "--json", "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.ca().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> encryption = (Map<String, Object>) JsonReader.object(json.out()).get("encryption");
        assertThat(encryption).containsEntry("encrypted", true).containsEntry("sslmode", "verify-full");
        assertThat((String) encryption.get("protocol")).startsWith("TLSv1.");
        assertThat((String) encryption.get("cipher")).isNotBlank();
    }

    @Test
    void aCertificateSignedByAnotherCaIsRefusedInOneSentence() {
        CliRun run = check(Map.of(), server.url("localhost"), "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.otherCa().toString());

        assertOneSentence(run, "The server's certificate at localhost:" + server.port() + "/postgres is not signed by "
                + "the CA in " + certificates.otherCa() + ", so the console did not trust it.");
    }

    @Test
    void aHostTheCertificateDoesNotNameIsRefusedNamingTheHostAndTheCertificatesNames() {
        CliRun run = check(Map.of(), server.url("127.0.0.1"), "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.ca().toString());

        assertOneSentence(run, "is for localhost, not for 127.0.0.1, so the console did not trust it. Use that name as "
                + "the host in the database URL");
    }

    @Test
    void requireAgainstAServerWithoutTlsSaysTheServerDoesNotAcceptIt() {
        String plain = TestPostgres.newDatabase().url();

        CliRun run = check(Map.of(), plain, "--db-sslmode", "require");

        assertOneSentence(run, "does not accept TLS connections, and sslmode require does not connect "
                + "without. Turn ssl on");
        assertThat(run.err()).doesNotContain("password");
    }

    @Test
    void theOptionWinsOverTheEnvironmentAndTheEnvironmentOverTheUrl() {
        String weakUrl = server.url("localhost") + "?sslmode=disable&sslrootcert=" + certificates.otherCa();
        Map<String, String> env = Map.of("REDFLAG_DB_SSLMODE", "verify-full",
                "REDFLAG_DB_SSLROOTCERT", certificates.ca().toString());

        CliRun environmentOverUrl = check(env, weakUrl);
        CliRun optionOverEnvironment = check(env, weakUrl, "--db-sslrootcert", certificates.otherCa().toString());

        assertThat(environmentOverUrl.exitCode()).as(environmentOverUrl.err()).isEqualTo(ExitCodes.OK);
        assertThat(environmentOverUrl.out()).contains("(verified)");
        assertOneSentence(optionOverEnvironment, "is not signed by the CA in " + certificates.otherCa());
    }

    @Test
    void aClientCertificateLogsInWhereTheServerAsksForOne() {
        CliRun withoutCertificate = CliRun.of(Map.of(), "check", "--db-url", server.url("localhost"),
                "--db-user", TestCertificates.CLIENT_ROLE, "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.ca().toString());
        CliRun withCertificate = CliRun.of(Map.of(), "check", "--db-url", server.url("localhost"),
                "--db-user", TestCertificates.CLIENT_ROLE, "--db-sslmode", "verify-full",
                "--db-sslrootcert", certificates.ca().toString(), "--db-sslcert", certificates.clientCert().toString(),
                "--db-sslkey", certificates.clientKey().toString());

        assertThat(withoutCertificate.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(withCertificate.exitCode()).as(withCertificate.err()).isEqualTo(ExitCodes.OK);
        assertThat(withCertificate.out()).contains("(verified)");
    }

    @Test
    void aCaFileThatIsNotThereIsNamedBeforeConnecting() {
        CliRun run = check(Map.of(), server.url("localhost"), "--db-sslmode", "verify-full",
                "--db-sslrootcert", "/nonexistent/ca.crt");

        assertOneSentence(run, "The CA certificate file /nonexistent/ca.crt does not exist or cannot be read. "
                + "Check --db-sslrootcert");
    }

    @Test
    void verifyFullWithoutAnyCaSaysWherePgjdbcLookedForOne() {
        Path pgjdbcDefault = Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
        assumeFalse(Files.exists(pgjdbcDefault), "this machine's user has a default CA for pgjdbc");

        CliRun run = check(Map.of(), server.url("localhost") + "?ssl=true");

        assertOneSentence(run, "sslmode verify-full checks the server's certificate against the CA that signed it, and "
                + "none was given (pgjdbc's default, " + pgjdbcDefault + ", does not exist). Give the CA's PEM file with "
                + "--db-sslrootcert");
    }

    @Test
    void anUnknownSslmodeListsTheModes() {
        CliRun run = check(Map.of(), server.url("localhost") + "?sslmode=verify_full");

        assertOneSentence(run, "\"verify_full\" is not an sslmode; use disable, allow, prefer, require, verify-ca or "
                + "verify-full");
    }

    @Test
    void tlsOptionsWithoutADatabaseUrlAreRefused() {
        CliRun run = CliRun.of(Map.of(), "check", "--db-sslmode", "verify-full");

        assertOneSentence(run, "are for a database given with --db-url");
    }

    private static CliRun check(Map<String, String> env, String url, String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "check";
        args[1] = "--db-url";
        args[2] = url;
        args[3] = "--db-user";
        args[4] = TestPostgres.SUPERUSER;
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.of(env, args);
    }

    private static void assertOneSentence(CliRun run, String sentence) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(run.err()).startsWith("redflag-console: ").contains(sentence)
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().strip().lines().count()).as("one paragraph").isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }
}
