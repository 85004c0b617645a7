package org.redflag.console.db;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import org.redflag.console.causes.Causes;

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
        // pgjdbc takes the user from --db-user, else from the URL's user=, else the login name: say the one it used.
        String user = target.user() != null ? target.user()
                : JdbcUrls.parameter(url, "user").orElse(System.getProperty("user.name"));
        SQLException sql = Causes.find(failure, SQLException.class).orElse(null);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());

        if (Causes.causedBy(failure, UnknownHostException.class)) {
            return new ConnectionProblem(ConnectionProblem.Kind.UNKNOWN_HOST,
                    "Cannot find the database host of " + where + ": the name does not resolve. Check the host name in "
                            + "--db-url." + EMBEDDED_HINT, failure);
        }
        if (Causes.causedBy(failure, ConnectException.class) || Causes.causedBy(failure, NoRouteToHostException.class)
                || Causes.causedBy(failure, SocketTimeoutException.class) || state.startsWith("08001")
                || (state.startsWith("08") && !"08004".equals(state))) {
            return new ConnectionProblem(ConnectionProblem.Kind.UNREACHABLE,
                    "Cannot reach PostgreSQL at " + where + ": nothing answered there. Check that the server is "
                            + "running, the host and port are right, and no firewall is in the way." + EMBEDDED_HINT,
                    failure);
        }
        if ("28000".equals(state) && String.valueOf(sql.getMessage()).contains("does not exist")) {
            return new ConnectionProblem(ConnectionProblem.Kind.AUTHENTICATION_FAILED,
                    "PostgreSQL at " + where + " has no role (user) \"" + user + "\". Check the user (--db-user, or "
                            + "user= in --db-url); `psql -c '\\du'` on the server lists the roles there.", failure);
        }
        if ("28P01".equals(state) || "28000".equals(state)) {
            return new ConnectionProblem(ConnectionProblem.Kind.AUTHENTICATION_FAILED,
                    "PostgreSQL at " + where + " refused user \"" + user + "\" with that password: there may be no such "
                            + "role on the server (it does not say which), or the password does not match. Check the user "
                            + "(--db-user, or user= in --db-url) and the password (PGPASSWORD, ~/.pgpass, or the "
                            + "password prompt).",
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
                "Could not open the database at " + where + ": " + Causes.rootMessage(failure)
                        + ". Check the server's log for details." + EMBEDDED_HINT,
                failure);
    }
}
