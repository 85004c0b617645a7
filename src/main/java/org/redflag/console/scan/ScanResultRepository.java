package org.redflag.console.scan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** What scans found, read from each subsystem's own table for one agent. */
public final class ScanResultRepository {

    private final DataSource dataSource;

    public ScanResultRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest measurement of each mountpoint (index on agent_id, mountpoint, created_at DESC). */
    public List<StorageMetric> latestStorage(UUID agentId) throws SQLException {
        String sql = """
                SELECT DISTINCT ON (mountpoint) mountpoint, device, filesystem, total_bytes, used_bytes,
                       available_bytes, used_percent, severity, created_at
                FROM storage_metrics
                WHERE agent_id = ?
                ORDER BY mountpoint, created_at DESC
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            List<StorageMetric> metrics = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    metrics.add(new StorageMetric(rs.getString("mountpoint"), rs.getString("device"),
                            rs.getString("filesystem"), rs.getLong("total_bytes"), rs.getLong("used_bytes"),
                            rs.getLong("available_bytes"), rs.getBigDecimal("used_percent"), rs.getString("severity"),
                            CommandRepository.instant(rs.getTimestamp("created_at"))));
                }
            }
            return metrics;
        }
    }

    /** The agent's available updates, most severe first. */
    public List<PendingPackage> pendingPackages(UUID agentId, int limit) throws SQLException {
        String sql = """
                SELECT package_type, name, current_version, available_version, severity
                FROM update_packages
                WHERE agent_id = ?
                ORDER BY array_position(ARRAY['critical', 'important', 'moderate', 'low'], severity::text), name
                LIMIT ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, agentId);
            ps.setInt(2, limit);
            List<PendingPackage> packages = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    packages.add(new PendingPackage(rs.getString("package_type"), rs.getString("name"),
                            rs.getString("current_version"), rs.getString("available_version"),
                            rs.getString("severity")));
                }
            }
            return packages;
        }
    }
}
