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
 * followed by a read of the command that won.
 */
final class ConsoleScanInserts implements ScanInserts {

    /**
     * Inserts only while the subsystem is enabled for the agent; an active command of the same type makes it
     * a no-op (the conflict target names the partial index's columns and predicate).
     */
    private static final String INSERT_SCAN = """
            INSERT INTO agent_commands AS c (agent_id, command_type, params, source, retried_from_id)
            SELECT s.agent_id, ?, jsonb_build_object('subsystem', s.subsystem::text), ?, ?
            FROM agent_subsystems s
            WHERE s.agent_id = ? AND s.subsystem = ? AND s.enabled
            ON CONFLICT (agent_id, command_type) WHERE status IN ('pending', 'sent') DO NOTHING
            RETURNING %s
            """;

    private static final String SELECT_ACTIVE = """
            SELECT %s FROM agent_commands c
            WHERE c.agent_id = ? AND c.command_type = ? AND c.status IN ('pending', 'sent')
            """;

    /**
     * How often to go round "insert or read the active one" when the active command finishes between the two
     * statements; each round needs another command to finish in that instant, so a few are plenty.
     */
    private static final int ATTEMPTS = 10;

    private final String columns;

    ConsoleScanInserts(String columns) {
        this.columns = columns;
    }

    @Override
    public Optional<ScanOutcome> enqueue(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AgentCommand> inserted = insertScan(c, agentId, subsystem, source, retriedFromId);
            if (inserted.isPresent()) {
                return Optional.of(new ScanOutcome(ScanOutcome.Kind.QUEUED, inserted.get()));
            }
            Optional<AgentCommand> active = CommandRepository.single(c, SELECT_ACTIVE.formatted(columns), agentId,
                    subsystem.commandType());
            if (active.isPresent()) {
                return Optional.of(new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, active.get()));
            }
            if (!isEnabled(c, agentId, subsystem)) {
                return Optional.empty();
            }
            // The active command was picked up between our two statements: queue again.
        }
        throw new SQLException("Could not queue the " + subsystem + " scan: the active command kept changing under us");
    }

    private Optional<AgentCommand> insertScan(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SCAN.formatted(columns))) {
            ps.setString(1, subsystem.commandType());
            ps.setString(2, source);
            ps.setObject(3, retriedFromId);
            ps.setObject(4, agentId);
            ps.setString(5, subsystem.id());
            return CommandRepository.readSingle(ps);
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
