package org.redflag.console.app;

import java.util.Map;
import java.util.Optional;

/**
 * Where a password may come from without a prompt: PGPASSWORD, as libpq does. When it is absent,
 * pgjdbc itself reads PGPASSFILE or ~/.pgpass. There is deliberately no command-line option.
 */
public final class Passwords {

    private Passwords() {
    }

    public static Optional<char[]> fromEnvironment(Map<String, String> env) {
        String password = env.get("PGPASSWORD");
        return password == null || password.isEmpty() ? Optional.empty() : Optional.of(password.toCharArray());
    }
}
