package org.redflag.console.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.db.Transactions;

/**
 * The SQL of agents polling a RedFlag server, as the simulated fleet needs it: online agents keep last_seen
 * fresh, agents look at their pending scans, and take the ones they poll for (marked sent, with FOR UPDATE
 * SKIP LOCKED so two pollers never take one command), then say they started them.
 */
final class AgentPolls {

    /** A scan waiting for its agent, with what decides when that agent polls for it. */
    record Waiting(UUID commandId, UUID agentId, Instant createdAt, Instant lastSeen) {
    }

    private final DataSource dataSource;

    AgentPolls(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Agents that are online keep polling; each is touched at most once per {@code staleBefore}. */
    int heartbeat(Instant now, Instant onlineSince, Instant staleBefore, int limit) throws SQLException {
        String sql = """
                UPDATE agents SET last_seen = ?
                WHERE id IN (SELECT id FROM agents WHERE last_seen >= ? AND last_seen < ?
                             LIMIT ? FOR UPDATE SKIP LOCKED)
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(onlineSince));
            ps.setTimestamp(3, Timestamp.from(staleBefore));
            ps.setInt(4, limit);
            return ps.executeUpdate();
        }
    }

    /**
     * Pending scans, oldest first, of agents seen since {@code seenSince}: an agent gone longer (or never seen)
     * is not coming back, so its scans are never looked at and wait for the console's timeout.
     */
    List<Waiting> waiting(Instant seenSince, int limit) throws SQLException {
        String sql = """
                SELECT c.id, c.agent_id, c.created_at, a.last_seen
                FROM agent_commands c JOIN agents a ON a.id = c.agent_id
                WHERE c.status = 'pending' AND c.command_type IN %s AND a.last_seen >= ?
                ORDER BY c.created_at LIMIT ?
                """.formatted(AgentReports.SCAN_TYPES);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(seenSince));
            ps.setInt(2, limit);
            List<Waiting> waiting = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    waiting.add(new Waiting(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "last_seen")));
                }
            }
            return waiting;
        }
    }

    /**
     * Agents poll and take these scans if still pending (a Cancel may have come first), skipping rows another
     * poller holds, marked sent. The polling agents check in (last_seen) in the same transaction.
     *
     * @return the ids of the commands taken
     */
    List<UUID> claim(List<UUID> commandIds, Instant now) throws SQLException {
        if (commandIds.isEmpty()) {
            return List.of();
        }
        String claim = """
                UPDATE agent_commands c SET status = 'sent', sent_at = greatest(?, c.created_at)
                WHERE c.id IN (SELECT id FROM agent_commands WHERE id = ANY (?) AND status = 'pending'
                               FOR UPDATE SKIP LOCKED)
                RETURNING c.id, c.agent_id
                """;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<UUID> commands = new ArrayList<>();
                List<UUID> agents = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(claim)) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setArray(2, AgentReports.uuids(c, commandIds));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            commands.add(rs.getObject(1, UUID.class));
                            agents.add(rs.getObject(2, UUID.class));
                        }
                    }
                }
                if (!agents.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE agents SET last_seen = greatest(last_seen, ?) WHERE id = ANY (?)")) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setArray(2, AgentReports.uuids(c, agents));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return commands;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollBackAfter(c, e);
                throw e;
            }
        }
    }

    /** The agents start what they were sent (unless it was cancelled meanwhile). */
    void markRunning(List<UUID> commandIds) throws SQLException {
        if (commandIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE agent_commands SET status = 'running' WHERE id = ANY (?) AND status = 'sent'")) {
            ps.setArray(1, AgentReports.uuids(c, commandIds));
            ps.executeUpdate();
        }
    }
}
