package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What the generated agents' scans found, for the Overview's figures at fleet scale: four storage scans of three
 * mountpoints per agent over the last day (a few percent of figures over 90 %, rising and falling between scans)
 * and up to eight pending updates per agent, of every severity. Each disk's newest figure goes to storage_latest
 * too, which the storage_metrics triggers (off during the load) would have kept.
 */
final class ScanResultsGenerator {

    static final List<String> TABLES = List.of("storage_metrics", "update_packages");

    /** Each disk's newest figure into storage_latest, as V19's backfill and its triggers choose it. */
    static final String LATEST_FIGURES = """
            INSERT INTO storage_latest (agent_id, mountpoint, metric_id, used_percent, total_bytes, used_bytes, created_at)
            SELECT DISTINCT ON (s.agent_id, s.mountpoint)
                   s.agent_id, s.mountpoint, s.id, s.used_percent, s.total_bytes, s.used_bytes, s.created_at
            FROM storage_metrics s
            ORDER BY s.agent_id, s.mountpoint, s.created_at DESC, s.id DESC
            ON CONFLICT (agent_id, mountpoint) DO UPDATE
                SET metric_id = EXCLUDED.metric_id, used_percent = EXCLUDED.used_percent,
                    total_bytes = EXCLUDED.total_bytes, used_bytes = EXCLUDED.used_bytes, created_at = EXCLUDED.created_at
                WHERE (storage_latest.created_at, storage_latest.metric_id) < (EXCLUDED.created_at, EXCLUDED.metric_id)
            """;

    private ScanResultsGenerator() {
    }

    /** Writes both tables on {@code c} (in the caller's transaction); returns the rows written. */
    static long generate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // One figure drawn per row, in a subquery kept whole (OFFSET 0): pulled up or memoized, random() would
            // be drawn once per use, or once per scan number.
            long storage = s.executeLargeUpdate("""
                    INSERT INTO storage_metrics (agent_id, mountpoint, device, filesystem, total_bytes, used_bytes,
                                                 available_bytes, used_percent, severity, created_at)
                    SELECT id, mount, '/dev/sda' || n, 'ext4', 512::bigint * 1073741824,
                           (512::bigint * 1073741824 * pct / 100)::bigint,
                           512::bigint * 1073741824 - (512::bigint * 1073741824 * pct / 100)::bigint, pct,
                           CASE WHEN pct > 90 THEN 'critical' WHEN pct > 80 THEN 'important' ELSE 'low' END,
                           coalesce(last_seen, now()) - make_interval(hours => 6 * scan)
                    FROM (SELECT a.id, a.last_seen, m.mount, m.n, scan,
                                 round((CASE WHEN random() < 0.03 THEN 90.5 + random() * 9
                                             ELSE 15 + random() * 70 END)::numeric, 2) AS pct
                          FROM agents a
                          CROSS JOIN unnest(ARRAY['/', '/var', '/home']) WITH ORDINALITY AS m(mount, n)
                          CROSS JOIN generate_series(0, 3) scan
                          WHERE a.metadata @> '{"bench": true}'
                          OFFSET 0) figures
                    """);
            // The load runs with storage_metrics' triggers off, so V19's storage_latest is filled as V19 backfills
            // it: each disk's newest figure, one sorted pass (an upsert, for a database that had figures before).
            s.executeLargeUpdate(LATEST_FIGURES);
            long packages = s.executeLargeUpdate("""
                    INSERT INTO update_packages (agent_id, package_type, name, current_version, available_version,
                                                 severity)
                    SELECT a.id, CASE a.os_type WHEN 'windows' THEN 'windows' WHEN 'macos' THEN 'brew' ELSE 'apt' END,
                           (ARRAY['openssl', 'curl', 'bash', 'tzdata', 'python3', 'nginx', 'git', 'zlib'])[k],
                           '1.' || k, '1.' || (k + 1),
                           (ARRAY['low', 'low', 'moderate', 'moderate', 'important', 'critical'])[1 + abs(hashtext(a.id::text || k::text)) %% 6]
                    FROM agents a
                    CROSS JOIN generate_series(1, 8) k
                    WHERE a.metadata @> '{"bench": true}' AND k <= abs(hashtext(a.id::text)) %% 9
                    """.replace("%%", "%"));
            return storage + packages;
        }
    }
}
