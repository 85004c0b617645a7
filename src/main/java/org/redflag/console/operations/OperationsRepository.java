package org.redflag.console.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.scan.CommandStatus;

/**
 * The fleet's commands, newest first, for the Operations view: pages by (created_at, id), never OFFSET, with
 * status, type and "stuck" applied in SQL. The same SQL reads the console's schema (V14's index, and V15's for
 * the commands in flight) and RedFlag's (its created_at index).
 */
public final class OperationsRepository {

    private static final String COLUMNS = """
            c.id, c.agent_id, a.hostname, c.command_type, c.status, c.source, c.created_at, c.sent_at, c.completed_at,
            coalesce(c.result ->> 'summary', c.result ->> 'reason', c.result ->> 'error', c.result ->> 'message') AS summary
            """;

    /** How many of the newest commands the type choices are read from: a bounded walk of the created_at index. */
    static final int TYPES_SAMPLE = 5_000;

    private final DataSource dataSource;

    public OperationsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Up to {@code limit} commands matching {@code filter} that come after {@code after} in newest-first order.
     *
     * @param stuckStatuses the statuses of a command an agent has taken and not answered
     * @param stuckBefore   a command taken before this instant and still in one of those statuses is stuck
     */
    public List<Operation> page(OperationsFilter filter, Set<CommandStatus> stuckStatuses, Instant stuckBefore,
            Operation after, int limit) throws SQLException {
        PageQuery query = pageQuery(filter, stuckStatuses, stuckBefore, after, limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query.sql())) {
            query.bind(ps);
            List<Operation> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(read(rs, stuckStatuses, stuckBefore));
                }
            }
            return page;
        }
    }

    /** A page's statement and its parameters (the tests read its plan). */
    record PageQuery(String sql, List<Object> args) {
        void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
        }
    }

    static PageQuery pageQuery(OperationsFilter filter, Set<CommandStatus> stuckStatuses, Instant stuckBefore,
            Operation after, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            // Literals from the enum, never from the user: the planner matches them to V15's partial index.
            where.add("c.status IN " + literals(filter.statuses()));
        }
        if (filter.commandType() != null) {
            where.add("c.command_type = ?");
            args.add(filter.commandType());
        }
        if (filter.stuckOnly()) {
            where.add("c.status IN " + literals(stuckStatuses) + " AND c.sent_at < ?");
            args.add(SqlTime.bind(stuckBefore));
        }
        if (after != null) {
            where.add("(c.created_at, c.id) < (?, ?)");
            args.add(SqlTime.bind(after.createdAt()));
            args.add(after.id());
        }
        String sql = "SELECT " + COLUMNS + " FROM agent_commands c LEFT JOIN agents a ON a.id = c.agent_id"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY c.created_at DESC, c.id DESC LIMIT ?";
        args.add(limit);
        return new PageQuery(sql, args);
    }

    /** The command types among the newest commands, for the type filter: bounded, however long the table. */
    public List<String> recentCommandTypes() throws SQLException {
        String sql = """
                SELECT DISTINCT command_type FROM (
                    SELECT c.command_type FROM agent_commands c ORDER BY c.created_at DESC LIMIT ?
                ) AS newest ORDER BY 1
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, TYPES_SAMPLE);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return types;
        }
    }

    /**
     * Moves failed and timed-out commands to RedFlag's archived_failed, as its server's archive does, in one
     * statement guarded by status (a command retried or changed meanwhile is left alone). Only for a schema
     * whose status check has archived_failed.
     *
     * @return how many were archived
     */
    public int archive(Collection<UUID> commandIds) throws SQLException {
        String sql = """
                UPDATE agent_commands c SET status = 'archived_failed'
                WHERE c.id = ANY (?) AND c.status IN ('failed', 'timed_out')
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", commandIds.toArray()));
            return ps.executeUpdate();
        }
    }

    private static Operation read(ResultSet rs, Set<CommandStatus> stuckStatuses, Instant stuckBefore)
            throws SQLException {
        String rawStatus = rs.getString("status");
        CommandStatus status = CommandStatus.fromId(rawStatus);
        Instant sentAt = SqlTime.instant(rs, "sent_at");
        boolean stuck = stuckStatuses.contains(status) && sentAt != null && sentAt.isBefore(stuckBefore);
        return new Operation(
                rs.getObject("id", UUID.class),
                rs.getObject("agent_id", UUID.class),
                rs.getString("hostname"),
                rs.getString("command_type"),
                status,
                rawStatus == null ? CommandStatus.PENDING.id() : rawStatus,
                rs.getString("source"),
                SqlTime.instant(rs, "created_at"),
                sentAt,
                SqlTime.instant(rs, "completed_at"),
                rs.getString("summary"),
                stuck);
    }

    /** ('pending', 'sent'): in the enum's order, so one filter always makes the same statement text. */
    private static String literals(Set<CommandStatus> statuses) {
        return new TreeSet<>(statuses).stream().map(s -> "'" + s.id() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
