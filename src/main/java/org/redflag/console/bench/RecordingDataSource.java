package org.redflag.console.bench;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that notes every prepared statement a repository runs, with its parameters, so the benchmark
 * can EXPLAIN exactly the SQL the console sends instead of a copy that could drift from it.
 */
final class RecordingDataSource implements DataSource {

    /** One statement as the repository prepared it, and the parameter setter calls it made. */
    record Recorded(String sql, List<Object[]> setterCalls, List<Method> setters) {

        /** Prepares {@code prefix + sql} on {@code connection} with the same parameters. */
        PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(prefix + sql);
            for (int i = 0; i < setters.size(); i++) {
                try {
                    setters.get(i).invoke(ps, setterCalls.get(i));
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new SQLException("Could not repeat " + setters.get(i).getName() + " on the EXPLAIN", e);
                }
            }
            return ps;
        }
    }

    private final DataSource target;
    private final List<Recorded> recorded = new ArrayList<>();

    RecordingDataSource(DataSource target) {
        this.target = target;
    }

    /** What was run since the last call, in order; forgets it. */
    synchronized List<Recorded> drain() {
        List<Recorded> drained = List.copyOf(recorded);
        recorded.clear();
        return drained;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return recording(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return recording(target.getConnection(username, password));
    }

    private Connection recording(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                return recording((PreparedStatement) result, sql);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        List<Method> setters = new ArrayList<>();
        List<Object[]> calls = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                setters.add(method);
                calls.add(args.clone());
            }
            if (method.getName().startsWith("execute") && (args == null || args.length == 0)) {
                synchronized (this) {
                    recorded.add(new Recorded(sql, List.copyOf(calls), List.copyOf(setters)));
                }
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
    public <T> T unwrap(Class<T> type) throws SQLException {
        return target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return target.isWrapperFor(type);
    }
}
