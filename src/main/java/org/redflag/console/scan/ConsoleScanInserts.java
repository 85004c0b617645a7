package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's own schema: the one-active-command rule is its partial unique index
 * idx_agent_commands_one_active (pending or sent), so enqueueing is an INSERT that does nothing on conflict,
 * and the same statement reads the command that won.
 */
final class ConsoleScanInserts implements ScanInserts {

    /**
     * Inserts only while the subsystem is enabled for the agent; an active command of the same type makes the
     * INSERT a no-op (the conflict target names the partial index's columns and predicate) and the SELECT
     * answers with that command instead: one round trip either way, where an INSERT then a SELECT took two
     * and 8 threads asking at once spent their time waiting on the second. The SELECT sees what the statement's
     * snapshot sees, so an active command committed by another session while the INSERT waited for it is not
     * there: then nothing comes back, and the next attempt, with a new snapshot, finds it.
     */
    private static final String INSERT_OR_READ_ACTIVE = """
            WITH inserted AS (
                INSERT INTO agent_commands AS c (agent_id, command_type, params, source, retried_from_id)
                SELECT s.agent_id, ?, jsonb_build_object('subsystem', s.subsystem::text), ?, ?
                FROM agent_subsystems s
                WHERE s.agent_id = ? AND s.subsystem = ? AND s.enabled
                ON CONFLICT (agent_id, command_type) WHERE status IN ('pending', 'sent') DO NOTHING
                RETURNING %1$s, true AS queued
            )
            SELECT * FROM inserted
            UNION ALL
            SELECT %1$s, false FROM agent_commands c
            WHERE c.agent_id = ? AND c.command_type = ? AND c.status IN ('pending', 'sent')
              AND NOT EXISTS (SELECT 1 FROM inserted)
            """;

    /**
     * How often to go round "insert or read the active one" when the active command changes under the
     * statement (finished just before it, or committed while it waited); each round needs another such
     * change in that instant, so a few are plenty.
     */
    private static final int ATTEMPTS = 10;

    /**
     * Formatted once, not on every call: the text is the same for every scan, and pgjdbc finds its server-prepared
     * statement by it.
     */
    private final String insertOrReadActive;

    ConsoleScanInserts(String columns) {
        this.insertOrReadActive = INSERT_OR_READ_ACTIVE.formatted(columns);
    }

    @Override
    public Optional<ScanOutcome> enqueue(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ScanOutcome> outcome = insertOrReadActive(c, agentId, subsystem, source, retriedFromId);
            if (outcome.isPresent()) {
                return outcome;
            }
            if (!isEnabled(c, agentId, subsystem)) {
                return Optional.empty();
            }
            // The active command changed between the snapshot and the INSERT: look again.
        }
        throw new SQLException("Could not queue the " + subsystem + " scan: the active command kept changing under us");
    }

    private Optional<ScanOutcome> insertOrReadActive(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertOrReadActive)) {
            ps.setString(1, subsystem.commandType());
            ps.setString(2, source);
            ps.setObject(3, retriedFromId);
            ps.setObject(4, agentId);
            ps.setString(5, subsystem.id());
            ps.setObject(6, agentId);
            ps.setString(7, subsystem.commandType());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ScanOutcome.Kind kind = rs.getBoolean("queued") ? ScanOutcome.Kind.QUEUED : ScanOutcome.Kind.ALREADY_QUEUED;
                return Optional.of(new ScanOutcome(kind, CommandRepository.read(rs)));
            }
        }
    }

    private static boolean isEnabled(Connection c, UUID agentId, Subsystem subsystem) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT enabled FROM agent_subsystems WHERE agent_id = ? AND subsystem = ?")) {
            ps.setObject(1, agentId);
            ps.setString(2, subsystem.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
