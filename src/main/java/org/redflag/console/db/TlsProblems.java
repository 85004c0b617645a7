package org.redflag.console.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.postgresql.Driver;
import org.postgresql.jdbc.SslMode;
import org.postgresql.util.GT;
import org.postgresql.util.PSQLException;

/**
 * The TLS side of connecting: settings checked before pgjdbc sees them, and pgjdbc's TLS failures in words.
 * pgjdbc's messages are translated into the JVM's language, so they are recognised by comparing with pgjdbc's own
 * translation ({@link GT}) of the English original, never by English text alone.
 */
final class TlsProblems {

    private static final String CA_OPTIONS = "--db-sslrootcert (or REDFLAG_DB_SSLROOTCERT)";
    private static final int NAMES_TIMEOUT_MILLIS = 2_000;

    private TlsProblems() {
    }

    /** The sslmode in force for this URL: its parameter, else pgjdbc's default (prefer; verify-full for ssl=true). */
    static SslMode mode(String url) throws ConnectionProblem {
        Properties parsed = parse(url);
        try {
            return SslMode.of(parsed);
        } catch (PSQLException e) {
            throw new ConnectionProblem(ConnectionProblem.Kind.TLS, "\"" + parsed.getProperty("sslmode") + "\" is not "
                    + "an sslmode; use disable, allow, prefer, require, verify-ca or verify-full with --db-sslmode "
                    + "(or REDFLAG_DB_SSLMODE, or sslmode in the URL).", e);
        }
    }

    /** Refuses what pgjdbc would only fail on later, with less to say: an unknown sslmode, a file that is not there. */
    static void check(String url) throws ConnectionProblem {
        SslMode mode = mode(url);
        Properties parsed = parse(url);
        requireReadable(parsed, "sslrootcert", "CA certificate");
        requireReadable(parsed, "sslcert", "client certificate");
        requireReadable(parsed, "sslkey", "client key");
        // With its own sslfactory pgjdbc trusts what that factory trusts (the JVM's store, say), not a CA file.
        if (mode.verifyCertificate() && parsed.getProperty("sslrootcert") == null
                && parsed.getProperty("sslfactory") == null && !Files.isReadable(defaultRootCert())) {
            throw new ConnectionProblem(ConnectionProblem.Kind.TLS, "sslmode " + mode.value + " checks the server's "
                    + "certificate against the CA that signed it, and none was given (pgjdbc's default, "
                    + defaultRootCert() + ", does not exist). Give the CA's PEM file with " + CA_OPTIONS + ".");
        }
    }

    private static void requireReadable(Properties parsed, String parameter, String what) throws ConnectionProblem {
        String file = parsed.getProperty(parameter);
        if (file != null && !Files.isReadable(Path.of(file))) {
            String variable = "REDFLAG_DB_" + parameter.toUpperCase(Locale.ROOT);
            throw new ConnectionProblem(ConnectionProblem.Kind.TLS, "The " + what + " file " + file + " does not exist "
                    + "or cannot be read. Check --db-" + parameter + " (or " + variable + ", or " + parameter
                    + " in the URL).");
        }
    }

    /** A sentence for a failure that TLS caused, or empty when it was something else. */
    static Optional<ConnectionProblem> explain(Throwable failure, String url, String where) {
        SslMode mode;
        try {
            mode = mode(url);
        } catch (ConnectionProblem notEvenAMode) {
            return Optional.of(notEvenAMode);
        }
        PSQLException psql = org.redflag.console.causes.Causes.find(failure, PSQLException.class).orElse(null);
        String message = psql == null ? "" : String.valueOf(psql.getMessage());
        if (message.equals(GT.tr("The server does not support SSL."))) {
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.TLS, "The server at " + where + " does not "
                    + "accept TLS connections, and sslmode " + mode.value + " does not connect without. Turn ssl on in "
                    + "the server's postgresql.conf, or, only on a network you trust, connect with --db-sslmode "
                    + "prefer.", failure));
        }
        if (matches(message, "The hostname {0} could not be verified by hostnameverifier {1}.")) {
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.TLS, hostMismatch(url, message, where),
                    failure));
        }
        if (org.redflag.console.causes.Causes.find(failure, CertPathBuilderException.class).orElse(null) != null) {
            Properties parsed = parse(url);
            String signer = parsed.getProperty("sslfactory") != null ? "a CA that pgjdbc's sslfactory trusts"
                    : parsed.getProperty("sslrootcert") != null ? "the CA in " + parsed.getProperty("sslrootcert")
                    : "the CA in " + defaultRootCert() + " (pgjdbc's default)";
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.TLS, "The server's certificate at " + where
                    + " is not signed by " + signer + ", so the console did not trust it. Give the CA that signed it "
                    + "with " + CA_OPTIONS + ", or ask the server's administrator which CA that is.", failure));
        }
        if (org.redflag.console.causes.Causes.find(failure, SSLException.class).orElse(null) != null) {
            return Optional.of(new ConnectionProblem(ConnectionProblem.Kind.TLS, "The TLS handshake with " + where
                    + " failed (" + org.redflag.console.causes.Causes.rootMessage(failure) + "). Check --db-sslmode and "
                    + "--db-sslrootcert, and the server's ssl settings.", failure));
        }
        return Optional.empty();
    }

    private static String hostMismatch(String url, String message, String where) {
        Properties parsed = parse(url);
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        int which = 0;
        for (int i = 0; i < hosts.length; i++) {
            if (message.contains(hosts[i])) {
                which = i;
            }
        }
        String host = hosts[which];
        List<String> names = ServerCertificateNames.of(host, Integer.parseInt(ports[Math.min(which, ports.length - 1)]),
                NAMES_TIMEOUT_MILLIS);
        if (names.isEmpty()) {
            return "The server's certificate at " + where + " does not name " + host + ", so the console did not "
                    + "trust it. Use a host name the certificate names in the database URL, or have it reissued for "
                    + host + ".";
        }
        return "The server's certificate at " + where + " is for " + String.join(", ", names) + ", not for " + host
                + ", so the console did not trust it. Use " + (names.size() == 1 ? "that name" : "one of those names")
                + " as the host in the database URL, or have the certificate reissued with " + host
                + " among its names.";
    }

    /** True when pgjdbc's (translated) template, whatever its arguments, produced this message. */
    private static boolean matches(String message, String template) {
        int at = 0;
        for (String fixed : GT.tr(template, "\u0000", "\u0000").split("\u0000")) {
            int found = message.indexOf(fixed, at);
            if (found < 0) {
                return false;
            }
            at = found + fixed.length();
        }
        return !message.isEmpty();
    }

    /** Where pgjdbc looks for the CA when sslrootcert is not given (its LibPQFactory's rule). */
    static Path defaultRootCert() {
        String appData = System.getenv("APPDATA");
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("windows");
        return windows && appData != null ? Path.of(appData, "postgresql", "root.crt")
                : Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
    }

    private static Properties parse(String url) {
        Properties parsed = Driver.parseURL(url, null);
        return parsed == null ? new Properties() : parsed;
    }
}
