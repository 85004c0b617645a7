package org.redflag.console.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns what pgjdbc and HikariCP throw into a {@link ConnectionProblem} a person can act on. */
final class ConnectionProblems {

    private static final String EMBEDDED_HINT =
            " Or start the console without --db-url to use the embedded database.";

    private ConnectionProblems() {
    }

    /** @param url the URL pgjdbc was given: the target's, with the TLS settings in force */
    static ConnectionProblem explain(Throwable failure, DatabaseTarget.Server target, String url) {
        String where = target.describe();
        // First: pgjdbc reports TLS failures with the SQL states of unreachable servers and missing passwords.
        var tls = TlsProblems.explain(failure, url, where);
        if (tls.isPresent()) {
            return tls.get();
        }
        String user = target.user() == null ? System.getProperty("user.name") : target.user();
        SQLException sql = find(failure, SQLException.class);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());

        if (find(failure, UnknownHostException.class) != null) {
            return new ConnectionProblem(ConnectionProblem.Kind.UNKNOWN_HOST,
                    "Cannot find the database host of " + where + ": the name does not resolve. Check the host name in "
                            + "--db-url." + EMBEDDED_HINT, failure);
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null
                || find(failure, SocketTimeoutException.class) != null || state.startsWith("08001")
                || (state.startsWith("08") && !"08004".equals(state))) {
            return new ConnectionProblem(ConnectionProblem.Kind.UNREACHABLE,
                    "Cannot reach PostgreSQL at " + where + ": nothing answered there. Check that the server is "
                            + "running, the host and port are right, and no firewall is in the way." + EMBEDDED_HINT,
                    failure);
        }
        if ("28P01".equals(state) || "28000".equals(state)) {
            return new ConnectionProblem(ConnectionProblem.Kind.AUTHENTICATION_FAILED,
                    "PostgreSQL at " + where + " refused the password for user \"" + user + "\". Check the user "
                            + "(--db-user) and the password (PGPASSWORD, ~/.pgpass, or the password prompt).",
                    failure);
        }
        if ("08004".equals(state) || (sql != null && String.valueOf(sql.getMessage()).contains("no password"))) {
            return new ConnectionProblem(ConnectionProblem.Kind.PASSWORD_REQUIRED,
                    "PostgreSQL at " + where + " wants a password for user \"" + user + "\" and none was given. "
                            + "Set PGPASSWORD, add the server to ~/.pgpass, or type it when the console asks.",
                    failure);
        }
        if ("3D000".equals(state)) {
            return new ConnectionProblem(ConnectionProblem.Kind.NO_SUCH_DATABASE,
                    "The server at " + where + " answered, but it has no such database. Check the database name at "
                            + "the end of --db-url, or create it first (createdb).",
                    failure);
        }
        return new ConnectionProblem(ConnectionProblem.Kind.OTHER,
                "Could not open the database at " + where + ": " + rootMessage(failure)
                        + ". Check the server's log for details." + EMBEDDED_HINT,
                failure);
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.strip();
    }

    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
