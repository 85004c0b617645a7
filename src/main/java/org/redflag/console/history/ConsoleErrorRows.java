package org.redflag.console.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.json.JsonStrings;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * Writes console errors into update_logs in whatever shape the schema has. The console's own schema keeps
 * who/where in a metadata column and the error's key in a uniquely indexed column. RedFlag's update_logs has
 * neither, so there the same facts go into stdout as a small JSON document, the subsystem stays empty unless
 * its check admits the console area, and the key is found again in stdout at the row's own executed_at (an
 * indexed lookup on every generation): a replayed error is still written exactly once.
 */
final class ConsoleErrorRows {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String UNDEFINED_COLUMN = "42703";

    private final DataSource dataSource;
    private final Capabilities capabilities;

    ConsoleErrorRows(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.capabilities = capabilities;
    }

    UUID insert(ConsoleError error) throws SQLException {
        try {
            return insert(error, error.agentId());
        } catch (SQLException e) {
            // An agent deleted since (or from another database, for a spooled error) is kept in the text.
            if (error.agentId() != null && FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                return insert(error, null);
            }
            throw e;
        }
    }

    /**
     * Errors are recorded even through a read-only profile, whose pool hands out read-only connections: the
     * history is where the user finds what went wrong, and an error row changes nothing of the fleet's. The pool
     * makes the connection read-only again when it comes back.
     */
    private static void makeWritable(Connection c) throws SQLException {
        if (c.isReadOnly()) {
            c.setReadOnly(false);
        }
    }

    private UUID insert(ConsoleError error, UUID agentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            makeWritable(c);
            if (!capabilities.has(Feature.LOG_METADATA)) {
                return insertAsText(c, error, agentId);
            }
            try {
                return insertWithMetadata(c, error, agentId, capabilities.has(Feature.LOG_IDEMPOTENCY_KEY));
            } catch (SQLException e) {
                // A console schema older than V6 has no idempotency_key column: exactly when a migration has
                // just failed, the error that says so must still become a row.
                if (UNDEFINED_COLUMN.equals(e.getSQLState())) {
                    return insertWithMetadata(c, error, agentId, false);
                }
                throw e;
            }
        }
    }

    /**
     * The smallest row every generation of update_logs takes (action, result, stderr, executed_at), for when
     * the schema refuses the full one for good: the error is kept, with its facts in stderr.
     */
    UUID insertBare(ConsoleError error) throws SQLException {
        String sql = """
                INSERT INTO update_logs (action, result, stderr, executed_at)
                SELECT 'console_error', 'failed', ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM update_logs WHERE executed_at = ? AND action = 'console_error'
                                  AND strpos(stderr, ?) > 0)
                RETURNING id
                """;
        try (Connection c = dataSource.getConnection()) {
            makeWritable(c);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, facts(error, error.agentId()) + "\n\n" + error.stderr());
                ps.setObject(2, at(error));
                ps.setObject(3, at(error));
                ps.setString(4, error.idempotencyKey().toString());
                UUID id = returned(ps);
                return id != null ? id : find(c, error, "strpos(stderr, ?) > 0");
            }
        }
    }

    private UUID insertAsText(Connection c, ConsoleError error, UUID agentId) throws SQLException {
        boolean subsystem = capabilities.logSubsystemAllowed(error.area());
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, %s stdout, stderr, executed_at)
                SELECT ?::uuid, 'console_error', 'failed', %s ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM update_logs WHERE executed_at = ? AND action = 'console_error'
                                  AND strpos(stdout, ?) > 0)
                RETURNING id
                """.formatted(subsystem ? "subsystem," : "", subsystem ? "?," : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setObject(++i, agentId);
            if (subsystem) {
                ps.setString(++i, error.area());
            }
            ps.setString(++i, facts(error, agentId));
            ps.setString(++i, error.stderr());
            ps.setObject(++i, at(error));
            ps.setObject(++i, at(error));
            ps.setString(++i, error.idempotencyKey().toString());
            UUID id = returned(ps);
            return id != null ? id : find(c, error, "strpos(stdout, ?) > 0");
        }
    }

    /**
     * Writes the error unless it is already there. The key is also kept in the metadata, and the row is
     * looked up by it at its own executed_at, so an error written before the key column existed is not
     * written again by a replay after the upgrade. With the column, its unique index also settles two
     * writers racing on the same error.
     */
    private static UUID insertWithMetadata(Connection c, ConsoleError error, UUID agentId, boolean keyColumn)
            throws SQLException {
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, subsystem, stderr, metadata, executed_at%s)
                SELECT ?::uuid, 'console_error', 'failed', ?, ?, ?::jsonb, ?%s
                WHERE NOT EXISTS (SELECT 1 FROM update_logs WHERE executed_at = ? AND action = 'console_error'
                                  AND metadata ->> 'idempotency_key' = ?)
                %s
                RETURNING id
                """.formatted(keyColumn ? ", idempotency_key" : "", keyColumn ? ", ?::uuid" : "",
                keyColumn ? "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setObject(++i, agentId);
            ps.setString(++i, error.area());
            ps.setString(++i, error.stderr());
            ps.setString(++i, facts(error, agentId));
            ps.setObject(++i, at(error));
            if (keyColumn) {
                ps.setObject(++i, error.idempotencyKey());
            }
            ps.setObject(++i, at(error));
            ps.setString(++i, error.idempotencyKey().toString());
            UUID id = returned(ps);
            return id != null ? id : find(c, error, "metadata ->> 'idempotency_key' = ?");
        }
    }

    /** Who, where and which error, as one JSON object (the metadata column, or stdout where there is none). */
    private static String facts(ConsoleError error, UUID agentId) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("kind", "console_error");
        facts.put("area", error.area());
        facts.put("host", error.host());
        facts.put("user", error.user());
        facts.put("console_version", error.consoleVersion());
        facts.put("thread", error.thread());
        facts.put("idempotency_key", error.idempotencyKey().toString());
        if (error.agentId() != null) {
            facts.put("agent_id", error.agentId().toString());
        }
        StringBuilder json = new StringBuilder("{");
        facts.forEach((key, value) -> {
            if (value != null) {
                if (json.length() > 1) {
                    json.append(", ");
                }
                JsonStrings.quote(json, key);
                json.append(": ");
                JsonStrings.quote(json, value);
            }
        });
        return json.append('}').toString();
    }

    /** Both the row and its lookup use the time as PostgreSQL keeps it (microseconds). */
    private static Object at(ConsoleError error) {
        return SqlTime.bind(error.occurredAt().truncatedTo(ChronoUnit.MICROS));
    }

    private static UUID returned(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getObject(1, UUID.class) : null;
        }
    }

    private static UUID find(Connection c, ConsoleError error, String keyMatches) throws SQLException {
        String sql = "SELECT id FROM update_logs WHERE executed_at = ? AND action = 'console_error' AND " + keyMatches;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, at(error));
            ps.setString(2, error.idempotencyKey().toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The console error " + error.idempotencyKey() + " was neither written nor found");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
