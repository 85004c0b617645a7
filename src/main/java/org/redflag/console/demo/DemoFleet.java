package org.redflag.console.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A believable demo fleet for the embedded database, so a laptop demo never shows an empty window.
 * Every demo agent carries {@code metadata.demo = true} and a {@code demo-} machine id; seeding is
 * idempotent (keyed on machine_id), so running it on every start adds nothing the second time.
 * Never called for a database given with --db-url.
 */
public final class DemoFleet {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);
    static final List<String> SUBSYSTEMS = List.of("updates", "storage", "system", "docker");

    /** hostname, os_type, os_version, architecture, agent version, minutes since last seen. */
    private record Spec(String hostname, String os, String version, String arch, String agentVersion, int minutesAgo) {
    }

    private static final List<Spec> FLEET = List.of(
            new Spec("web-01.demo.lan", "linux", "Ubuntu 22.04", "amd64", "0.1.27", 1),
            new Spec("web-02.demo.lan", "linux", "Ubuntu 22.04", "amd64", "0.1.27", 2),
            new Spec("web-03.demo.lan", "linux", "Ubuntu 24.04", "amd64", "0.1.27", 4),
            new Spec("api-01.demo.lan", "linux", "Debian 12", "amd64", "0.1.27", 1),
            new Spec("api-02.demo.lan", "linux", "Debian 12", "amd64", "0.1.26", 3),
            new Spec("db-primary.demo.lan", "linux", "Rocky Linux 9.4", "amd64", "0.1.27", 2),
            new Spec("db-replica.demo.lan", "linux", "Rocky Linux 9.4", "amd64", "0.1.27", 6),
            new Spec("cache-01.demo.lan", "linux", "Fedora 40", "amd64", "0.1.25", 9),
            new Spec("ci-runner-01.demo.lan", "linux", "Ubuntu 24.04", "arm64", "0.1.27", 1),
            new Spec("ci-runner-02.demo.lan", "linux", "Ubuntu 24.04", "arm64", "0.1.27", 200),
            new Spec("docker-host-01.demo.lan", "linux", "Debian 12", "amd64", "0.1.27", 2),
            new Spec("docker-host-02.demo.lan", "linux", "Debian 12", "amd64", "0.1.24", 3 * 24 * 60),
            new Spec("nas-01.demo.lan", "linux", "Debian 11", "amd64", "0.1.22", 40 * 24 * 60),
            new Spec("vpn-gw.demo.lan", "linux", "AlmaLinux 9.3", "amd64", "0.1.27", 5),
            new Spec("monitoring.demo.lan", "linux", "Ubuntu 20.04", "amd64", "0.1.26", 11),
            new Spec("WIN-DC01.demo.lan", "windows", "Windows Server 2022", "amd64", "0.1.27", 2),
            new Spec("WIN-FS01.demo.lan", "windows", "Windows Server 2019", "amd64", "0.1.26", 7),
            new Spec("WIN-RDS01.demo.lan", "windows", "Windows Server 2022", "amd64", "0.1.27", 95),
            new Spec("DESK-ACCT-07.demo.lan", "windows", "Windows 11 23H2", "amd64", "0.1.27", 3),
            new Spec("DESK-HR-02.demo.lan", "windows", "Windows 10 22H2", "amd64", "0.1.23", 9 * 24 * 60),
            new Spec("LAPTOP-SALES-11.demo.lan", "windows", "Windows 11 24H2", "amd64", "0.1.27", 26 * 60),
            new Spec("mac-build-01.demo.lan", "macos", "macOS 14.5", "arm64", "0.1.27", 1),
            new Spec("mac-build-02.demo.lan", "macos", "macOS 14.5", "arm64", "0.1.27", 14),
            new Spec("mbp-design-03.demo.lan", "macos", "macOS 15.1", "arm64", "0.1.26", 5 * 60),
            new Spec("mbp-ceo.demo.lan", "macos", "macOS 13.6", "amd64", "0.1.21", 18 * 24 * 60));

    private final DataSource dataSource;
    private final Clock clock;

    public DemoFleet(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The number of demo agents a full seed creates. */
    public static int size() {
        return FLEET.size();
    }

    /**
     * Adds the demo agents that are missing, each with its subsystems and a little history.
     *
     * @return how many agents were added (0 when the fleet was already there)
     */
    public int seed() throws SQLException {
        Instant now = clock.instant();
        Random random = new Random(42);
        int added = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < FLEET.size(); i++) {
                    Spec spec = FLEET.get(i);
                    UUID id = insertAgent(c, spec, String.format("demo-%04d", i + 1), now);
                    if (id != null) {
                        insertSubsystems(c, id, spec, now, random);
                        insertHistory(c, id, spec, now, random);
                        queueFirstScans(c, id, spec);
                        added++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                org.redflag.console.db.Transactions.rollBackAfter(c, e);
                throw e;
            }
        }
        if (added > 0) {
            LOG.info("Seeded {} demo agents", added);
        }
        return added;
    }

    private static UUID insertAgent(Connection c, Spec spec, String machineId, Instant now) throws SQLException {
        String sql = """
                INSERT INTO agents (hostname, os_type, os_version, os_architecture, agent_version, machine_id,
                                    last_seen, status, reboot_required, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'online', ?, jsonb_build_object('demo', true, 'seeded_by', 'redflag-console'))
                ON CONFLICT (machine_id) WHERE machine_id IS NOT NULL DO NOTHING
                RETURNING id
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, spec.hostname());
            ps.setString(2, spec.os());
            ps.setString(3, spec.version());
            ps.setString(4, spec.arch());
            ps.setString(5, spec.agentVersion());
            ps.setString(6, machineId);
            ps.setTimestamp(7, Timestamp.from(now.minus(Duration.ofMinutes(spec.minutesAgo()))));
            ps.setBoolean(8, spec.hostname().startsWith("WIN-") || spec.hostname().startsWith("db-replica"));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    private static void insertSubsystems(Connection c, UUID agentId, Spec spec, Instant now, Random random)
            throws SQLException {
        String sql = """
                INSERT INTO agent_subsystems (agent_id, subsystem, enabled, interval_minutes, auto_run, last_run_at, next_run_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id, subsystem) DO NOTHING
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String subsystem : SUBSYSTEMS) {
                // Docker runs on the Linux servers only; macOS laptops do not report it.
                boolean enabled = !"docker".equals(subsystem) || spec.os().equals("linux");
                int interval = switch (subsystem) {
                    case "updates" -> 240;
                    case "storage" -> 60;
                    case "system" -> 30;
                    default -> 720;
                };
                Instant lastRun = now.minus(Duration.ofMinutes(spec.minutesAgo() + random.nextInt(interval)));
                ps.setObject(1, agentId);
                ps.setString(2, subsystem);
                ps.setBoolean(3, enabled);
                ps.setInt(4, interval);
                ps.setBoolean(5, enabled && !"docker".equals(subsystem));
                ps.setTimestamp(6, enabled ? Timestamp.from(lastRun) : null);
                ps.setTimestamp(7, enabled ? Timestamp.from(lastRun.plus(Duration.ofMinutes(interval))) : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertHistory(Connection c, UUID agentId, Spec spec, Instant now, Random random)
            throws SQLException {
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, subsystem, stdout, stderr, exit_code,
                                         duration_seconds, metadata, executed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{"demo": true}'::jsonb, ?)
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int kinds = spec.os().equals("linux") ? 4 : 3;
            int first = random.nextInt(kinds);
            for (int n = 0; n < 4; n++) {
                String subsystem = SUBSYSTEMS.get((first + n) % kinds);
                boolean failed = random.nextInt(8) == 0;
                Instant at = now.minus(Duration.ofMinutes(spec.minutesAgo() + 60L * n + random.nextInt(50)));
                ps.setObject(1, agentId);
                ps.setString(2, "scan_" + subsystem);
                ps.setString(3, failed ? "failed" : "success");
                ps.setString(4, subsystem);
                ps.setString(5, failed ? "" : demoOutput(subsystem, spec));
                ps.setString(6, failed ? subsystem + " scan failed: timed out waiting for the package manager lock" : "");
                ps.setInt(7, failed ? 1 : 0);
                ps.setInt(8, 1 + random.nextInt(40));
                ps.setTimestamp(9, Timestamp.from(at));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The agents that are online get an updates and a storage scan queued, as a server's schedule would: the demo's
     * agents (the simulated fleet) answer them in their first rounds, so Updates lists pending packages and the
     * Overview disk figures within a minute of a first start, written as agents write them.
     */
    private static void queueFirstScans(Connection c, UUID agentId, Spec spec) throws SQLException {
        if (spec.minutesAgo() >= 15) {
            return;
        }
        String sql = """
                INSERT INTO agent_commands (agent_id, command_type, params, source)
                VALUES (?, ?, jsonb_build_object('subsystem', ?::text), 'system')
                ON CONFLICT (agent_id, command_type) WHERE status IN ('pending', 'sent') DO NOTHING
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String subsystem : List.of("updates", "storage")) {
                ps.setObject(1, agentId);
                ps.setString(2, "scan_" + subsystem);
                ps.setString(3, subsystem);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String demoOutput(String subsystem, Spec spec) {
        return switch (subsystem) {
            case "updates" -> "Checked " + spec.os() + " package sources; updates listed in update_packages.";
            case "storage" -> "Collected usage of mounted filesystems.";
            case "system" -> "Collected CPU, memory and uptime.";
            default -> "Listed local docker images.";
        };
    }
}
