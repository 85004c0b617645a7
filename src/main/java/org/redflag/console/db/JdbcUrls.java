package org.redflag.console.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/** Checks the URLs users type before pgjdbc sees them, so a typo gets a sentence rather than a stack trace. */
public final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrls() {
    }

    /**
     * Returns the URL unchanged when pgjdbc can use it.
     *
     * @throws ConnectionProblem with kind {@link ConnectionProblem.Kind#BAD_URL} otherwise
     */
    public static String validate(String url) throws ConnectionProblem {
        if (url == null || url.isBlank()) {
            throw badUrl(String.valueOf(url), "The database URL is empty.");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            throw badUrl(trimmed, "\"" + trimmed + "\" is a libpq URI; the console needs a JDBC URL such as "
                    + "jdbc:postgresql://host:5432/redflag.");
        }
        if (!lower.startsWith(PREFIX)) {
            throw badUrl(trimmed, "\"" + trimmed + "\" is not a PostgreSQL JDBC URL; it should look like "
                    + "jdbc:postgresql://host:5432/redflag.");
        }
        Properties parsed = Driver.parseURL(trimmed, null);
        if (parsed == null) {
            throw badUrl(trimmed, "\"" + trimmed + "\" cannot be read as a PostgreSQL JDBC URL (check the host, "
                    + "the port number and the database name); it should look like jdbc:postgresql://host:5432/redflag.");
        }
        if (parsed.containsKey("password")) {
            // Passwords in URLs end up in shell history, process lists and logs.
            throw badUrl("(URL with a password, not shown)", "The database URL contains a password. Remove it from the "
                    + "URL and give it through PGPASSWORD or ~/.pgpass instead; the console will also ask for it.");
        }
        return trimmed;
    }

    /**
     * The URL with these parameters set: each replaces a parameter of the same name in the URL's query, since
     * pgjdbc lets a URL parameter win over a property handed to it beside the URL.
     */
    static String withParameters(String url, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return url;
        }
        int query = url.indexOf('?');
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String pair : url.substring(query + 1).split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!pair.isEmpty() && !parameters.containsKey(name)) {
                    kept.add(pair);
                }
            }
        }
        parameters.forEach((name, value) -> kept.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return (query >= 0 ? url.substring(0, query) : url) + "?" + String.join("&", kept);
    }

    /** "host:port/db" for display; never includes query parameters (which could hold secrets). */
    public static String hostAndDatabase(String url) {
        Properties parsed = url == null ? null : Driver.parseURL(url, null);
        if (parsed == null) {
            return "(invalid URL)";
        }
        String host = parsed.getProperty("PGHOST", "localhost");
        String port = parsed.getProperty("PGPORT", "5432");
        String db = parsed.getProperty("PGDBNAME", "");
        return host + ":" + port + "/" + db;
    }

    /** A connection parameter of the URL (e.g. "user"), as pgjdbc reads it. */
    public static java.util.Optional<String> parameter(String url, String name) {
        Properties parsed = url == null ? null : Driver.parseURL(url, null);
        return parsed == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(parsed.getProperty(name));
    }

    private static ConnectionProblem badUrl(String url, String sentence) {
        return new ConnectionProblem(ConnectionProblem.Kind.BAD_URL,
                sentence + " Check --db-url (or REDFLAG_DB_URL), or leave it out to use the embedded database.");
    }
}
