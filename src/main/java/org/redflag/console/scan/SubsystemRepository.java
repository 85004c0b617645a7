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
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each agent can scan, how often, and when it last did: agent_subsystems where the schema has it
 * (the console's, RedFlag's since 015). RedFlag's first generation has no such table and knows one scan,
 * updates, which every agent can run; its last run is the agent's newest scan_updates in the history.
 */
public final class SubsystemRepository {

    private static final Logger LOG = LoggerFactory.getLogger(SubsystemRepository.class);

    private static final String SELECT = """
            SELECT agent_id, subsystem, coalesce(enabled, false) AS enabled, coalesce(auto_run, false) AS auto_run,
                   coalesce(interval_minutes, 0) AS interval_minutes, last_run_at, next_run_at
            FROM agent_subsystems
            """;

    private static final String FIRST_GENERATION = """
            SELECT a.id AS agent_id, 'updates' AS subsystem, true AS enabled, false AS auto_run, 0 AS interval_minutes,
                   (SELECT max(l.executed_at) FROM update_logs l WHERE l.agent_id = a.id AND l.action = 'scan_updates')
                       AS last_run_at,
                   NULL::timestamp AS next_run_at
            FROM agents a WHERE a.id = ?
            """;

    private final DataSource dataSource;
    private final boolean table;

    /** Subsystems of the console's own schema. */
    public SubsystemRepository(DataSource dataSource) {
        this(dataSource, Capabilities.CONSOLE_SCHEMA);
    }

    public SubsystemRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.table = capabilities.has(Feature.SUBSYSTEMS_TABLE);
    }

    /** The agent's subsystems in the order of {@link Subsystem}. */
    public List<AgentSubsystem> forAgent(UUID agentId) throws SQLException {
        String sql = table ? SELECT + """
                 WHERE agent_id = ?
                ORDER BY array_position(ARRAY['updates', 'storage', 'system', 'docker'], subsystem::text), subsystem
                """ : FIRST_GENERATION;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            List<AgentSubsystem> subsystems = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read(rs).ifPresent(subsystems::add);
                }
            }
            return subsystems;
        }
    }

    public Optional<AgentSubsystem> find(UUID agentId, Subsystem subsystem) throws SQLException {
        if (!table) {
            return forAgent(agentId).stream().filter(s -> s.subsystem() == subsystem).findFirst();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + " WHERE agent_id = ? AND subsystem = ?")) {
            ps.setObject(1, agentId);
            ps.setString(2, subsystem.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : Optional.empty();
            }
        }
    }

    /** RedFlag does not check subsystem names; one the console does not know is left out, not an error. */
    private static Optional<AgentSubsystem> read(ResultSet rs) throws SQLException {
        String name = rs.getString("subsystem");
        Optional<Subsystem> subsystem = Subsystem.fromId(name);
        if (subsystem.isEmpty()) {
            LOG.debug("Agent {} has a subsystem the console does not know: {}", rs.getObject("agent_id"), name);
            return Optional.empty();
        }
        return Optional.of(new AgentSubsystem(
                rs.getObject("agent_id", UUID.class),
                subsystem.get(),
                rs.getBoolean("enabled"),
                rs.getBoolean("auto_run"),
                rs.getInt("interval_minutes"),
                SqlTime.instant(rs, "last_run_at"),
                SqlTime.instant(rs, "next_run_at")));
    }
}
