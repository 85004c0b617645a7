package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** SQL for agent_subsystems: what each agent can scan, how often, and when it last did. */
public final class SubsystemRepository {

    private static final String SELECT = """
            SELECT agent_id, subsystem, enabled, auto_run, interval_minutes, last_run_at, next_run_at
            FROM agent_subsystems
            """;

    private final DataSource dataSource;

    public SubsystemRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The agent's subsystems in the order of {@link Subsystem}. */
    public List<AgentSubsystem> forAgent(UUID agentId) throws SQLException {
        String sql = SELECT + """
                 WHERE agent_id = ?
                ORDER BY array_position(ARRAY['updates', 'storage', 'system', 'docker'], subsystem::text)
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            List<AgentSubsystem> subsystems = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subsystems.add(read(rs));
                }
            }
            return subsystems;
        }
    }

    public Optional<AgentSubsystem> find(UUID agentId, Subsystem subsystem) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + " WHERE agent_id = ? AND subsystem = ?")) {
            ps.setObject(1, agentId);
            ps.setString(2, subsystem.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static AgentSubsystem read(ResultSet rs) throws SQLException {
        String name = rs.getString("subsystem");
        return new AgentSubsystem(
                rs.getObject("agent_id", UUID.class),
                // The subsystem_name domain admits exactly the enum's names.
                Subsystem.fromId(name).orElseThrow(() -> new SQLException("unknown subsystem " + name)),
                rs.getBoolean("enabled"),
                rs.getBoolean("auto_run"),
                rs.getInt("interval_minutes"),
                CommandRepository.instant(rs.getTimestamp("last_run_at")),
                CommandRepository.instant(rs.getTimestamp("next_run_at")));
    }
}
