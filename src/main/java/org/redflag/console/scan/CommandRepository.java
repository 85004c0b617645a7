package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * SQL for agent_commands. The one-active-command rule is the database's (the partial unique index
 * idx_agent_commands_one_active): enqueueing is an INSERT that does nothing on conflict, followed by a read
 * of the command that won, so rapid clicks and several consoles at once can never make a duplicate or an
 * error. Every id comes from the column default.
 */
public final class CommandRepository {

    static final String COLUMNS = """
            c.id, c.agent_id, c.command_type, c.status, c.source, c.created_at, c.sent_at, c.completed_at,
            c.retried_from_id, c.result ->> 'summary' AS summary
            """;

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
            """.formatted(COLUMNS);

    private static final String SELECT_ACTIVE = """
            SELECT %s FROM agent_commands c
            WHERE c.agent_id = ? AND c.command_type = ? AND c.status IN ('pending', 'sent')
            """.formatted(COLUMNS);

    /**
     * How often to go round "insert or read the active one" when the active command finishes between the two
     * statements; each round needs another command to finish in that instant, so a few are plenty.
     */
    private static final int ENQUEUE_ATTEMPTS = 10;

    private final DataSource dataSource;

    public CommandRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues a scan, or finds the one already queued.
     *
     * @return empty when the agent has no enabled subsystem of that name (nothing was written)
     */
    public Optional<ScanOutcome> enqueueScan(UUID agentId, Subsystem subsystem, String source, UUID retriedFromId)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < ENQUEUE_ATTEMPTS; attempt++) {
                Optional<AgentCommand> inserted = insertScan(c, agentId, subsystem, source, retriedFromId);
                if (inserted.isPresent()) {
                    return Optional.of(new ScanOutcome(ScanOutcome.Kind.QUEUED, inserted.get()));
                }
                Optional<AgentCommand> active = single(c, SELECT_ACTIVE, agentId, subsystem.commandType());
                if (active.isPresent()) {
                    return Optional.of(new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, active.get()));
                }
                if (!isEnabled(c, agentId, subsystem)) {
                    return Optional.empty();
                }
                // The active command was picked up between our two statements: queue again.
            }
        }
        throw new SQLException("Could not queue the " + subsystem + " scan: the active command kept changing under us");
    }

    private static Optional<AgentCommand> insertScan(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_SCAN)) {
            ps.setString(1, subsystem.commandType());
            ps.setString(2, source);
            ps.setObject(3, retriedFromId);
            ps.setObject(4, agentId);
            ps.setString(5, subsystem.id());
            return readSingle(ps);
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

    public Optional<AgentCommand> find(UUID commandId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return single(c, "SELECT " + COLUMNS + " FROM agent_commands c WHERE c.id = ?", commandId);
        }
    }

    /** The agent's newest commands first (index on agent_id, created_at DESC, id DESC). */
    public List<AgentCommand> recentForAgent(UUID agentId, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + """
                 FROM agent_commands c WHERE c.agent_id = ?
                ORDER BY c.created_at DESC, c.id DESC LIMIT ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            ps.setInt(2, limit);
            List<AgentCommand> commands = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    commands.add(read(rs));
                }
            }
            return commands;
        }
    }

    /**
     * Cancels a command that no agent has started yet.
     *
     * @return the cancelled command, or empty when it is not pending or sent (any more)
     */
    public Optional<AgentCommand> cancel(UUID commandId, Instant at) throws SQLException {
        String sql = """
                UPDATE agent_commands c
                SET status = 'cancelled', completed_at = greatest(?, c.created_at),
                    result = coalesce(c.result, '{}'::jsonb) || jsonb_build_object('summary', 'Cancelled from the console')
                WHERE c.id = ? AND c.status IN ('pending', 'sent')
                RETURNING %s
                """.formatted(COLUMNS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, commandId);
            return readSingle(ps);
        }
    }

    /**
     * Marks commands an agent took but never answered: sent or running since before {@code sentBefore}.
     *
     * @return how many commands timed out
     */
    public int timeOut(Instant sentBefore, Instant at, String summary) throws SQLException {
        String sql = """
                UPDATE agent_commands c
                SET status = 'timed_out', completed_at = greatest(?, c.created_at),
                    result = coalesce(c.result, '{}'::jsonb) || jsonb_build_object('summary', ?::text)
                WHERE c.status IN ('sent', 'running') AND c.sent_at < ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, summary);
            ps.setTimestamp(3, Timestamp.from(sentBefore));
            return ps.executeUpdate();
        }
    }

    private static Optional<AgentCommand> single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return readSingle(ps);
        }
    }

    private static Optional<AgentCommand> readSingle(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    static AgentCommand read(ResultSet rs) throws SQLException {
        return new AgentCommand(
                rs.getObject("id", UUID.class),
                rs.getObject("agent_id", UUID.class),
                rs.getString("command_type"),
                CommandStatus.fromId(rs.getString("status")),
                rs.getString("source"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("sent_at")),
                instant(rs.getTimestamp("completed_at")),
                rs.getObject("retried_from_id", UUID.class),
                rs.getString("summary"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
