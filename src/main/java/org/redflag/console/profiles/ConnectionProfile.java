package org.redflag.console.profiles;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.JdbcUrls;

/**
 * A named way to reach one fleet's database, so "prod" cannot be mistaken for "staging": where it is, who to
 * connect as, the colour the window wears for it, and whether the console may change anything there. There is
 * no password field on purpose: passwords live in PGPASSWORD or ~/.pgpass, never in the console's own files.
 *
 * @param name        how the user calls it: letters, digits, '.', '_' and '-'
 * @param jdbcUrl     a PostgreSQL JDBC URL, checked as --db-url is
 * @param user        the database user, or null for the URL's or the login name
 * @param colour      "#rrggbb" (lower case), or null for the window's usual look
 * @param readOnly    whether everything that writes is refused on this connection
 * @param serverUrl   the RedFlag server that queues signed scans, or null
 * @param sslMode     pgjdbc's sslmode, or null for the URL's own
 * @param sslRootCert the CA file for verify-ca / verify-full, or null
 */
public record ConnectionProfile(String name, String jdbcUrl, String user, String colour, boolean readOnly,
        String serverUrl, String sslMode, String sslRootCert) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");

    /** @throws IllegalArgumentException with {@link #problem}'s sentence */
    public ConnectionProfile {
        user = blankToNull(user);
        colour = blankToNull(colour) == null ? null : colour.strip().toLowerCase(Locale.ROOT);
        serverUrl = blankToNull(serverUrl);
        sslMode = blankToNull(sslMode) == null ? null : sslMode.strip().toLowerCase(Locale.ROOT);
        sslRootCert = blankToNull(sslRootCert);
        Optional<String> problem = problem(name, jdbcUrl, colour, sslMode);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        name = name.strip();
        jdbcUrl = jdbcUrl.strip();
    }

    /** A profile with only a name and a URL: read-write, no colour, the URL's own TLS. */
    public static ConnectionProfile of(String name, String jdbcUrl) {
        return new ConnectionProfile(name, jdbcUrl, null, null, false, null, null, null);
    }

    /** Why these values cannot make a profile, in one sentence, or empty when they can. */
    public static Optional<String> problem(String name, String jdbcUrl, String colour, String sslMode) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            return Optional.of("A profile name is 1 to 40 letters, digits, '.', '_' or '-' (such as prod or "
                    + "staging-eu), not \"" + name + "\".");
        }
        try {
            JdbcUrls.validate(jdbcUrl);
        } catch (ConnectionProblem bad) {
            return Optional.of("Profile " + name.strip() + ": " + bad.getMessage());
        }
        if (colour != null && !colour.isBlank() && !COLOUR.matcher(colour.strip()).matches()) {
            return Optional.of("A profile's colour is #rrggbb in hexadecimal, such as #c62828, not \"" + colour + "\".");
        }
        if (sslMode != null && !sslMode.isBlank() && !SSL_MODES.contains(sslMode.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("A profile's TLS mode is disable, allow, prefer, require, verify-ca or verify-full, not \""
                    + sslMode + "\".");
        }
        return Optional.empty();
    }

    public Optional<String> colourIfSet() {
        return Optional.ofNullable(colour);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
