package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.redflag.console.testing.TestCertificates;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.testing.TlsPostgres;

class DatabaseTlsTest {

    private final TlsPostgres server = TlsPostgres.shared();
    private final TestCertificates certificates = server.certificates();

    @Test
    void verifyFullOpensEveryConnectionEncryptedAndTheDescriptionSaysVerified() throws Exception {
        try (Database database = Database.open(target("localhost", "verify-full", certificates.ca().toString()),
                Optional.empty())) {
            assertThat(database.security().encrypted()).isTrue();
            assertThat(database.describeConnection())
                    .matches("localhost:" + server.port() + "/postgres · TLS 1\\.[23] \\(verified\\)");
            // The health check and the live listener open their own connections, outside the pool.
            try (Connection health = database.openHealthConnection()) {
                assertThat(encrypted(health)).isTrue();
            }
        }
    }

    @Test
    void aServerWithoutTlsIsDescribedAsNotEncrypted() throws Exception {
        String plain = TestPostgres.newDatabase().url();
        try (Database database = Database.open(new DatabaseTarget.Server(plain, TestPostgres.SUPERUSER),
                Optional.empty())) {
            assertThat(database.security()).isEqualTo(new ConnectionSecurity(true, false, null, null, "prefer"));
            assertThat(database.describeConnection()).endsWith("/" + plain.substring(plain.lastIndexOf('/') + 1)
                    + " · not encrypted");
        }
    }

    @Test
    void everyTlsRefusalIsOfKindTlsNeitherUnreachableNorAPasswordQuestion() {
        ConnectionProblem otherCa = refusal(target("localhost", "verify-full", certificates.otherCa().toString()));
        ConnectionProblem otherHost = refusal(target("127.0.0.1", "verify-full", certificates.ca().toString()));
        ConnectionProblem noTls = refusal(new DatabaseTarget.Server(TestPostgres.newDatabase().url(),
                TestPostgres.SUPERUSER, new TlsSettings("require", null, null, null)));

        assertThat(otherCa.kind()).isEqualTo(ConnectionProblem.Kind.TLS);
        assertThat(otherHost.kind()).isEqualTo(ConnectionProblem.Kind.TLS);
        assertThat(noTls.kind()).isEqualTo(ConnectionProblem.Kind.TLS);
        assertThat(noTls.passwordMightHelp()).isFalse();
    }

    @Test
    void givenParametersReplaceTheUrlsOwnAndKeepTheRest() {
        String url = JdbcUrls.withParameters("jdbc:postgresql://db.example/redflag?sslmode=disable&ApplicationName=x",
                new TlsSettings("verify-full", "/etc/a b/ca.crt", null, null).parameters());

        assertThat(url).isEqualTo("jdbc:postgresql://db.example/redflag?ApplicationName=x&sslmode=verify-full"
                + "&sslrootcert=%2Fetc%2Fa+b%2Fca.crt");
        assertThat(Driver.parseURL(url, null)).containsEntry("sslrootcert", "/etc/a b/ca.crt")
                .containsEntry("sslmode", "verify-full").containsEntry("ApplicationName", "x");
        assertThat(JdbcUrls.withParameters("jdbc:postgresql://db/redflag", Map.of("sslmode", "require")))
                .isEqualTo("jdbc:postgresql://db/redflag?sslmode=require");
        assertThat(JdbcUrls.withParameters("jdbc:postgresql://db/redflag?sslmode=require", Map.of()))
                .isEqualTo("jdbc:postgresql://db/redflag?sslmode=require");
    }

    @Test
    void theDescriptionSaysWhatTheSslmodeVerified() {
        assertThat(new ConnectionSecurity(true, true, "TLSv1.3", "c", "verify-ca").describe())
                .isEqualTo("TLS 1.3 (CA verified, host name not checked)");
        assertThat(new ConnectionSecurity(true, true, "TLSv1.2", "c", "require").describe())
                .isEqualTo("TLS 1.2 (certificate not verified)");
        assertThat(new ConnectionSecurity(false, false, null, null, "prefer").describe())
                .isEqualTo("encryption unknown");
    }

    private DatabaseTarget.Server target(String host, String mode, String rootCert) {
        return new DatabaseTarget.Server(server.url(host), TestPostgres.SUPERUSER,
                new TlsSettings(mode, rootCert, null, null));
    }

    private static ConnectionProblem refusal(DatabaseTarget target) {
        ConnectionProblem problem = catchThrowableOfType(ConnectionProblem.class,
                () -> Database.open(target, Optional.empty()).close());
        assertThat(problem).as("refused").isNotNull();
        return problem;
    }

    private static boolean encrypted(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
