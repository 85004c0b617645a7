package org.redflag.console.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Arranges history rows the way an agent's scan result would write them. */
public final class HistoryRows {

    private HistoryRows() {
    }

    public static UUID insert(TestDatabase db, UUID agentId, Instant executedAt, String subsystem, String action,
            String result, Integer exitCode, Integer durationSeconds, String stdout, String stderr) {
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, stderr, exit_code,
                                         duration_seconds, executed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            ps.setString(2, action);
            ps.setString(3, result);
            ps.setString(4, subsystem);
            ps.setString(5, stdout);
            ps.setString(6, stderr);
            ps.setObject(7, exitCode);
            ps.setObject(8, durationSeconds);
            ps.setObject(9, executedAt.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A successful scan with a short output. */
    public static UUID scan(TestDatabase db, UUID agentId, Instant executedAt, String subsystem, String result) {
        return insert(db, agentId, executedAt, subsystem, "scan", result, "success".equals(result) ? 0 : 1, 4,
                subsystem + " scan output", "failed".equals(result) ? subsystem + " scan failed" : "");
    }
}
