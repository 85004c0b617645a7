package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;

/**
 * SQL for agent_commands, in whichever shape the schema has. Queuing a scan is the schema's own
 * {@link ScanInserts}: each makes the database the only judge of "already queued", so rapid clicks and
 * several consoles at once can never make a duplicate or an error. Every id comes from the column default.
 */
public final class CommandRepository {

    /**
     * The one-line result: the console's simulated agents write a summary; RedFlag's server writes a cancel
     * reason, and its agents an error or a message.
     */
    static final String COLUMNS = """
            c.id, c.agent_id, c.command_type, c.status, c.source, c.created_at, c.sent_at, c.completed_at,
            c.retried_from_id,
            coalesce(c.result ->> 'summary', c.result ->> 'reason', c.result ->> 'error', c.result ->> 'message') AS summary
            """;

    /** The subsystem a console scan command scans ("scan_storage" → "storage"); null for other commands. */
    private static final String SUBSYSTEM_OF_SCAN = Arrays.stream(Subsystem.values())
            .map(s -> "WHEN '" + s.commandType() + "' THEN '" + s.id() + "'")
            .collect(Collectors.joining(" ", "CASE t.command_type ", " END"));

    private final DataSource dataSource;
    private final Capabilities capabilities;
    private final ScanInserts inserts;

    /** Commands of the console's own schema. */
    public CommandRepository(DataSource dataSource) {
        this(dataSource, Capabilities.CONSOLE_SCHEMA);
    }

