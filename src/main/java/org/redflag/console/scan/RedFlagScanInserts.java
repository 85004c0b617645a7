package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.db.Transactions;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * A RedFlag database whose commands need no signature: the console writes the row RedFlag's own server
 * would write for a manual scan, so the server's pending-commands query hands it to the agent as it is:
 * that generation's command type, status pending, source manual, the params the server writes, the id from
 * the column default, and (where the columns exist) the trigger route's idempotency key and four hours to
 * expire.
 *
 * <p>One pending scan per agent and type: with RedFlag 023a's unique index the INSERT does nothing on
 * conflict and the pending command is read instead. Without it (v0.1.x), a transaction-scoped advisory lock
 * on (agent, type) makes check-then-insert atomic among consoles.
 */
final class RedFlagScanInserts implements ScanInserts {

    /** The advisory lock's first key: "RFCS" — the console's scans, apart from anyone else's locks. */
    private static final int LOCK_CLASS = 0x52464353;
    private static final int ATTEMPTS = 10;

    private final String columns;
    private final Capabilities capabilities;

    RedFlagScanInserts(String columns, Capabilities capabilities) {
        this.columns = columns;
        this.capabilities = capabilities;
    }

    @Override
    public Optional<ScanOutcome> enqueue(Connection c, UUID agentId, Subsystem subsystem, String source,
            UUID retriedFromId) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Optional<String> type = scanType(c, agentId, subsystem);
            if (type.isEmpty()) {
                c.rollback();
                return Optional.empty();
            }
            Optional<ScanOutcome> outcome = enqueue(c, agentId, subsystem, type.get(), source, retriedFromId);
            c.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            Transactions.rollBackAfter(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private Optional<ScanOutcome> enqueue(Connection c, UUID agentId, Subsystem subsystem, String type, String source,
            UUID retriedFromId) throws SQLException {
        boolean guardedBySchema = capabilities.has(Feature.ONE_PENDING_INDEX);
        if (!guardedBySchema) {
            lock(c, agentId, type);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AgentCommand> inserted = insert(c, agentId, subsystem, type, source, retriedFromId);
            if (inserted.isPresent()) {
                return Optional.of(new ScanOutcome(ScanOutcome.Kind.QUEUED, inserted.get()));
            }
            Optional<AgentCommand> pending = CommandRepository.single(c, """
                    SELECT %s FROM agent_commands c
                    WHERE c.agent_id = ? AND c.command_type = ? AND c.status = 'pending'
                    ORDER BY c.created_at LIMIT 1""".formatted(columns), agentId, type);
            if (pending.isPresent()) {
                return Optional.of(new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, pending.get()));
            }
            Optional<AgentCommand> sameKey = capabilities.has(Feature.COMMAND_IDEMPOTENCY_KEY)
                    ? CommandRepository.single(c, "SELECT " + columns + " FROM agent_commands c WHERE c.idempotency_key = "
                            + IDEMPOTENCY_KEY, agentId.toString(), subsystem.id())
                    : Optional.empty();
            if (sameKey.isPresent()) {
                // The trigger route's key is per second: a scan asked for again within that second is the same one.
                return Optional.of(new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, sameKey.get()));
            }
            // The pending command was handed out between our two statements: queue again.
        }
        throw new SQLException("Could not queue the " + subsystem + " scan: the pending command kept changing under us");
    }

    /** The trigger route's key: agent, subsystem and the second it was asked for. */
    private static final String IDEMPOTENCY_KEY = "(?::text || '_' || ?::text || '_' || floor(extract(epoch FROM now()))::bigint)";

    private Optional<AgentCommand> insert(Connection c, UUID agentId, Subsystem subsystem, String type, String source,
            UUID retriedFromId) throws SQLException {
        boolean key = capabilities.has(Feature.COMMAND_IDEMPOTENCY_KEY);
        boolean expires = capabilities.has(Feature.COMMAND_EXPIRES_AT);
        String sql = """
                INSERT INTO agent_commands AS c (agent_id, command_type, params, status, source, retried_from_id%s%s)
                SELECT ?, ?, ?::jsonb, 'pending', ?, ?%s%s
                WHERE NOT EXISTS (SELECT 1 FROM agent_commands p
                                  WHERE p.agent_id = ? AND p.command_type = ? AND p.status = 'pending')
                %s
                RETURNING %s
                """.formatted(key ? ", idempotency_key" : "", expires ? ", expires_at" : "",
                key ? ", " + IDEMPOTENCY_KEY : "",
                // The later server gives a new command four hours, in UTC wall time (the column has no zone).
                expires ? ", (now() AT TIME ZONE 'UTC') + interval '4 hours'" : "",
                // Also without a known unique index: one may have been added since the probe (023a's, by consent).
                "ON CONFLICT DO NOTHING", columns);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setObject(++i, agentId);
            ps.setString(++i, type);
            ps.setString(++i, capabilities.isFirstGeneration() ? "{}" : "{\"subsystem\": \"" + subsystem.id() + "\"}");
            ps.setString(++i, source);
            ps.setObject(++i, retriedFromId);
            if (key) {
                ps.setString(++i, agentId.toString());
                ps.setString(++i, subsystem.id());
            }
            ps.setObject(++i, agentId);
            ps.setString(++i, type);
            return CommandRepository.readSingle(ps);
        }
    }

    /** Serialises check-and-insert for one (agent, type) until this transaction ends. */
    private static void lock(Connection c, UUID agentId, String type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(? || ':' || ?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, agentId.toString());
            ps.setString(3, type);
            ps.execute();
        }
    }

    /**
     * The command type for this agent, or empty when the agent is gone, or the subsystem is missing or
     * disabled (as the trigger route answers 404 or 400), or the generation has no such scan.
     */
    private Optional<String> scanType(Connection c, UUID agentId, Subsystem subsystem) throws SQLException {
        boolean table = capabilities.has(Feature.SUBSYSTEMS_TABLE);
        String sql = table
                ? "SELECT a.os_type, s.enabled FROM agents a LEFT JOIN agent_subsystems s ON s.agent_id = a.id AND s.subsystem = ? WHERE a.id = ?"
                : "SELECT a.os_type, true FROM agents a WHERE a.id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (table) {
                ps.setString(++i, subsystem.id());
            }
            ps.setObject(++i, agentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(2)) {
                    return Optional.empty();
                }
                return RedFlagCommandTypes.scanType(subsystem, rs.getString(1), capabilities.isFirstGeneration());
            }
        }
    }
}
