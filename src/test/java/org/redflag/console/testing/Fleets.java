package org.redflag.console.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Arranges agents the way an agent's registration would write them. */
public final class Fleets {

    private Fleets() {
    }

    public static UUID insertAgent(TestDatabase db, String hostname, String osType, Instant lastSeen) {
        String sql = """
                INSERT INTO agents (hostname, os_type, os_version, os_architecture, agent_version, last_seen)
                VALUES (?, ?, 'Test OS 1', 'amd64', '0.1.27', ?) RETURNING id
                """;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hostname);
            ps.setString(2, osType);
            ps.setTimestamp(3, lastSeen == null ? null : Timestamp.from(lastSeen));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An agent that reports the given subsystems, all enabled. */
    public static UUID insertAgentWithSubsystems(TestDatabase db, String hostname, String osType, Instant lastSeen,
            String... subsystems) {
        UUID agent = insertAgent(db, hostname, osType, lastSeen);
        for (String subsystem : subsystems) {
            insertSubsystem(db, agent, subsystem, true);
        }
        return agent;
    }

    public static final List<String> ALL_SUBSYSTEMS = List.of("updates", "storage", "system", "docker");

    public static void insertSubsystem(TestDatabase db, UUID agentId, String subsystem, boolean enabled) {
        String sql = """
                INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run)
                VALUES (?, ?, ?, 60, true)
                """;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            ps.setString(2, subsystem);
            ps.setBoolean(3, enabled);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
