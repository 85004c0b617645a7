package org.redflag.console.history;

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

/** SQL for the history table (update_logs). Pages newest first, keyed on (executed_at, id). */
public final class HistoryRepository {

    /** The position after which the next (older) page starts. */
    public record PageKey(Instant executedAt, UUID id) {
        public static PageKey after(HistoryEntry entry) {
            return new PageKey(entry.executedAt(), entry.id());
        }
    }

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page of history, newest first, starting after {@code after} (null for the newest). */
    public List<HistoryEntry> page(PageKey after, int limit) throws SQLException {
        String sql = """
                SELECT l.id, l.executed_at, l.agent_id, a.hostname, l.subsystem, l.action, l.result, l.exit_code,
                       l.duration_seconds, left(l.stdout, 2000) AS stdout, left(l.stderr, 2000) AS stderr
                FROM update_logs l
                LEFT JOIN agents a ON a.id = l.agent_id
                %s
                ORDER BY l.executed_at DESC, l.id DESC
                LIMIT ?
                """.formatted(after == null ? "" : "WHERE (l.executed_at, l.id) < (?, ?)");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int index = 1;
            if (after != null) {
                ps.setTimestamp(index++, Timestamp.from(after.executedAt()));
                ps.setObject(index++, after.id());
            }
            ps.setInt(index, limit);
            List<HistoryEntry> entries = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(
                            rs.getObject("id", UUID.class),
                            rs.getTimestamp("executed_at").toInstant(),
                            rs.getObject("agent_id", UUID.class),
                            rs.getString("hostname"),
                            rs.getString("subsystem"),
                            rs.getString("action"),
                            rs.getString("result"),
                            (Integer) rs.getObject("exit_code"),
                            (Integer) rs.getObject("duration_seconds"),
                            rs.getString("stdout"),
                            rs.getString("stderr")));
                }
            }
            return entries;
        }
    }

    /**
     * Records an error the console showed to a user: action console_error, result failed, the console area in
     * subsystem, the message and stack trace in stderr, and who/where in metadata.
     *
     * @return the id of the new history row
     */
    public UUID insertConsoleError(ConsoleError error) throws SQLException {
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, stderr, metadata, executed_at)
                VALUES (?, 'console_error', 'failed', ?, ?, ?, jsonb_build_object('host', ?::text, 'user', ?::text,
                        'console_version', ?::text, 'kind', 'console_error'), ?)
                RETURNING id
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, error.agentId());
            ps.setString(2, error.area());
            ps.setString(3, error.message());
            ps.setString(4, error.details());
            ps.setString(5, error.host());
            ps.setString(6, error.user());
            ps.setString(7, error.consoleVersion());
            ps.setTimestamp(8, Timestamp.from(error.occurredAt()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
