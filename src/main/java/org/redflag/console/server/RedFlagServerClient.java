package org.redflag.console.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.redflag.console.json.JsonStrings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the RedFlag server to queue scans through its documented trigger route. On a database whose commands
 * are signed, only the server can store a command an agent will accept, so the console must not insert one
 * itself; it triggers here and then reads the row the server stored, by the id this returns.
 *
 * <p>Thread-safe. Log lines name the method, path and status, never a token or password.
 */
public final class RedFlagServerClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(RedFlagServerClient.class);
    /** Subsystem names as RedFlag uses them; anything else is refused before it reaches a URL. */
    private static final Pattern SUBSYSTEM = Pattern.compile("[A-Za-z0-9_-]{1,50}");

    private final ServerConnection connection;
    private final HttpClient http;
    private final ServerSentences sentences;
    /** The token in use: the configured one, or the one the last login gave; null before the first login. */
    private char[] sessionToken;

    public RedFlagServerClient(ServerConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        // Redirects are not followed, so the bearer token is never replayed to another host.
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.sentences = new ServerSentences(connection);
        this.sessionToken = connection.token().orElse(null);
    }

    public ServerConnection connection() {
        return connection;
    }

    /**
     * Asks the server to queue a manual scan of one subsystem of one agent, and returns the id of the command
     * it stored (signed, pending). With a username and password the client logs in first when it has no token
     * yet, and when the server answers 401 it logs in again once and retries once.
     *
     * @throws ServerRefused     when the server said no (disabled or unknown subsystem, bad agent id, login or
     *                           token not accepted)
     * @throws ServerUnavailable when the server could not be reached or failed (including HTTP 5xx, which is
     *                           also how it answers when a scan of that kind is already pending)
     */
    public UUID triggerScan(UUID agentId, String subsystem) throws ServerRefused, ServerUnavailable {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(subsystem, "subsystem");
        if (!SUBSYSTEM.matcher(subsystem).matches()) {
            throw new IllegalArgumentException("not a subsystem name: " + subsystem);
        }
        URI route = resolve("/api/v1/agents/" + agentId + "/subsystems/"
                + URLEncoder.encode(subsystem, StandardCharsets.UTF_8) + "/trigger");
        ServerAnswer answer;
        char[] token = currentToken();
        try {
            answer = postTrigger(route, token);
            if (answer.status() == 401 && connection.logsIn()) {
                // The session token may simply have expired: one fresh login, one retry, never a loop.
                char[] refused = token;
                token = logInAgain(refused);
                wipe(refused);
                answer = postTrigger(route, token);
            }
        } finally {
            wipe(token);
        }
        Optional<String> error = answer.errorText().map(this::withoutSecrets);
        if (!answer.isSuccess()) {
            ServerProblem problem = sentences.triggerFailed(answer, error, agentId, subsystem);
            if (problem instanceof ServerRefused refused) {
                throw refused;
            }
            throw (ServerUnavailable) problem;
        }
        Optional<String> commandId = answer.text("command_id");
        if (commandId.isEmpty()) {
            throw sentences.unusableAnswer(answer.status(), "it answered the trigger without a command id", error);
        }
        try {
            return UUID.fromString(commandId.get());
        } catch (IllegalArgumentException e) {
            throw sentences.unusableAnswer(answer.status(), "its command id is not a UUID", commandId);
        }
    }

    private ServerAnswer postTrigger(URI route, char[] token) throws ServerUnavailable {
        HttpRequest request = HttpRequest.newBuilder(route)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                // HttpClient takes headers as Strings: this short-lived copy of the token cannot be wiped.
                .header("Authorization", "Bearer " + new String(token))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(request);
    }

    /** The token to send now: the session's, or a new one from a first login. */
    private synchronized char[] currentToken() throws ServerRefused, ServerUnavailable {
        if (sessionToken == null) {
            sessionToken = logIn();
        }
        return sessionToken.clone();
    }

    /** Logs in again unless another thread already replaced the token that was refused. */
    private synchronized char[] logInAgain(char[] refused) throws ServerRefused, ServerUnavailable {
        if (sessionToken != null && !Arrays.equals(sessionToken, refused)) {
            return sessionToken.clone();
        }
        forgetSessionToken();
        sessionToken = logIn();
        return sessionToken.clone();
    }

    private char[] logIn() throws ServerRefused, ServerUnavailable {
        char[] password = connection.password().orElseThrow(() -> new IllegalStateException(
                "no password to log in with"));
        String body;
        try {
            StringBuilder json = new StringBuilder("{\"username\":");
            JsonStrings.quote(json, connection.username().orElseThrow());
            json.append(",\"password\":");
            JsonStrings.quote(json, new String(password));
            body = json.append('}').toString();
        } finally {
            Arrays.fill(password, '\0');
        }
        HttpRequest request = HttpRequest.newBuilder(resolve("/api/v1/auth/login"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        ServerAnswer answer = send(request);
        Optional<String> error = answer.errorText().map(this::withoutSecrets);
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            throw sentences.notAccepted(answer.status(), error);
        }
        if (!answer.isSuccess()) {
            throw sentences.failedWithStatus(answer.status(), error);
        }
        return answer.text("token").map(String::toCharArray).orElseThrow(() -> sentences.unusableAnswer(
                answer.status(), "its login answer has no token", Optional.empty()));
    }

    private ServerAnswer send(HttpRequest request) throws ServerUnavailable {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.info("{} {} answered {}", request.method(), request.uri().getRawPath(), response.statusCode());
            return ServerAnswer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            ServerUnavailable unavailable = sentences.unreachable(e);
            LOG.warn("{} {} failed: {}", request.method(), request.uri().getRawPath(), unavailable.getMessage());
            throw unavailable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw sentences.interrupted(e);
        }
    }

    private URI resolve(String path) {
        return URI.create(connection.baseUrl() + path);
    }

    private String withoutSecrets(String text) {
        char[] token;
        synchronized (this) {
            token = sessionToken == null ? null : sessionToken.clone();
        }
        char[] configured = connection.token().orElse(null);
        char[] password = connection.password().orElse(null);
        try {
            return sentences.withoutSecrets(text, token, configured, password);
        } finally {
            wipe(token);
            wipe(configured);
            wipe(password);
        }
    }

    private void forgetSessionToken() {
        wipe(sessionToken);
        sessionToken = null;
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
