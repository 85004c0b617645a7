package org.redflag.console.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.redflag.console.json.JsonStrings;

/**
 * A stand-in for the later RedFlag server's {@code POST /api/v1/agents/{id}/subsystems/{subsystem}/trigger}
 * and {@code POST /api/v1/auth/login}, doing in SQL what SCHEMA.md (d) and (e) document the real route does:
 * checks, the command type by OS, an idempotency key, a real Ed25519 signature, and the insert.
 *
 * <p>It records every request (method, path, whether an Authorization header was sent, the status it gave)
 * but never a token or password.
 */
public final class TriggerRouteServer implements AutoCloseable {

    /** What a request was, without its secrets. */
    public record RecordedRequest(String method, String path, boolean authorizationPresent, int status) {
        public boolean isLogin() {
            return path.equals(LOGIN_PATH);
        }
    }

    public static final String LOGIN_PATH = "/api/v1/auth/login";
    /** Go's uuid.Parse is strict about the canonical form; java.util.UUID.fromString is not. */
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final long COMMAND_LIFETIME_HOURS = 4;

    private final DataSource database;
    private final String username;
    private final char[] password;
    private final Clock clock;
    private final CommandSigner signer = new CommandSigner();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private volatile boolean loginsGiveWorkingTokens = true;

    public TriggerRouteServer(DataSource database, String acceptedToken) {
        this(database, acceptedToken, null, null, Clock.systemUTC());
    }

    public TriggerRouteServer(DataSource database, String acceptedToken, String username, String password) {
        this(database, acceptedToken, username, password, Clock.systemUTC());
    }

