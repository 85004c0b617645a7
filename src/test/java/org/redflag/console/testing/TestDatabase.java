package org.redflag.console.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.db.SchemaMigrator;

/** One empty database on the shared test server, with helpers for arranging and checking rows. */
public final class TestDatabase {

    private final String name;
    private final int port;
    private final DataSource dataSource;

    TestDatabase(String name, int port) {
        this.name = name;
        this.port = port;
        this.dataSource = TestPostgres.dataSource(name);
    }

    public String name() {
        return name;
    }

    /** A URL without credentials, as a user would pass to --db-url. */
    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** This database as another login role, made with {@link TestPostgres#ensureRole}. */
    public DataSource dataSourceAs(String role, String password) {
        return TestPostgres.dataSource(name, role, password);
    }

    /**
     * The console's settings for this database, as --db-url URL --db-user postgres would give, with a data
     * folder of its own (the error spool lives there), so no test replays another test's errors.
     */
    public ConsoleSettings settings(boolean migrate) {
        return settingsAs(TestPostgres.SUPERUSER, migrate);
    }

    /** The same as {@code --db-user user}: a login role made with {@link TestPostgres#ensureRole}. */
    public ConsoleSettings settingsAs(String user, boolean migrate) {
        try {
            return new ConsoleSettings(new DatabaseTarget.Server(url(), user), migrate, false)
                    .withDataDirectory(java.nio.file.Files.createTempDirectory("redflag-test-data"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The database stops answering, as if its server were gone: new connections refused, open ones ended. */
    public void takeAway() {
        TestPostgres.asSuperuser("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        TestPostgres.asSuperuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name + "' AND pid <> pg_backend_pid()");
    }

    /** The database answers again. */
    public void bringBack() {
        TestPostgres.asSuperuser("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    public TestDatabase migrated() {
        new SchemaMigrator(dataSource).migrate();
        return this;
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, e.g. a count. */
    public long queryLong(String sql, Object... args) {
        return firstColumn(sql, args, rs -> rs.getLong(1));
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String queryString(String sql, Object... args) {
        return firstColumn(sql, args, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T firstColumn(String sql, Object[] args, Column<T> column) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? column.read(rs) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
