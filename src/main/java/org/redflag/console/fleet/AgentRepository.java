package org.redflag.console.fleet;

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
 * SQL for agents. Lists are pages in case-insensitive hostname order after a key (keyset paging on the
 * index over (lower(hostname), id)): the whole table is never read.
 */
public final class AgentRepository {

    /** The position after which the next page starts. */
    public record PageKey(String hostname, UUID id) {
        public static PageKey after(Agent agent) {
            return new PageKey(agent.hostname(), agent.id());
        }
    }

    private static final String SELECT = """
            SELECT a.id, a.hostname, a.os_type, a.os_version, a.os_architecture, a.agent_version, a.last_seen,
                   a.reboot_required, coalesce((a.metadata ->> 'demo')::boolean, false) AS demo,
                   (SELECT max(s.last_run_at) FROM agent_subsystems s WHERE s.agent_id = a.id) AS last_scan
            FROM agents a
            """;

    private final DataSource dataSource;

    public AgentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One page of agents whose hostname contains {@code hostnameFilter} (case-insensitive; blank for all),
     * ordered by hostname, starting after {@code after} (null for the first page).
     */
    public List<Agent> page(String hostnameFilter, PageKey after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (hostnameFilter != null && !hostnameFilter.isBlank()) {
            sql.append(" AND a.hostname ILIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(hostnameFilter.strip()) + "%");
        }
        if (after != null) {
            sql.append(" AND (lower(a.hostname), a.id) > (lower(?), ?)");
            args.add(after.hostname());
            args.add(after.id());
        }
        sql.append(" ORDER BY lower(a.hostname), a.id LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Agent> agents = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agents.add(read(rs));
                }
            }
            return agents;
        }
    }

    public Optional<Agent> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT + " WHERE a.id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agents");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Agent read(ResultSet rs) throws SQLException {
        return new Agent(
                rs.getObject("id", UUID.class),
                rs.getString("hostname"),
                rs.getString("os_type"),
                rs.getString("os_version"),
                rs.getString("os_architecture"),
                rs.getString("agent_version"),
                instant(rs.getTimestamp("last_seen")),
                instant(rs.getTimestamp("last_scan")),
                rs.getBoolean("reboot_required"),
                rs.getBoolean("demo"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
