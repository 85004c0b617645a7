package org.redflag.console.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.redflag.console.causes.Causes;

/**
 * The sentences the client's exceptions carry: what happened, then what to do. They quote the server's own
 * error text, but never a secret: callers pass that text through {@link #withoutSecrets} first.
 */
final class ServerSentences {

    private final ServerConnection connection;

    ServerSentences(ServerConnection connection) {
        this.connection = connection;
    }

    private String server() {
        return "the RedFlag server at " + connection.baseUrl();
    }

    private static String http(int status, Optional<String> error) {
        return error.map(e -> "(HTTP " + status + ": " + e + ")").orElse("(HTTP " + status + ")");
    }

    ServerRefused notAccepted(int status, Optional<String> error) {
        String who = connection.username().map(u -> "login as " + u).orElse("token");
        String todo = connection.logsIn()
                ? "check REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD, or set REDFLAG_SERVER_TOKEN instead"
                : "check REDFLAG_SERVER_TOKEN (it may have expired or been revoked), or set REDFLAG_SERVER_USER and "
                        + "REDFLAG_SERVER_PASSWORD to log in instead";
        return new ServerRefused(capitalised(server()) + " did not accept the console's " + who + " "
                + http(status, error) + "; " + todo + ".", status, error.orElse(null));
    }

    ServerProblem triggerFailed(ServerAnswer answer, Optional<String> error, UUID agentId, String subsystem) {
        int status = answer.status();
        String said = error.orElse("");
        if (status == 401 || status == 403) {
            return notAccepted(status, error);
        }
        if (status == 404 && said.equalsIgnoreCase("Subsystem not found")) {
            return refused("Agent " + agentId + " has no " + subsystem + " subsystem on " + server() + " "
                    + http(status, error) + "; pick one of the subsystems the agent reports.", status, error);
        }
        if (status == 404) {
            return refused(capitalised(server()) + " has no subsystem trigger route " + http(status, error)
                    + "; check that --server-url (REDFLAG_SERVER_URL) points at a RedFlag server of the later "
                    + "generation, including any path prefix.", status, error);
        }
        if (status == 400 && said.toLowerCase(java.util.Locale.ROOT).contains("disabled")) {
            return refused("The " + subsystem + " subsystem of agent " + agentId + " is disabled on " + server()
                    + " " + http(status, error) + "; enable it for this agent, then scan again.", status, error);
        }
        if (status == 400 && said.toLowerCase(java.util.Locale.ROOT).contains("agent")) {
            return refused(capitalised(server()) + " did not accept agent id " + agentId + " " + http(status, error)
                    + "; check that the agent is registered with this server.", status, error);
        }
        if (status >= 400 && status < 500) {
            return refused(capitalised(server()) + " refused to queue a " + subsystem + " scan for agent "
                    + agentId + " " + http(status, error) + "; its log says why.", status, error);
        }
        return failedWithStatus(status, error);
    }

    ServerUnavailable failedWithStatus(int status, Optional<String> error) {
        return new ServerUnavailable("Cannot reach " + server() + ": it answered HTTP " + status
                + error.map(e -> " (" + e + ")").orElse("") + "; try again in a moment, and if it keeps failing, "
                + "look at the server's log.", status, error.orElse(null));
    }

    ServerUnavailable unusableAnswer(int status, String what, Optional<String> body) {
        return new ServerUnavailable("Cannot use the answer of " + server() + ": " + what
                + body.map(b -> " (" + b + ")").orElse("") + "; check that --server-url (REDFLAG_SERVER_URL) "
                + "points at a RedFlag server.", status, body.orElse(null));
    }

    ServerUnavailable unreachable(IOException failure) {
        return new ServerUnavailable("Cannot reach " + server() + ": " + whatWentWrong(failure) + ".", failure);
    }

    ServerUnavailable interrupted(InterruptedException e) {
        return new ServerUnavailable("Cannot reach " + server() + ": the console stopped waiting for it "
                + "(interrupted); try again.", e);
    }

    private String whatWentWrong(IOException failure) {
        String host = connection.baseUrl().getHost();
        if (failure instanceof HttpConnectTimeoutException) {
            return "nothing answered within " + RedFlagServerClient.CONNECT_TIMEOUT.toSeconds() + " seconds; check "
                    + "the host and port, and that no firewall drops the connection";
        }
        if (failure instanceof HttpTimeoutException) {
            return "it did not answer within " + RedFlagServerClient.REQUEST_TIMEOUT.toSeconds() + " seconds; it "
                    + "may be overloaded, so try again in a moment";
        }
        if (Causes.causedBy(failure, UnknownHostException.class)
                || Causes.causedBy(failure, UnresolvedAddressException.class)) {
            return "the host name " + host + " is unknown; check the spelling in --server-url (REDFLAG_SERVER_URL) "
                    + "and your DNS";
        }
        if (Causes.causedBy(failure, SSLException.class)) {
            return "the TLS connection failed (" + firstMessage(failure) + "); check that this Java trusts the "
                    + "server's certificate, and whether the URL should start with http:// instead";
        }
        if (Causes.causedBy(failure, ConnectException.class)) {
            return "nothing answered there (connection refused); check that the server is running and that the "
                    + "host and port are right";
        }
        return "the connection failed (" + firstMessage(failure) + "); check the network and try again";
    }

    /** Hides the secrets in text the server sent back, in case it echoes what it was given. */
    String withoutSecrets(String text, char[]... secrets) {
        String clean = text;
        for (char[] secret : secrets) {
            if (secret != null && secret.length >= 4) {
                clean = clean.replace(new String(secret), "***");
            }
        }
        return clean;
    }

    private static ServerRefused refused(String sentence, int status, Optional<String> error) {
        return new ServerRefused(sentence, status, error.orElse(null));
    }

    private static String firstMessage(Throwable failure) {
        return Causes.chain(failure).stream().map(Throwable::getMessage)
                .filter(m -> m != null && !m.isBlank()).findFirst()
                .orElse(failure.getClass().getSimpleName());
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