    /** With a clock, so that a test decides the second the idempotency key and signature carry. */
    public TriggerRouteServer(DataSource database, String acceptedToken, String username, String password,
            Clock clock) {
        this.database = database;
        this.username = username;
        this.password = password == null ? null : password.toCharArray();
        this.clock = clock;
        validTokens.add(acceptedToken);
        try {
            this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public PublicKey publicKey() {
        return signer.publicKey();
    }

    /** The key id RedFlag stores beside a signature: the first 16 bytes of SHA-256 of the raw public key. */
    public String keyId() {
        return signer.keyId();
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Every token accepted so far (the given one and those logins issued) stops working, as after expiry. */
    public void revokeTokens() {
        validTokens.clear();
    }

    /** From now on logins succeed but issue tokens the trigger route refuses: a client must not loop. */
    public void issueTokensThatDoNotWork() {
        loginsGiveWorkingTokens = false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            boolean authorization = exchange.getRequestHeaders().containsKey("Authorization");
            Answer answer;
            try {
                answer = answer(exchange, path);
            } catch (RuntimeException e) {
                answer = Answer.error(500, "internal error: " + e.getClass().getSimpleName());
            }
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, authorization, answer.status()));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Answer(int status, String body, String contentType) {
        static Answer json(int status, String json) {
            return new Answer(status, json, "application/json; charset=utf-8");
        }

        static Answer error(int status, String message) {
            return json(status, object("error", message));
        }

        /** What Gin answers for a route it does not have. */
        static Answer noRoute() {
            return new Answer(404, "404 page not found", "text/plain");
        }
    }

    private Answer answer(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            return Answer.noRoute();
        }
        if (path.equals(LOGIN_PATH)) {
            return logIn(exchange.getRequestBody());
        }
        String[] parts = path.split("/", -1);
        boolean triggerRoute = parts.length == 8 && parts[0].isEmpty() && parts[1].equals("api")
                && parts[2].equals("v1") && parts[3].equals("agents") && parts[5].equals("subsystems")
                && parts[7].equals("trigger") && !parts[6].isEmpty();
        if (!triggerRoute) {
            return Answer.noRoute();
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            return Answer.error(401, "Authorization header required");
        }
        if (!header.startsWith("Bearer ") || !validTokens.contains(header.substring("Bearer ".length()))) {
            return Answer.error(401, "Invalid token");
        }
        if (!CANONICAL_UUID.matcher(parts[4]).matches()) {
            return Answer.error(400, "Invalid agent ID");
        }
        return trigger(UUID.fromString(parts[4]), java.net.URLDecoder.decode(parts[6], StandardCharsets.UTF_8));
    }

    private Answer logIn(InputStream body) throws IOException {
        Map<String, Object> given;
        try {
            given = JSON.std.mapFrom(body);
        } catch (IOException | RuntimeException e) {
            return Answer.error(400, "Invalid request");
        }
        boolean matches = username != null && username.equals(given.get("username"))
                && given.get("password") instanceof String p && Arrays.equals(password, p.toCharArray());
        if (!matches) {
            return Answer.error(401, "Invalid credentials");
        }
        String token = "session-" + UUID.randomUUID();
        if (loginsGiveWorkingTokens) {
            validTokens.add(token);
        }
        return Answer.json(200, object("token", token));
    }

    private Answer trigger(UUID agentId, String subsystem) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                Answer answer = trigger(c, agentId, subsystem);
                c.commit();
                return answer;
            } catch (SQLException e) {
                c.rollback();
                // A second pending scan of the same type fails on idx_agent_pending_subsystem (23505) here.
                return Answer.error(500, "Failed to create command: " + e.getMessage());
            }
        } catch (SQLException e) {
            return Answer.error(500, "Failed to create command: " + e.getMessage());
        }
    }

    private Answer trigger(Connection c, UUID agentId, String subsystem) throws SQLException {
        try (var utc = c.createStatement()) {
            utc.execute("SET TIME ZONE 'UTC'");
        }
        Boolean enabled = Sql.first(c, "SELECT enabled FROM agent_subsystems WHERE agent_id = ? AND subsystem = ?",
                rs -> rs.getBoolean(1), agentId, subsystem);
        if (enabled == null) {
            return Answer.error(404, "Subsystem not found");
        }
        if (!enabled) {
            return Answer.error(400, "Subsystem is disabled");
        }
        String osType = Sql.first(c, "SELECT os_type FROM agents WHERE id = ?", rs -> rs.getString(1), agentId);
        String commandType = commandType(subsystem, osType);
        Instant now = clock.instant();
        String idempotencyKey = agentId + "_" + subsystem + "_" + now.getEpochSecond();
        UUID existing = Sql.first(c, "SELECT id FROM agent_commands WHERE agent_id = ? AND idempotency_key = ?",
                rs -> rs.getObject(1, UUID.class), agentId, idempotencyKey);
        if (existing != null) {
            // The command factory hands back the command it already made for this key.
            return triggered(existing);
        }
        UUID id = Sql.first(c, "SELECT gen_random_uuid()", rs -> rs.getObject(1, UUID.class));
        String params = object("subsystem", subsystem);
        LocalDateTime signedAt = LocalDateTime.ofInstant(now.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        String signature = signer.sign(agentId.toString(), id.toString(), commandType, params,
                signedAt.toEpochSecond(ZoneOffset.UTC));
        Sql.update(c, "INSERT INTO agent_commands (id, agent_id, command_type, params, status, source, signature, "
                + "key_id, signed_at, expires_at, idempotency_key) "
                + "VALUES (?, ?, ?, ?::jsonb, 'pending', 'manual', ?, ?, ?, ?, ?) "
                + "ON CONFLICT (idempotency_key) DO NOTHING",
                id, agentId, commandType, params, signature, keyId(), signedAt,
                signedAt.plusHours(COMMAND_LIFETIME_HOURS), idempotencyKey);
        return triggered(id);
    }

    private static Answer triggered(UUID commandId) {
        return Answer.json(200, "{\"message\":\"Subsystem scan triggered successfully\",\"command_id\":\""
                + commandId + "\"}");
    }

    /** SCHEMA.md (e): updates follows the agent's OS (lower-case substring), every other subsystem is scan_*. */
    static String commandType(String subsystem, String osType) {
        if (!subsystem.equals("updates")) {
            return "scan_" + subsystem;
        }
        String os = osType == null ? "" : osType.toLowerCase(java.util.Locale.ROOT);
        if (os.contains("debian") || os.contains("ubuntu")) {
            return "scan_apt";
        }
        if (os.contains("fedora") || os.contains("rhel") || os.contains("centos")) {
            return "scan_dnf";
        }
        return os.contains("windows") ? "scan_windows" : "scan_apt";
    }

    /** A one-field JSON object, compact as Go's json.Marshal writes it. */
    private static String object(String field, String value) {
        StringBuilder json = new StringBuilder("{");
        JsonStrings.quote(json, field);
        json.append(':');
        JsonStrings.quote(json, value);
        return json.append('}').toString();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    /** The few JDBC helpers the route needs, on the route's own transaction. */
    private static final class Sql {
        interface Column<T> {
            T read(java.sql.ResultSet rs) throws SQLException;
        }

        static <T> T first(Connection c, String sql, Column<T> column, Object... args) throws SQLException {
            try (var ps = c.prepareStatement(sql)) {
                bind(ps, args);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? column.read(rs) : null;
                }
            }
        }

        static void update(Connection c, String sql, Object... args) throws SQLException {
            try (var ps = c.prepareStatement(sql)) {
                bind(ps, args);
                ps.executeUpdate();
            }
        }

        private static void bind(java.sql.PreparedStatement ps, Object[] args) throws SQLException {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
