package org.redflag.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.MutableClock;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.testing.TriggerRouteServer;
import org.redflag.console.testing.TriggerRouteServer.RecordedRequest;
import org.slf4j.LoggerFactory;

/** The client against a faithful stand-in of the later server's trigger route, on a real PostgreSQL. */
class RedFlagServerClientTest {

    private static final String TOKEN = "tok-7c1e5d0a9b3f4e21";
    private static final String PASSWORD = "correct horse battery";
    private static final Instant NOW = Instant.parse("2025-11-03T10:15:30.123456Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TestDatabase db;
    private UUID linuxAgent;
    private UUID windowsAgent;

    @BeforeEach
    void laterGenerationDatabase() {
        db = TestPostgres.newDatabase();
        RedFlagShape.LATER.build(db.dataSource());
        linuxAgent = agent("web-1", "linux");
        windowsAgent = agent("desk-1", "windows");
        // 015's trigger gave each agent four subsystems; this one's docker row goes, so docker is unknown to it.
        db.execute("DELETE FROM agent_subsystems WHERE agent_id = '" + linuxAgent + "' AND subsystem = 'docker'");
        subsystem(linuxAgent, "storage", true);
        subsystem(linuxAgent, "updates", true);
        subsystem(linuxAgent, "system", false);
        subsystem(windowsAgent, "updates", true);
        log.start();
        ((Logger) LoggerFactory.getLogger(RedFlagServerClient.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(RedFlagServerClient.class)).detachAppender(log);
    }

    @Test
    void aTriggerStoresTheDocumentedSignedRowAndReturnsItsId() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN, null, null, clock)) {
            RedFlagServerClient client = tokenClient(server.baseUrl(), TOKEN);

            UUID storage = client.triggerScan(linuxAgent, "storage");
            UUID linuxUpdates = client.triggerScan(linuxAgent, "updates");
            UUID windowsUpdates = client.triggerScan(windowsAgent, "updates");

            assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(3);
            assertThat(column("command_type", storage)).isEqualTo("scan_storage");
            assertThat(column("command_type", linuxUpdates)).isEqualTo("scan_apt");
            assertThat(column("command_type", windowsUpdates)).isEqualTo("scan_windows");
            assertThat(column("agent_id::text", storage)).isEqualTo(linuxAgent.toString());
            assertThat(column("params::text", storage)).isEqualTo("{\"subsystem\": \"storage\"}");
            assertThat(column("status", storage)).isEqualTo("pending");
            assertThat(column("source", storage)).isEqualTo("manual");
            assertThat(column("idempotency_key", storage))
                    .isEqualTo(linuxAgent + "_storage_" + NOW.getEpochSecond());
            assertThat(column("(expires_at - signed_at)::text", storage)).isEqualTo("04:00:00");
            assertThat(column("signed_at::text", storage)).isEqualTo("2025-11-03 10:15:30.123456");
            assertThat(column("key_id", storage)).isEqualTo(server.keyId()).hasSize(32);
            assertThat(column("signature", storage)).hasSize(128);
            assertThat(signatureVerifies(server, storage, "scan_storage", "{\"subsystem\":\"storage\"}")).isTrue();
            assertThat(signatureVerifies(server, storage, "scan_apt", "{\"subsystem\":\"storage\"}")).isFalse();
            assertThat(server.requests()).extracting(RecordedRequest::status).containsOnly(200);
            assertThat(server.requests()).allMatch(RecordedRequest::authorizationPresent);
        }
    }

    @Test
    void aDisabledSubsystemIsRefusedWithASentence() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN)) {
            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> tokenClient(server.baseUrl(), TOKEN).triggerScan(linuxAgent, "system"));

            assertThat(refused.httpStatus()).hasValue(400);
            assertThat(refused.serverError()).hasValue("Subsystem is disabled");
            assertThat(refused.getMessage()).isEqualTo("The system subsystem of agent " + linuxAgent
                    + " is disabled on the RedFlag server at " + server.baseUrl()
                    + " (HTTP 400: Subsystem is disabled); enable it for this agent, then scan again.");
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
        }
    }

    @Test
    void anUnknownSubsystemIsRefused() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN)) {
            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> tokenClient(server.baseUrl(), TOKEN).triggerScan(linuxAgent, "docker"));

            assertThat(refused.httpStatus()).hasValue(404);
            assertThat(refused.getMessage()).contains("has no docker subsystem", "Subsystem not found",
                    "pick one of the subsystems");
        }
    }

    @Test
    void aWrongPathPrefixSaysTheRouteIsMissing() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN)) {
            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> tokenClient(server.baseUrl() + "/redflag", TOKEN).triggerScan(linuxAgent, "storage"));

            assertThat(refused.getMessage()).contains("has no subsystem trigger route", "404 page not found",
                    "--server-url");
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutEverShowingIt() throws Exception {
        String wrong = "tok-wrong-0123456789";
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN)) {
            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> tokenClient(server.baseUrl(), wrong).triggerScan(linuxAgent, "storage"));

            assertThat(refused.httpStatus()).hasValue(401);
            assertThat(refused.getMessage()).contains("did not accept the console's token", "check REDFLAG_SERVER_TOKEN");
            assertThat(everythingShown(refused)).doesNotContain(wrong, TOKEN);
            assertThat(server.requests()).singleElement().satisfies(r -> {
                assertThat(r.authorizationPresent()).isTrue();
                assertThat(r.toString()).doesNotContain(wrong);
            });
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
        }
    }

    @Test
    void aLoginGetsTheTokenAndA401LogsInAgainOnce() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN, "alice", PASSWORD)) {
            RedFlagServerClient client = loginClient(server.baseUrl(), PASSWORD);

            UUID first = client.triggerScan(linuxAgent, "storage");
            server.revokeTokens();
            UUID second = client.triggerScan(linuxAgent, "updates");

            assertThat(first).isNotEqualTo(second);
            assertThat(server.requests()).extracting(r -> (r.isLogin() ? "login " : "trigger ") + r.status())
                    .containsExactly("login 200", "trigger 200", "trigger 401", "login 200", "trigger 200");
            assertThat(logText()).doesNotContain(PASSWORD).doesNotContain("session-");
        }
    }

    @Test
    void aTokenRefusedRightAfterALoginIsNotRetriedInALoop() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN, "alice", PASSWORD)) {
            server.issueTokensThatDoNotWork();

            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> loginClient(server.baseUrl(), PASSWORD).triggerScan(linuxAgent, "storage"));

            assertThat(server.requests()).extracting(r -> (r.isLogin() ? "login " : "trigger ") + r.status())
                    .containsExactly("login 200", "trigger 401", "login 200", "trigger 401");
            assertThat(refused.getMessage()).contains("login as alice", "REDFLAG_SERVER_USER");
            assertThat(everythingShown(refused)).doesNotContain(PASSWORD, "session-");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
        String wrong = "not the password";
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN, "alice", PASSWORD)) {
            ServerRefused refused = catchThrowableOfType(ServerRefused.class,
                    () -> loginClient(server.baseUrl(), wrong).triggerScan(linuxAgent, "storage"));

            assertThat(refused.getMessage()).contains("login as alice", "Invalid credentials",
                    "REDFLAG_SERVER_PASSWORD");
            assertThat(everythingShown(refused) + logText()).doesNotContain(wrong, PASSWORD);
            assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.isLogin()).isTrue());
        }
    }

    @Test
    void aServerThatIsDownIsUnavailableNamingItsUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        ServerUnavailable unavailable = catchThrowableOfType(ServerUnavailable.class,
                () -> tokenClient(url, TOKEN).triggerScan(linuxAgent, "storage"));

        assertThat(unavailable.httpStatus()).isEmpty();
        assertThat(unavailable.getMessage()).startsWith("Cannot reach the RedFlag server at " + url + ": ")
                .contains("connection refused").doesNotContain(TOKEN);
    }

    @Test
    void aSecondTriggerWhileOneIsPendingFailsOnTheServerAndTheFirstStays() throws Exception {
        try (TriggerRouteServer server = new TriggerRouteServer(db.dataSource(), TOKEN, null, null, clock)) {
            RedFlagServerClient client = tokenClient(server.baseUrl(), TOKEN);
            UUID first = client.triggerScan(linuxAgent, "storage");
            // Within the same second the idempotency key is the same, and the server hands back the same command.
            assertThat(client.triggerScan(linuxAgent, "storage")).isEqualTo(first);

            clock.advance(Duration.ofSeconds(1));
            ServerUnavailable failed = catchThrowableOfType(ServerUnavailable.class,
                    () -> client.triggerScan(linuxAgent, "storage"));

            assertThat(failed.httpStatus()).hasValue(500);
            assertThat(failed.getMessage()).startsWith("Cannot reach the RedFlag server at " + server.baseUrl()
                    + ": it answered HTTP 500 (").contains("idx_agent_pending_subsystem");
            assertThat(db.queryString("SELECT id::text FROM agent_commands WHERE status = 'pending'"))
                    .isEqualTo(first.toString());
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
        }
    }

    private static RedFlagServerClient tokenClient(String url, String token) {
        return new RedFlagServerClient(ServerConnection.withToken(url, token.toCharArray()));
    }

    private static RedFlagServerClient loginClient(String url, String password) {
        return new RedFlagServerClient(ServerConnection.withLogin(url, "alice", password.toCharArray()));
    }

    private String column(String expression, UUID commandId) {
        return db.queryString("SELECT " + expression + " FROM agent_commands WHERE id = ?", commandId);
    }

    /** SCHEMA.md (e): agent_id:id:command_type:sha256hex(json params):unix(signed_at), hex Ed25519. */
    private boolean signatureVerifies(TriggerRouteServer server, UUID commandId, String commandType,
            String paramsAsSigned) throws Exception {
        String paramsHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(paramsAsSigned.getBytes(StandardCharsets.UTF_8)));
        long signedAt = db.queryLong("SELECT extract(epoch FROM signed_at)::bigint FROM agent_commands WHERE id = ?",
                commandId);
        String message = column("agent_id::text", commandId) + ":" + commandId + ":" + commandType + ":"
                + paramsHash + ":" + signedAt;
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(server.publicKey());
        ed25519.update(message.getBytes(StandardCharsets.UTF_8));
        return ed25519.verify(HexFormat.of().parseHex(column("signature", commandId)));
    }

    private static String everythingShown(Throwable problem) {
        StringWriter trace = new StringWriter();
        problem.printStackTrace(new PrintWriter(trace));
        return problem + "\n" + trace;
    }

    private String logText() {
        List<ILoggingEvent> events = List.copyOf(log.list);
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.getFormattedMessage()).append('\n'));
        return text.toString();
    }

    private UUID agent(String hostname, String osType) {
        return UUID.fromString(db.queryString("INSERT INTO agents (hostname, os_type, agent_version) "
                + "VALUES (?, ?, '0.2.9') RETURNING id::text", hostname, osType));
    }

    private void subsystem(UUID agentId, String name, boolean enabled) {
        db.queryString("INSERT INTO agent_subsystems (agent_id, subsystem, enabled) VALUES (?, ?, ?) "
                + "ON CONFLICT (agent_id, subsystem) DO UPDATE SET enabled = EXCLUDED.enabled RETURNING id::text",
                agentId, name, enabled);
    }
}
