package org.redflag.console.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server for the whole test run (zonky embedded: the same binaries the console ships),
 * and a fresh, empty database per test that asks for one. No H2, no mocks.
 *
 * <p>The server's pg_hba.conf trusts the superuser "postgres" but asks every other role for a password
 * (scram-sha-256), so tests can prove what a user sees for a wrong or missing password.
 */
public final class TestPostgres {

    public static final String SUPERUSER = "postgres";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new empty database on the shared server. */
    public static TestDatabase newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(name, port());
    }

    public static int port() {
        return server().getPort();
    }

    /** Runs SQL as the superuser on the server's "postgres" database (roles, server-wide settings). */
    public static void asSuperuser(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A login role that must give this password (pg_hba asks every role but postgres for one). */
    public static void ensureRole(String name, String password) {
        asSuperuser("DO $$ BEGIN CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    static DataSource dataSource(String database) {
        return dataSource(database, SUPERUSER, null);
    }

    static DataSource dataSource(String database, String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database);
        ds.setUser(user);
        ds.setPassword(password);
        return new UtcSessions(ds);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                Path dataDir = Files.createTempDirectory("redflag-test-pg");
                EmbeddedPostgres started = builder(dataDir).start();
                requirePasswordsForOtherRoles(started, dataDir);
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test PostgreSQL", e);
            }
        }
        return server;
    }

    /** A server for tests: its files in a fresh folder, removed at the end, and durability traded for speed. */
    static EmbeddedPostgres.Builder builder(Path dataDir) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
    }

    private static void requirePasswordsForOtherRoles(EmbeddedPostgres started, Path dataDir) throws IOException {
        String hba = """
                local all postgres trust
                host  all postgres 127.0.0.1/32 trust
                host  all postgres ::1/128 trust
                local all all scram-sha-256
                host  all all 127.0.0.1/32 scram-sha-256
                host  all all ::1/128 scram-sha-256
                """;
        Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
        try (Connection c = started.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not reload pg_hba.conf", e);
        }
    }
}
