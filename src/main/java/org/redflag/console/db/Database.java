package org.redflag.console.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.jdbc.SslMode;
import org.redflag.console.causes.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open connection pool to the console's database, and the embedded server behind it when there is one.
 * Closing it closes the pool first, then stops the embedded server.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int POOL_SIZE = 8;
    static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    /**
     * RedFlag keeps most times in zoneless timestamp columns holding UTC wall time; comparing them with now() or
     * a bound instant is only right in a UTC session (see SqlTime). Every connection that runs queries says so.
     */
    private static final String UTC_SESSION = "SET TIME ZONE 'UTC'";

    private final DatabaseTarget target;
    private final HikariDataSource pool;
    private final EmbeddedServer embedded;
    private final String url;
    private final ConnectionSecurity security;

    private Database(DatabaseTarget target, HikariDataSource pool, EmbeddedServer embedded, String url,
            ConnectionSecurity security) {
        this.target = target;
        this.pool = pool;
        this.embedded = embedded;
        this.url = url;
        this.security = security;
    }

    /**
     * Opens the target: starts the embedded server if that is the target, then a pool that has proved it
     * can connect.
     *
     * @param password used only for a server target; empty lets pgjdbc look in PGPASSFILE / ~/.pgpass
     */
    public static Database open(DatabaseTarget target, Optional<char[]> password) throws ConnectionProblem {
        return open(target, password, false);
    }

    /**
     * @param readOnly every pooled connection starts read-only (a read-only profile's safety net under the
     *                 refusals): a writer that must write anyway, the error door, asks for read-write on its own
     *                 connection, and the pool puts read-only back when the connection returns
     */
    public static Database open(DatabaseTarget target, Optional<char[]> password, boolean readOnly)
            throws ConnectionProblem {
        if (target instanceof DatabaseTarget.Embedded embeddedTarget) {
            EmbeddedServer server = EmbeddedServer.start(embeddedTarget);
            try {
                String url = server.jdbcUrl();
                return opened(target, pool(url, EmbeddedServer.USER, Optional.empty(), readOnly), server, url);
            } catch (RuntimeException e) {
                server.close();
                throw new ConnectionProblem(ConnectionProblem.Kind.EMBEDDED_START_FAILED,
                        "The embedded PostgreSQL started but refused connections ("
                                + Causes.rootMessage(e) + "). Try again, or use --data-dir with an empty folder.",
                        e);
            }
        }
        DatabaseTarget.Server server = (DatabaseTarget.Server) target;
        String url = JdbcUrls.withParameters(JdbcUrls.validate(server.jdbcUrl()), server.tls().parameters());
        TlsProblems.check(url);
        HikariDataSource pool;
        try {
            pool = pool(url, server.user(), password, readOnly);
        } catch (RuntimeException e) {
            throw ConnectionProblems.explain(e, server, url);
        }
        return opened(target, pool, null, url);
    }

    private static Database opened(DatabaseTarget target, HikariDataSource pool, EmbeddedServer embedded, String url)
            throws ConnectionProblem {
        SslMode mode = TlsProblems.mode(url);
        ConnectionSecurity security;
        try (Connection c = pool.getConnection()) {
            security = ConnectionSecurity.read(c, mode);
        } catch (SQLException e) {
            // Only the status line loses a fact; the database itself answered.
            LOG.warn("Could not read whether the connection is encrypted", e);
            security = ConnectionSecurity.unknown(mode);
        }
        LOG.info("Connections to {}: {} (sslmode {})", target.describe(), security.describe(), mode.value);
        return new Database(target, pool, embedded, url, security);
    }

    private static HikariDataSource pool(String url, String user, Optional<char[]> password, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("redflag-console");
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        password.ifPresent(p -> config.setPassword(new String(p)));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // Fail on the first attempt instead of retrying for half a minute: the user is waiting.
        config.setInitializationFailTimeout(1);
        // A query waits at most this long for a connection: when the database is away a click must fail in
        // seconds, not ten (DatabaseHealth says within two that it is away, and writes are refused meanwhile).
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("loginTimeout", "10");
        config.addDataSourceProperty("ApplicationName", "redflag-console");
        config.setConnectionInitSql(UTC_SESSION);
        if (readOnly) {
            config.setReadOnly(true);
            // pgjdbc's default mode honours read-only only inside explicit transactions; the console's writes
            // mostly run in autocommit, so the session itself is made read-only.
            config.addDataSourceProperty("readOnlyMode", "always");
        }
        return new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The most connections the pool lends at once: more concurrent calls than this wait for one. */
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public DatabaseTarget target() {
        return target;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Where we are connected, for the status bar: "embedded" or host:port/db. */
    public String describe() {
        return isEmbedded() ? "embedded (port " + embedded.port() + ")" : JdbcUrls.hostAndDatabase(url);
    }

    /**
     * For the window's status line: where, and for a server how the connection travels
     * ("db.example:5432/redflag · TLS 1.3 (verified)"); the embedded server is on this machine, so just where.
     */
    public String describeConnection() {
        return isEmbedded() ? describe() : describe() + " · " + security.describe();
    }

    /** Whether the connections are encrypted and what pgjdbc verified, as it was when the database was opened. */
    public ConnectionSecurity security() {
        return security;
    }

    /**
     * A connection outside the pool, with the pool's credentials, for a caller that holds it for the
     * console's lifetime (LISTEN) and must not starve the pool.
     */
    public Connection openDedicatedConnection() throws SQLException {
        return openOutsidePool("redflag-console (live)", 5);
    }

    /**
     * A connection outside the pool for {@link DatabaseHealth}: it gives up connecting after a second, so an
     * unreachable host is noticed as fast as a refused one.
     */
    public Connection openHealthConnection() throws SQLException {
        return openOutsidePool("redflag-console (health)", 1);
    }

    /** The health check for this database, not started. */
    public DatabaseHealth health() {
        return new DatabaseHealth(this::openHealthConnection, DatabaseHealth.Settings.defaults());
    }

    /**
     * A connection outside the pool with the pool's credentials and session (UTC) and {@code driverSettings} on
     * top: the benchmark runs the console's own SQL on one of these to show what the pool and the mapping add.
     */
    public Connection openBareConnection(String applicationName, java.util.Properties driverSettings)
            throws SQLException {
        java.util.Properties properties = outsidePoolProperties(applicationName, 5);
        properties.putAll(driverSettings);
        Connection connection = java.sql.DriverManager.getConnection(url, properties);
        try (var s = connection.createStatement()) {
            s.execute(UTC_SESSION);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private Connection openOutsidePool(String applicationName, int connectTimeoutSeconds) throws SQLException {
        return java.sql.DriverManager.getConnection(url, outsidePoolProperties(applicationName, connectTimeoutSeconds));
    }

    private java.util.Properties outsidePoolProperties(String applicationName, int connectTimeoutSeconds) {
        java.util.Properties properties = new java.util.Properties();
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds + 1));
        return properties;
    }

    public String serverVersion() throws SQLException {
        try (Connection c = connection(); var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            LOG.info("Stopping the embedded PostgreSQL");
            embedded.close();
        }
    }
}
