package org.redflag.console.roles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The SQL of the console's two database roles, redflag_operator and redflag_viewer, as the console ships it
 * ({@code console-roles.sql} beside this class): what {@code roles --sql} prints for an administrator to apply
 * with psql, and what the tests apply before connecting as a member of each.
 */
public final class ConsoleRoles {

    /** Where the script lives in the repository and in the jar. */
    public static final String RESOURCE = "/org/redflag/console/roles/console-roles.sql";

    private ConsoleRoles() {
    }

    /** The whole script, comments included: they tell the administrator what each role may do. */
    public static String sql() {
        try (InputStream in = ConsoleRoles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The console's roles script " + RESOURCE + " is missing from this build.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the console's roles script " + RESOURCE, e);
        }
    }
}
