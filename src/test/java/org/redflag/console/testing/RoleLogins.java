package org.redflag.console.testing;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.DatabaseTarget;
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
        String login = group.replaceFirst("^redflag_", "") + "_" + ProcessHandle.current().pid() + "_"
                + LOGINS.incrementAndGet();
        TestPostgres.ensureRole(login, PASSWORD);
        TestPostgres.asSuperuser("GRANT " + group + " TO " + login);
        return login;
    }

    /** The console's settings for the database as {@code --db-url URL --db-user LOGIN}, with its own data folder. */
    public static ConsoleSettings settingsAs(TestDatabase db, String login, boolean migrate) {
        try {
            return new ConsoleSettings(new DatabaseTarget.Server(db.url(), login), migrate, false)
                    .withDataDirectory(Files.createTempDirectory("redflag-test-data"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Optional<char[]> password() {
        return Optional.of(PASSWORD.toCharArray());
    }
}
