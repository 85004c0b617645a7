package org.redflag.console.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of its own for TLS tests, with ssl on and the certificate of {@link TestCertificates}
 * (signed by their CA, naming only "localhost"). The superuser "postgres" may connect without a password over
 * either transport; the role {@link TestCertificates#CLIENT_ROLE} only over TLS with its client certificate.
 */
public final class TlsPostgres {

    private static TlsPostgres shared;

    private final EmbeddedPostgres server;
    private final TestCertificates certificates;

    private TlsPostgres(EmbeddedPostgres server, TestCertificates certificates) {
        this.server = server;
        this.certificates = certificates;
    }

    /** One for the whole test run, as {@link TestPostgres} is, with certificates made for it. */
    public static synchronized TlsPostgres shared() {
        if (shared == null) {
            shared = start(TestCertificates.make());
        }
        return shared;
    }

    private static TlsPostgres start(TestCertificates certificates) {
        try {
            Path dataDir = Files.createTempDirectory("redflag-test-pg-tls");
            // As root, zonky runs the server in a user namespace (unshare -U) where root's files show as the
            // server's own, so a 0600 key file owned by root is one PostgreSQL accepts.
            EmbeddedPostgres started = TestPostgres.builder(dataDir)
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", certificates.serverCert().toString())
                    .setServerConfig("ssl_key_file", certificates.serverKey().toString())
                    .setServerConfig("ssl_ca_file", certificates.ca().toString())
                    .start();
            TlsPostgres tls = new TlsPostgres(started, certificates);
            tls.acceptClientCertificates(dataDir);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the TLS test PostgreSQL", e);
        }
    }

    private void acceptClientCertificates(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), """
                local     all postgres trust
                host      all postgres 127.0.0.1/32 trust
                host      all postgres ::1/128 trust
                hostssl   all %1$s 127.0.0.1/32 cert
                hostssl   all %1$s ::1/128 cert
                """.formatted(TestCertificates.CLIENT_ROLE));
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + TestCertificates.CLIENT_ROLE + " LOGIN");
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not prepare the TLS test PostgreSQL", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The server's "postgres" database reached through this host name (or address), without TLS parameters. */
    public String url(String host) {
        return "jdbc:postgresql://" + host + ":" + port() + "/postgres";
    }

    public TestCertificates certificates() {
        return certificates;
    }
}
