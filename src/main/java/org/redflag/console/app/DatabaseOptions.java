package org.redflag.console.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.db.TlsSettings;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.profiles.ProfileProblem;
import org.redflag.console.profiles.ProfileStore;
import org.redflag.console.server.ServerConnection;
import picocli.CommandLine.Option;

/**
 * The options every command shares for choosing a database. Passwords are deliberately not among them:
 * they come from PGPASSWORD, ~/.pgpass or the GUI's prompt, never from a command line.
 */
public final class DatabaseOptions {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Connect through the saved connection profile NAME (see `profiles list`): its database "
                    + "URL, user, TLS and RedFlag server, each unless given as an option here; a read-only profile "
                    + "changes nothing.")
    String profileName;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db.example:5432/redflag "
                    + "(env REDFLAG_DB_URL). Without it the console runs its own embedded PostgreSQL.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "Database user (env REDFLAG_DB_USER; default: your login name). The password comes from "
                    + "PGPASSWORD, ~/.pgpass (PGPASSFILE), or a prompt in the window.")
    String dbUser;

    @Option(names = "--db-sslmode", paramLabel = "MODE",
            description = "TLS to the database: disable, allow, prefer, require, verify-ca or verify-full (env "
                    + "REDFLAG_DB_SSLMODE; replaces sslmode in the URL; pgjdbc's default is prefer). verify-full "
                    + "checks the server's certificate and host name.")
    String sslMode;

    @Option(names = "--db-sslrootcert", paramLabel = "FILE",
            description = "PEM file of the CA that signed the database server's certificate (env "
                    + "REDFLAG_DB_SSLROOTCERT; default ~/.postgresql/root.crt).")
    String sslRootCert;

    @Option(names = "--db-sslcert", paramLabel = "FILE",
            description = "Client certificate, for a server that authenticates by certificate "
                    + "(env REDFLAG_DB_SSLCERT).")
    String sslCert;

    @Option(names = "--db-sslkey", paramLabel = "FILE",
            description = "The client certificate's key, PKCS-8 DER (.pk8) or PKCS-12 (.p12) (env REDFLAG_DB_SSLKEY).")
    String sslKey;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the embedded database, logs and the error spool (env REDFLAG_DATA_DIR; "
                    + "default: your data folder, e.g. ~/.local/share/redflag-console).")
    Path dataDir;

    @Option(names = "--embedded-port", paramLabel = "PORT", defaultValue = "0",
            description = "Port for the embedded PostgreSQL (default: any free port).")
    int embeddedPort;

    @Option(names = "--no-migrate", negatable = false,
            description = "Do not run schema migrations at start-up (for inspecting a database as it is).")
    boolean noMigrate;

    @Option(names = "--no-demo", negatable = false,
            description = "Do not seed the demo fleet into a new embedded database.")
    boolean noDemo;

    @Option(names = "--simulate-fleet", negatable = true,
            description = "Run simulated agents that take and answer scans. On by default with the embedded demo "
                    + "database; on any other database only when given, since they write scan results into it.")
    Boolean simulateFleet;

    @Option(names = "--timeout-minutes", paramLabel = "MINUTES", defaultValue = "120",
            description = "Mark a command timed out when an agent took it but has not answered after this many "
                    + "minutes (default: ${DEFAULT-VALUE}).")
    long commandTimeoutMinutes;

    @Option(names = "--server-url", paramLabel = "URL",
            description = "The RedFlag server that queues signed scans, e.g. https://redflag.example:8080 "
                    + "(env REDFLAG_SERVER_URL). Its token comes from REDFLAG_SERVER_TOKEN, or a login from "
                    + "REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD.")
    String serverUrl;

    /** Accepted only to refuse it with a reason, as --password is: secrets stay off command lines. */
    @Option(names = {"--server-token", "--server-password"}, hidden = true, arity = "0..1", paramLabel = "SECRET")
    String refusedServerSecret;

    /** Accepted only to refuse it with a reason: a password on a command line leaks into history and ps. */
    @Option(names = {"--password", "--db-password"}, hidden = true, arity = "0..1", paramLabel = "PASSWORD")
    String refusedPassword;

    /** A sentence for the user when the options cannot be used as given. */
    public java.util.Optional<String> problem() {
        if (refusedPassword != null) {
            return java.util.Optional.of("Passwords are not taken on the command line, where shell history and the "
                    + "process list would keep them. Set PGPASSWORD, add the server to ~/.pgpass, or type it when the "
                    + "console asks.");
        }
        if (refusedServerSecret != null) {
            return java.util.Optional.of("RedFlag server tokens and passwords are not taken on the command line, "
                    + "where shell history and the process list would keep them. Set REDFLAG_SERVER_TOKEN, or "
                    + "REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD.");
        }
        if (serverUrl != null) {
            Optional<String> badUrl = ServerConnection.urlProblem(serverUrl, "--server-url");
            if (badUrl.isPresent()) {
                return badUrl;
            }
        }
        if (commandTimeoutMinutes < 1) {
            return java.util.Optional.of("--timeout-minutes must be at least 1 minute; agents need time to answer.");
        }
        return java.util.Optional.empty();
    }

    /**
     * A sentence for the user when the options and the environment together cannot be used: everything
     * {@link #problem()} finds, plus a bad REDFLAG_SERVER_URL or a server without usable credentials.
     */
    public Optional<String> problem(Map<String, String> env) {
        return problem().or(() -> profileProblem(env)).or(() -> tlsProblem(env)).or(() -> serverProblem(env));
    }

    private Optional<String> profileProblem(Map<String, String> env) {
        try {
            profile(env);
            return Optional.empty();
        } catch (IllegalArgumentException unknown) {
            return Optional.of(unknown.getMessage());
        }
    }

    /**
     * The profile --profile names, from the data folder's profiles file; empty without --profile.
     *
     * @throws IllegalArgumentException with a sentence naming the known profiles when there is no such profile
     */
    public Optional<ConnectionProfile> profile(Map<String, String> env) {
        if (profileName == null) {
            return Optional.empty();
        }
        ProfileStore store = new ProfileStore(dataDirectory(env));
        try {
            Optional<ConnectionProfile> found = store.find(profileName);
            if (found.isPresent()) {
                return found;
            }
            throw new IllegalArgumentException(store.unknown(profileName));
        } catch (ProfileProblem unreadable) {
            throw new IllegalArgumentException(unreadable.getMessage(), unreadable);
        }
    }

    /** The profile's value for a setting: an option given beside --profile wins, the environment comes after. */
    private static String fromProfile(Optional<ConnectionProfile> profile, Function<ConnectionProfile, String> value) {
        return profile.map(value).orElse(null);
    }

    /** TLS options on the embedded database would look like protection they are not: it is local and has no TLS. */
    private Optional<String> tlsProblem(Map<String, String> env) {
        boolean tlsOption = firstNonBlank(sslMode, firstNonBlank(sslRootCert, firstNonBlank(sslCert, sslKey))) != null;
        if (tlsOption && databaseUrl(env) == null) {
            return Optional.of("--db-sslmode, --db-sslrootcert, --db-sslcert and --db-sslkey are for a database given "
                    + "with --db-url (or REDFLAG_DB_URL); the embedded database runs on this machine without TLS.");
        }
        return Optional.empty();
    }

    /**
     * The TLS settings in force, each on its own: the option, else the environment, else (left null) the URL's own
     * parameter, else pgjdbc's default.
     */
    public TlsSettings tls(Map<String, String> env) {
        Optional<ConnectionProfile> profile = profile(env);
        return new TlsSettings(
                firstNonBlank(sslMode, firstNonBlank(fromProfile(profile, ConnectionProfile::sslMode),
                        env.get("REDFLAG_DB_SSLMODE"))),
                firstNonBlank(sslRootCert, firstNonBlank(fromProfile(profile, ConnectionProfile::sslRootCert),
                        env.get("REDFLAG_DB_SSLROOTCERT"))),
                firstNonBlank(sslCert, env.get("REDFLAG_DB_SSLCERT")),
                firstNonBlank(sslKey, env.get("REDFLAG_DB_SSLKEY")));
    }

    /** The RedFlag server's URL in force: the option, else the profile's, else REDFLAG_SERVER_URL. */
    private String serverUrl(Map<String, String> env) {
        return firstNonBlank(serverUrl, firstNonBlank(fromProfile(profile(env), ConnectionProfile::serverUrl),
                env.get("REDFLAG_SERVER_URL")));
    }

    /** The database URL in force: the option, else the profile's, else REDFLAG_DB_URL; null for the embedded one. */
    String databaseUrl(Map<String, String> env) {
        return firstNonBlank(dbUrl, firstNonBlank(fromProfile(profile(env), ConnectionProfile::jdbcUrl),
                env.get("REDFLAG_DB_URL")));
    }

    private Optional<String> serverProblem(Map<String, String> env) {
        String url = serverUrl(env);
        if (url == null) {
            return Optional.empty();
        }
        String source = serverUrl != null && !serverUrl.isBlank() ? "--server-url"
                : fromProfile(profile(env), ConnectionProfile::serverUrl) != null ? "profile " + profileName
                : "REDFLAG_SERVER_URL";
        Optional<String> badUrl = ServerConnection.urlProblem(url, source);
        if (badUrl.isPresent()) {
            return badUrl;
        }
        boolean token = isSet(env, "REDFLAG_SERVER_TOKEN");
        boolean user = isSet(env, "REDFLAG_SERVER_USER");
        boolean password = isSet(env, "REDFLAG_SERVER_PASSWORD");
        if (token || (user && password)) {
            return Optional.empty();
        }
        if (user || password) {
            return Optional.of((user ? "REDFLAG_SERVER_USER is set but REDFLAG_SERVER_PASSWORD is not"
                    : "REDFLAG_SERVER_PASSWORD is set but REDFLAG_SERVER_USER is not")
                    + "; set both to log in to the RedFlag server, or set REDFLAG_SERVER_TOKEN instead.");
        }
        return Optional.of("The RedFlag server at " + url + " needs the console's credentials; set "
                + "REDFLAG_SERVER_TOKEN, or REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD, in the environment.");
    }

    /**
     * The RedFlag server in force: the option, else REDFLAG_SERVER_URL; a token from REDFLAG_SERVER_TOKEN wins
     * over a login from REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD.
     *
     * @throws IllegalArgumentException with {@link #problem(Map)}'s sentence when they cannot be used
     */
    public Optional<ServerConnection> serverConnection(Map<String, String> env) {
        String url = serverUrl(env);
        if (url == null) {
            return Optional.empty();
        }
        serverProblem(env).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (isSet(env, "REDFLAG_SERVER_TOKEN")) {
            return Optional.of(ServerConnection.withToken(url, env.get("REDFLAG_SERVER_TOKEN").toCharArray()));
        }
        return Optional.of(ServerConnection.withLogin(url, env.get("REDFLAG_SERVER_USER").strip(),
                env.get("REDFLAG_SERVER_PASSWORD").toCharArray()));
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isEmpty();
    }

    /** Whether --data-dir was given (the post-mortem demo otherwise takes a folder of its own). */
    public boolean dataDirGiven() {
        return dataDir != null;
    }

    public void useDataDirectory(Path folder) {
        this.dataDir = folder;
    }

    /** Whether --db-url or --profile was given on the command line (the environment aside): a server is named. */
    public boolean serverNamed() {
        return dbUrl != null || profileName != null;
    }

    /** The data folder in force: the option, else the environment, else the platform default. */
    public Path dataDirectory(Map<String, String> env) {
        if (dataDir != null) {
            return dataDir;
        }
        String fromEnv = env.get("REDFLAG_DATA_DIR");
        return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : DataFolders.defaultDataDirectory(env);
    }

    /** Resolves flags against the environment; flags win. */
    public ConsoleSettings toSettings(Map<String, String> env) {
        Optional<ConnectionProfile> profile = profile(env);
        String url = databaseUrl(env);
        String user = firstNonBlank(dbUser, firstNonBlank(fromProfile(profile, ConnectionProfile::user),
                env.get("REDFLAG_DB_USER")));
        DatabaseTarget target = url == null
                ? new DatabaseTarget.Embedded(DataFolders.postgresData(dataDirectory(env)), embeddedPort)
                : new DatabaseTarget.Server(url, user, tls(env));
        // The simulated agents write scan results: never on a connection the user asked to leave alone.
        boolean readOnly = profile.map(ConnectionProfile::readOnly).orElse(false);
        boolean simulate = !readOnly && (simulateFleet != null
                ? simulateFleet
                : ConsoleSettings.simulatesByDefault(target, !noDemo));
        return new ConsoleSettings(target, !noMigrate, !noDemo, simulate,
                java.time.Duration.ofMinutes(commandTimeoutMinutes), dataDirectory(env), serverConnection(env),
                profile);
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
