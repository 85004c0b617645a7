package org.redflag.console.testing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.redflag.console.roles.ConsoleRoles;

/**
 * The console's roles on a test database, and people in them: login roles made per test (roles belong to the
 * whole shared server, so every name is new), each a member of one of the console's groups.
 */
public final class RoleLogins {

    /** The test server asks every role but the superuser for a password. */
    public static final String PASSWORD = "roles-test-secret";

    private static final AtomicInteger LOGINS = new AtomicInteger();

    private RoleLogins() {
    }

    /** Runs the shipped console-roles.sql in the database as its owner would (the superuser made its tables). */
    public static void applyRoles(TestDatabase db) {
        db.execute(ConsoleRoles.sql());
    }

    /** A new login role, a member of {@code group} ("redflag_viewer"): "viewer_4711_3". */
    public static String memberOf(String group) {
        String login = newLogin(group.replaceFirst("^redflag_", ""));
        TestPostgres.asSuperuser("GRANT " + group + " TO " + login);
        return login;
    }

    /** A new login role of no group, its name starting with {@code prefix}. */
    public static String newLogin(String prefix) {
        String login = prefix + "_" + ProcessHandle.current().pid() + "_" + LOGINS.incrementAndGet();
        TestPostgres.ensureRole(login, PASSWORD);
        return login;
    }

    public static Optional<char[]> password() {
        return Optional.of(PASSWORD.toCharArray());
    }
}
