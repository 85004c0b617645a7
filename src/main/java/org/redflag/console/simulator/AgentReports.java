package org.redflag.console.simulator;

import java.sql.Array;
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
import org.redflag.console.db.Transactions;
import org.redflag.console.scan.Subsystem;

/**
 * The SQL a RedFlag server runs for its agents' reports, as the simulated fleet needs it (polling is
 * {@link AgentPolls}): scans being run, and their reports. A report goes to the
 * subsystem's own table, plus exactly one history row, in the transaction that finishes the command.
 */
final class AgentReports {

    /** A scan an agent is running. */
    record InFlight(UUID commandId, UUID agentId, Subsystem subsystem, Instant sentAt, ScanFindings.Host host) {
    }

    /** What the agent reports; only the findings of the scanned subsystem are set, and only on success. */
    record Report(boolean success, int exitCode, String stdout, String stderr, long durationSeconds,
            List<ScanFindings.Mount> mounts, List<ScanFindings.UpdatePackage> packages, ScanFindings.SystemFacts system,
            List<ScanFindings.Image> images) {
    }

    static final String SCAN_TYPES = "('scan_updates', 'scan_storage', 'scan_system', 'scan_docker')";

    private final DataSource dataSource;

    AgentReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Scans being run, longest-running first. */
    List<InFlight> running(int limit) throws SQLException {
        String sql = """
                SELECT c.id, c.agent_id, c.command_type, c.sent_at, a.hostname, a.os_type, a.os_version
                FROM agent_commands c JOIN agents a ON a.id = c.agent_id
                WHERE c.status = 'running' AND c.command_type IN %s
                ORDER BY c.sent_at LIMIT ?
                """.formatted(SCAN_TYPES);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            List<InFlight> running = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.add(new InFlight(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class),
                            Subsystem.fromCommandType(rs.getString("command_type")).orElseThrow(),
                            rs.getTimestamp("sent_at").toInstant(),
                            new ScanFindings.Host(rs.getString("hostname"), rs.getString("os_type"),
                                    rs.getString("os_version"))));
                }
            }
            return running;
        }
    }

    /**
     * Finishes a scan: the command completes or fails, its findings go to the subsystem's table, one history
     * row records it, and the subsystem's last/next run move — all or nothing.
     *
     * @return false when the command was no longer running (timed out meanwhile, or another fleet finished it)
     */
    boolean report(InFlight scan, Report report, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!finishCommand(c, scan, report, now)) {
                    c.rollback();
                    return false;
                }
                if (report.success()) {
                    switch (scan.subsystem()) {
                        case STORAGE -> writeStorage(c, scan, report.mounts(), now);
                        case UPDATES -> writeUpdates(c, scan, report.packages(), now);
                        case SYSTEM -> writeSystem(c, scan, report.system(), now);
                        case DOCKER -> writeDocker(c, scan, report.images(), now);
                    }
                }
                writeHistory(c, scan, report, now);
                moveSchedule(c, scan, now);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollBackAfter(c, e);
                throw e;
            }
        }
    }

    private static boolean finishCommand(Connection c, InFlight scan, Report report, Instant now) throws SQLException {
        String sql = """
                UPDATE agent_commands
                SET status = ?, completed_at = greatest(?, created_at),
                    result = jsonb_build_object('exit_code', ?::int, 'summary', ?::text)
                WHERE id = ? AND status = 'running'
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, report.success() ? "completed" : "failed");
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, report.exitCode());
            ps.setString(4, report.success() ? report.stdout() : report.stderr());
            ps.setObject(5, scan.commandId());
            return ps.executeUpdate() == 1;
        }
    }

    private static void writeStorage(Connection c, InFlight scan, List<ScanFindings.Mount> mounts, Instant now)
            throws SQLException {
        String sql = """
                INSERT INTO storage_metrics (agent_id, command_id, mountpoint, device, disk_type, filesystem, total_bytes,
                                             used_bytes, available_bytes, used_percent, severity, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (ScanFindings.Mount m : mounts) {
                ps.setObject(1, scan.agentId());
                ps.setObject(2, scan.commandId());
                ps.setString(3, m.mountpoint());
                ps.setString(4, m.device());
                ps.setString(5, m.diskType());
                ps.setString(6, m.filesystem());
                ps.setLong(7, m.totalBytes());
                ps.setLong(8, m.usedBytes());
                ps.setLong(9, m.totalBytes() - m.usedBytes());
                ps.setDouble(10, m.usedPercent());
                ps.setString(11, m.severity());
                ps.setTimestamp(12, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An updates scan lists what is available now, so it replaces the agent's previous list. */
    private static void writeUpdates(Connection c, InFlight scan, List<ScanFindings.UpdatePackage> packages, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM update_packages WHERE agent_id = ?")) {
            ps.setObject(1, scan.agentId());
            ps.executeUpdate();
        }
        String sql = """
                INSERT INTO update_packages (agent_id, command_id, package_type, name, current_version, available_version,
                                             severity, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (ScanFindings.UpdatePackage p : packages) {
                ps.setObject(1, scan.agentId());
                ps.setObject(2, scan.commandId());
                ps.setString(3, p.packageType());
                ps.setString(4, p.name());
                ps.setString(5, p.currentVersion());
                ps.setString(6, p.availableVersion());
                ps.setString(7, p.severity());
                ps.setTimestamp(8, Timestamp.from(now));
                ps.setTimestamp(9, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeSystem(Connection c, InFlight scan, ScanFindings.SystemFacts facts, Instant now)
            throws SQLException {
        String sql = """
                INSERT INTO system_info (agent_id, command_id, cpu_model, cpu_cores, memory_total_bytes, memory_used_bytes,
                                         uptime_seconds, reboot_required, collected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, scan.agentId());
            ps.setObject(2, scan.commandId());
            ps.setString(3, facts.cpuModel());
            ps.setInt(4, facts.cpuCores());
            ps.setLong(5, facts.memoryTotalBytes());
            ps.setLong(6, facts.memoryUsedBytes());
            ps.setLong(7, facts.uptimeSeconds());
            ps.setBoolean(8, facts.rebootRequired());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET reboot_required = ? WHERE id = ?")) {
            ps.setBoolean(1, facts.rebootRequired());
            ps.setObject(2, scan.agentId());
            ps.executeUpdate();
        }
    }

    /** Like updates, a docker scan is the agent's whole current list of images. */
    private static void writeDocker(Connection c, InFlight scan, List<ScanFindings.Image> images, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM docker_images WHERE agent_id = ?")) {
            ps.setObject(1, scan.agentId());
            ps.executeUpdate();
        }
        String sql = """
                INSERT INTO docker_images (agent_id, command_id, repository, tag, image_id, size_bytes, update_available,
                                           latest_tag, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (ScanFindings.Image image : images) {
                ps.setObject(1, scan.agentId());
                ps.setObject(2, scan.commandId());
                ps.setString(3, image.repository());
                ps.setString(4, image.tag());
                ps.setString(5, image.imageId());
                ps.setLong(6, image.sizeBytes());
                ps.setBoolean(7, image.updateAvailable());
                ps.setString(8, image.latestTag());
                ps.setTimestamp(9, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeHistory(Connection c, InFlight scan, Report report, Instant now) throws SQLException {
        String sql = """
                INSERT INTO update_logs (agent_id, command_id, action, result, subsystem, stdout, stderr, exit_code,
                                         duration_seconds, metadata, executed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{"simulated": true}'::jsonb, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, scan.agentId());
            ps.setObject(2, scan.commandId());
            ps.setString(3, scan.subsystem().commandType());
            ps.setString(4, report.success() ? "success" : "failed");
            ps.setString(5, scan.subsystem().id());
            ps.setString(6, report.stdout());
            ps.setString(7, report.stderr());
            ps.setInt(8, report.exitCode());
            ps.setLong(9, report.durationSeconds());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private static void moveSchedule(Connection c, InFlight scan, Instant now) throws SQLException {
        String sql = """
                UPDATE agent_subsystems
                SET last_run_at = ?, next_run_at = ?::timestamptz + make_interval(mins => interval_minutes), updated_at = now()
                WHERE agent_id = ? AND subsystem = ?
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, scan.agentId());
            ps.setString(4, scan.subsystem().id());
            ps.executeUpdate();
        }
    }

    static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
