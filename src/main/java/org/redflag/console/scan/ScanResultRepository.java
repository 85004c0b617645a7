package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * What scans found, read from each subsystem's own table for one agent, in whichever shape the schema keeps
 * it: storage_metrics (the same columns in the console's schema and RedFlag's since 021), packages
 * (the console's update_packages, RedFlag's current_package_state) and docker images (RedFlag 018's
 * event rows, or the console's one row per image) and the system scan (system_info, RedFlag's agent_specs). What a schema does not have is simply empty.
 */
public final class ScanResultRepository {

    private static final String SEVERITY_ORDER = "array_position(ARRAY['critical', 'important', 'moderate', 'low'], severity::text)";

    private final DataSource dataSource;
    private final Capabilities capabilities;

    /** Scan results of the console's own schema. */
    public ScanResultRepository(DataSource dataSource) {
        this(dataSource, Capabilities.CONSOLE_SCHEMA);
    }

    public ScanResultRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.capabilities = capabilities;
    }

    /** The newest measurement of each mountpoint (index on agent_id, mountpoint, created_at DESC). */
    public List<StorageMetric> latestStorage(UUID agentId) throws SQLException {
        if (!capabilities.has(Feature.STORAGE_METRICS)) {
            return List.of();
        }
        String sql = """
                SELECT DISTINCT ON (mountpoint) mountpoint, device, filesystem, total_bytes, used_bytes,
                       available_bytes, used_percent, severity, created_at
                FROM storage_metrics
                WHERE agent_id = ?
                ORDER BY mountpoint, created_at DESC
                """;
        return list(sql, agentId, 100, rs -> new StorageMetric(rs.getString("mountpoint"), rs.getString("device"),
                rs.getString("filesystem"), rs.getLong("total_bytes"), rs.getLong("used_bytes"),
                rs.getLong("available_bytes"), rs.getBigDecimal("used_percent"), rs.getString("severity"),
                SqlTime.instant(rs, "created_at")));
    }

    /** The agent's available updates, most severe first. */
    public List<PendingPackage> pendingPackages(UUID agentId, int limit) throws SQLException {
        String sql;
        if (capabilities.isConsole()) {
            sql = "SELECT package_type, name, current_version, available_version, severity FROM update_packages"
                    + " WHERE agent_id = ? ORDER BY " + SEVERITY_ORDER + ", name LIMIT ?";
        } else if (capabilities.has(Feature.PACKAGE_STATE)) {
            sql = "SELECT package_type, package_name AS name, current_version, available_version, severity"
                    + " FROM current_package_state WHERE agent_id = ? AND status = 'pending'"
                    + " ORDER BY " + SEVERITY_ORDER + ", package_name LIMIT ?";
        } else {
            return List.of();
        }
        return list(sql, agentId, limit, rs -> new PendingPackage(rs.getString("package_type"), rs.getString("name"),
                rs.getString("current_version"), rs.getString("available_version"), rs.getString("severity")));
    }

    /** The agent's container images, those with an update first. */
    public List<DockerImage> dockerImages(UUID agentId, int limit) throws SQLException {
        if (!capabilities.has(Feature.DOCKER_IMAGES)) {
            return List.of();
        }
        String sql = capabilities.isConsole() ? """
                SELECT repository || ':' || tag AS image, image_id AS current_version,
                       CASE WHEN update_available THEN coalesce(latest_tag, 'newer') END AS available_version,
                       NULL AS severity, created_at
                FROM docker_images WHERE agent_id = ?
                ORDER BY update_available DESC, repository, tag LIMIT ?
                """ : """
                SELECT image, current_version, available_version, severity, created_at FROM (
                    SELECT DISTINCT ON (package_name) package_name AS image, current_version, available_version,
                           severity, created_at
                    FROM docker_images WHERE agent_id = ?
                    ORDER BY package_name, created_at DESC) newest
                ORDER BY (available_version IS NOT NULL AND available_version <> current_version) DESC, image LIMIT ?
                """;
        return list(sql, agentId, limit, rs -> new DockerImage(rs.getString("image"), rs.getString("current_version"),
                rs.getString("available_version"), rs.getString("severity"), SqlTime.instant(rs, "created_at")));
    }

    /**
     * The agent's newest system scan: the console's system_info, or RedFlag's agent_specs (memory in MB and
     * disks in GB there, given here in bytes); empty before the first scan or where neither table exists.
     */
    public java.util.Optional<SystemInfo> latestSystem(UUID agentId) throws SQLException {
        String sql;
        if (capabilities.has(Feature.SYSTEM_INFO)) {
            sql = """
                    SELECT cpu_model, cpu_cores, memory_total_bytes, memory_used_bytes, uptime_seconds,
                           NULL::bigint AS disk_total_bytes, NULL::bigint AS disk_free_bytes, collected_at
                    FROM system_info WHERE agent_id = ? ORDER BY collected_at DESC LIMIT 1
                    """;
        } else if (capabilities.has(Feature.AGENT_SPECS)) {
            sql = """
                    SELECT cpu_model, cpu_cores, memory_total_mb::bigint * 1048576 AS memory_total_bytes,
                           NULL::bigint AS memory_used_bytes, NULL::bigint AS uptime_seconds,
                           disk_total_gb::bigint * 1073741824 AS disk_total_bytes,
                           disk_free_gb::bigint * 1073741824 AS disk_free_bytes, collected_at
                    FROM agent_specs WHERE agent_id = ? ORDER BY collected_at DESC NULLS LAST LIMIT 1
                    """;
        } else {
            return java.util.Optional.empty();
        }
        return list(sql, agentId, 1, rs -> new SystemInfo(rs.getString("cpu_model"),
                rs.getObject("cpu_cores", Integer.class), rs.getObject("memory_total_bytes", Long.class),
                rs.getObject("memory_used_bytes", Long.class), rs.getObject("uptime_seconds", Long.class),
                rs.getObject("disk_total_bytes", Long.class), rs.getObject("disk_free_bytes", Long.class),
                SqlTime.instant(rs, "collected_at"))).stream().findFirst();
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, UUID agentId, int limit, Row<T> row) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            if (sql.contains("LIMIT ?")) {
                ps.setInt(2, limit);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }
}