    public CommandRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.capabilities = capabilities;
        this.inserts = capabilities.isConsole()
                ? new ConsoleScanInserts(COLUMNS)
                : new RedFlagScanInserts(COLUMNS, capabilities);
    }

    /**
     * Queues a scan, or finds the one already queued.
     *
     * @return empty when the agent cannot run that scan: it is gone, or the subsystem is missing or disabled
     *     (nothing was written)
     */
    public Optional<ScanOutcome> enqueueScan(UUID agentId, Subsystem subsystem, String source, UUID retriedFromId)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return inserts.enqueue(c, agentId, subsystem, source, retriedFromId);
        }
    }

    /**
     * Queues one scan on every agent whose hostname matches (the console's schema only): one statement, however
     * many agents, so 100,000 cost one round trip; agents with the subsystem disabled are left out. Agents that
     * already have the scan queued are skipped by one lookup in the one-active index each, rather than by an
     * attempted insert each (scanning 100,000 agents that all had it queued: 0.2 s of the server's CPU instead of
     * 0.7 s); the ON CONFLICT stays for a scan another console queues meanwhile.
     *
     * <p>Most of the cost is the indexes each new command goes into, so the rows go in agent order (the indexes that
     * lead with agent_id fill page after page) and get ids in time order ({@link #TIME_ORDERED_ID}): the primary key
     * and the indexes by time are then filled at their right end, where PostgreSQL skips the descent. 100,000 new
     * commands: 2.0–2.2 s instead of 3.2 s on the 2-core benchmark machine, measured best of three.
     *
     * @param hostnamePattern the ILIKE pattern of the search ({@code AgentRepository.containsPattern}), null for all
     */
    public MatchingScans enqueueScansMatching(String hostnamePattern, Subsystem subsystem, String source)
            throws SQLException {
        String sql = """
                WITH able AS (
                    SELECT s.agent_id FROM agent_subsystems s
                    WHERE s.subsystem = ? AND s.enabled
                      AND (?::text IS NULL OR EXISTS (SELECT 1 FROM agents a
                                                     WHERE a.id = s.agent_id AND a.hostname ILIKE ? ESCAPE '\\'))
                ), this_statement AS (
                    SELECT floor(random() * 4096)::bigint AS a, floor(random() * 1073741824)::bigint AS b
                ), queued AS (
                    INSERT INTO agent_commands (id, agent_id, command_type, params, source)
                    SELECT %s, agent_id, ?, (SELECT jsonb_build_object('subsystem', ?::text)), ?
                    FROM able CROSS JOIN this_statement r
                    WHERE NOT EXISTS (SELECT 1 FROM agent_commands c WHERE c.agent_id = able.agent_id
                                      AND c.command_type = ? AND c.status IN ('pending', 'sent'))
                    ORDER BY agent_id
                    ON CONFLICT (agent_id, command_type) WHERE status IN ('pending', 'sent') DO NOTHING
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM agents a WHERE ?::text IS NULL OR a.hostname ILIKE ? ESCAPE '\\'),
                       (SELECT count(*) FROM able), (SELECT count(*) FROM queued)
                """.formatted(TIME_ORDERED_ID);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subsystem.id());
            ps.setString(2, hostnamePattern);
            ps.setString(3, hostnamePattern);
            ps.setString(4, subsystem.commandType());
            ps.setString(5, subsystem.id());
            ps.setString(6, source);
            ps.setString(7, subsystem.commandType());
            ps.setString(8, hostnamePattern);
            ps.setString(9, hostnamePattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MatchingScans(subsystem, rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /**
     * A UUID in the layout of RFC 9562's version 7, made in SQL for each row of a bulk insert, in the rows' agent
     * order: the statement's millisecond (48 bits), the version, 12 random bits, the variant, 30 random bits (both
     * drawn once per statement, {@code r}) and the row's number in agent order (32 bits). So a statement's ids
     * increase row after row, and another statement's, even in the same millisecond, differ in 42 random bits.
     */
    static final String TIME_ORDERED_ID = """
            encode(int8send((floor(extract(epoch FROM statement_timestamp()) * 1000)::bigint << 16) | 28672 | r.a)
                   || int8send(x'8000000000000000'::bigint | (r.b << 32) | row_number() OVER (ORDER BY able.agent_id)),
                   'hex')::uuid""";

    /**
     * What a scan of every matching agent did.
     *
     * @param matching agents the search matched
     * @param able     of those, agents whose subsystem is enabled
     * @param queued   of those, agents that got a new command (the others had one queued already)
     */
    public record MatchingScans(Subsystem subsystem, long matching, long able, long queued) {
        public long alreadyQueued() {
            return able - queued;
        }

        public long cannotScan() {
            return matching - able;
        }
    }

    /** The oldest pending command of that type for the agent: what its next check-in would be handed. */
    public Optional<AgentCommand> findPending(UUID agentId, String commandType) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return single(c, "SELECT " + COLUMNS + """
                     FROM agent_commands c WHERE c.agent_id = ? AND c.command_type = ? AND c.status = 'pending'
                    ORDER BY c.created_at LIMIT 1""", agentId, commandType);
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
                SET %s
                WHERE c.id = ? AND c.status IN ('pending', 'sent')
                RETURNING %s
                """.formatted(cancelled(), COLUMNS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, SqlTime.bind(at));
            ps.setObject(2, commandId);
            return readSingle(ps);
        }
    }

    /**
     * Cancels many commands in one statement, each only while it is still pending or sent: one that an agent
     * took or finished meanwhile is left as it is (the status guard is in the same statement, so no race).
     *
     * @return the commands that were cancelled; the others had already moved on
     */
    public List<AgentCommand> cancelAll(Collection<UUID> commandIds, Instant at) throws SQLException {
        String sql = """
                UPDATE agent_commands c
                SET %s
                WHERE c.id = ANY (?) AND c.status IN ('pending', 'sent')
                RETURNING %s
                """.formatted(cancelled(), COLUMNS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, SqlTime.bind(at));
            ps.setArray(2, c.createArrayOf("uuid", commandIds.toArray()));
            List<AgentCommand> cancelled = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cancelled.add(read(rs));
                }
            }
            return cancelled;
        }
    }

    /** The SET of a cancel, its time the first parameter: one shape for one command and for many. */
    private String cancelled() {
        // RedFlag's server keeps an agent's result and otherwise records why: {"cancelled": true, "reason": …}.
        String result = capabilities.isConsole()
                ? "coalesce(c.result, '{}'::jsonb) || jsonb_build_object('summary', 'Cancelled from the console')"
                : "coalesce(c.result, jsonb_build_object('cancelled', true, 'reason', 'Cancelled from the console'))";
        return "status = 'cancelled', completed_at = greatest(?, c.created_at), result = " + result;
    }

    /**
     * Marks commands an agent took but never answered (sent or running since before {@code sentBefore}) as timed
     * out, and writes each one's history row, as an agent's answer would have: a command that ended without a
     * trace in the history looked, there, as if it had never run. One statement, so there is never one without
     * the other. The console's own schema only: a RedFlag server times its commands out itself.
     *
     * @return how many commands timed out
     */
    public int timeOut(Instant sentBefore, Instant at, String summary) throws SQLException {
        String sql = """
                WITH timed_out AS (
                    UPDATE agent_commands c
                    SET status = 'timed_out', completed_at = greatest(?, c.created_at),
                        result = coalesce(c.result, '{}'::jsonb) || jsonb_build_object('summary', ?::text)
                    WHERE c.status IN ('sent', 'running') AND c.sent_at < ?
                    RETURNING c.id, c.agent_id, c.command_type, c.completed_at
                )
                INSERT INTO update_logs (agent_id, command_id, action, result, subsystem, stderr, metadata, executed_at)
                SELECT t.agent_id, t.id, t.command_type, 'failed', %s, ?, '{"timed_out": true}'::jsonb, t.completed_at
                FROM timed_out t
                """.formatted(SUBSYSTEM_OF_SCAN);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, SqlTime.bind(at));
            ps.setString(2, summary);
            ps.setObject(3, SqlTime.bind(sentBefore));
            ps.setString(4, summary);
            return ps.executeUpdate();
        }
    }


    static Optional<AgentCommand> single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return readSingle(ps);
        }
    }

    static Optional<AgentCommand> readSingle(PreparedStatement ps) throws SQLException {
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
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "sent_at"),
                SqlTime.instant(rs, "completed_at"),
                rs.getObject("retried_from_id", UUID.class),
                rs.getString("summary"));
    }
}
