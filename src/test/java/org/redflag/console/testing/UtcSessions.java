package org.redflag.console.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose sessions run in UTC, as the console's own pool's do (see Database and SqlTime): RedFlag's
 * zoneless timestamps hold UTC wall time, and comparing them with a bound instant or now() is only right in a
 * UTC session. Tests arrange and check with the same sessions the console uses, whatever the JVM's zone.
 */
final class UtcSessions implements DataSource {

    private final DataSource target;

    UtcSessions(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return utc(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return utc(target.getConnection(username, password));
    }

    private static Connection utc(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
