package org.redflag.console.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the RedFlag server is and how the console proves who it is: an API token, or a username and password
 * that are exchanged for a token at {@code POST /api/v1/auth/login}.
 *
 * <p>Secrets are char arrays so that the long-lived copy can be wiped ({@link #forget()}); they are never
 * part of {@link #toString()}, of an exception message, of a log line or of a file.
 */
public final class ServerConnection {

    private final URI baseUrl;
    private final char[] token;
    private final String username;
    private final char[] password;

    private ServerConnection(URI baseUrl, char[] token, String username, char[] password) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.username = username;
        this.password = password;
    }

    /**
     * A connection that sends this token as a bearer token.
     *
     * @throws IllegalArgumentException with a sentence for the user when the URL is not usable
     */
    public static ServerConnection withToken(String baseUrl, char[] token) {
        Objects.requireNonNull(token, "token");
        if (token.length == 0) {
            throw new IllegalArgumentException("The RedFlag server token is empty; set REDFLAG_SERVER_TOKEN.");
        }
        return new ServerConnection(parseBaseUrl(baseUrl, "the RedFlag server URL"), token.clone(), null, null);
    }

    /**
     * A connection that logs in with this username and password to obtain its token.
     *
     * @throws IllegalArgumentException with a sentence for the user when the URL is not usable
     */
    public static ServerConnection withLogin(String baseUrl, String username, char[] password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank() || password.length == 0) {
            throw new IllegalArgumentException("A login to the RedFlag server needs both a user and a password; set "
                    + "REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD, or REDFLAG_SERVER_TOKEN instead.");
        }
        return new ServerConnection(parseBaseUrl(baseUrl, "the RedFlag server URL"), null, username, password.clone());
    }

    /**
     * Why this text cannot be the server's base URL, as a sentence naming where it came from (the option or
     * the environment variable), or empty when it can.
     */
    public static Optional<String> urlProblem(String url, String source) {
        try {
            parseBaseUrl(url, source);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static URI parseBaseUrl(String text, String source) {
        String example = " Give it as http(s)://host[:port], e.g. https://redflag.example:8080.";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(source + " is empty." + example);
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(source + " \"" + text + "\" is not a URL (" + e.getReason() + ")."
                    + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(source + " \"" + text + "\" must start with http:// or https://."
                    + example);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(source + " \"" + text + "\" names no host." + example);
        }
        // Credentials in the URL would end up in logs and messages, which only ever show the URL.
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(source + " must not carry a user or password; set "
                    + "REDFLAG_SERVER_TOKEN, or REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(source + " \"" + text + "\" must not have a query or fragment."
                    + example);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The base URL without a trailing slash, e.g. {@code https://redflag.example:8080}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** True when the console logs in with a username and password (and so can log in again). */
    public boolean logsIn() {
        return username != null;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** A copy of the configured token, when the connection has one. */
    Optional<char[]> token() {
        return token == null ? Optional.empty() : Optional.of(token.clone());
    }

    /** A copy of the login password, when the connection logs in. */
    Optional<char[]> password() {
        return password == null ? Optional.empty() : Optional.of(password.clone());
    }

    /** Overwrites the secrets in memory; the connection cannot authenticate afterwards. */
    public void forget() {
        if (token != null) {
            Arrays.fill(token, '\0');
        }
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return baseUrl + (username == null ? " (token: ***)" : " (user " + username + ")");
    }
}
