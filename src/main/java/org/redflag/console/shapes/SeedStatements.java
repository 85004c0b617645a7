package org.redflag.console.shapes;

/**
 * The set-based SQL of {@link RedFlagSeed}: each statement is one INSERT … SELECT over generate_series,
 * so 100,000 agents or 2,000,000 history rows are one round trip each. Every statement starts with the
 * same parameters, {@code p(now, seed)}: the injected clock as a UTC wall-clock timestamp (what the later
 * server writes into its timestamp columns) and the random seed.
 *
 * <p>"Random" choices are {@code hashint8extended(row, seed)}: deterministic for a seed, independent of
 * plan and row order (random() with setseed() would change with a parallel plan).
 */
final class SeedStatements {

    static final String PARAMS = "WITH p AS (SELECT ?::timestamp AS now, ?::bigint AS seed)\n";

    /** Package rows are made for the first this-many agents, three each. */
    static final int PACKAGE_AGENTS = 20;
    static final int PACKAGES_PER_AGENT = 3;
    static final int MOUNTPOINTS_PER_AGENT = 3;
    /** Every fourth agent runs docker, with two images. */
    static final int DOCKER_EVERY = 4;
    static final int IMAGES_PER_DOCKER_AGENT = 2;

    private SeedStatements() {
    }

    /** A deterministic integer in [0, mod) for row {@code var} and purpose {@code salt}. */
    static String rnd(String var, int salt, int mod) {
        return "((hashint8extended((" + var + ")::bigint * 64 + " + salt + ", p.seed) & 2147483647) % " + mod + ")::int";
    }

    /** The ordinal → id map of the seeded agents, for the statements that follow (dropped at commit). */
    static final String SEED_AGENT_TABLE =
            "CREATE TEMP TABLE seed_agent (n int PRIMARY KEY, id uuid NOT NULL, os_type text NOT NULL) ON COMMIT DROP";

    /**
     * Agents as registration and check-ins leave them; parameters: now, seed. Ids come from the
     * column default; on the later shape the 015 trigger makes each agent's four subsystems.
     */
    static String agents(boolean later, boolean machineId, int count) {
        String versions = later ? "ARRAY['0.1.18', '0.2.8', '0.2.9']" : "ARRAY['0.1.16', '0.1.17', '0.1.18']";
        return PARAMS + """
                , g AS (
                    SELECT i, p.now,
                           -- By ordinal, not hash: even a handful of agents has every OS (3:1:1).
                           (ARRAY['linux', 'linux', 'windows', 'linux', 'macos'])[1 + i %% 5] AS os_type,
                           %s AS pick,
                           %s AS seen_micro,
                           %s AS version_pick,
                           %s AS reboot_pick,
                           %s AS age_days,
                           md5(p.seed || ':' || i) AS hash,
                           %d AS width
                      FROM p CROSS JOIN generate_series(1, %d) AS i
                ), h AS (
                    SELECT g.*,
                           -- About 45 %% checked in within the last five minutes (online); the rest spread
                           -- from ten minutes to three weeks ago, most of them recent.
                           now - make_interval(secs => CASE WHEN seen_micro < 450000 THEN 5 + seen_micro %% 295
                                   ELSE 600 + floor(power((seen_micro - 450000) / 550000.0, 3) * 1814400) END) AS last_seen,
                           (%s)[1 + version_pick %% 3] AS agent_version
                      FROM g
                ), ins AS (
                    INSERT INTO agents (hostname, os_type, os_version, os_architecture, agent_version, last_seen, status,
                                        metadata, created_at, updated_at, current_version, update_available,
                                        last_version_check, reboot_required, reboot_reason, last_reboot_at%s)
                    SELECT (ARRAY['web', 'db', 'app', 'cache', 'build'])[1 + (i / 5) %% 5] || '-' || lpad(i::text, width, '0')
                               || '.example.net',
                           os_type,
                           CASE os_type
                               WHEN 'linux' THEN (ARRAY['Ubuntu 22.04', 'Ubuntu 24.04', 'Debian 12', 'Fedora 40',
                                                        'Rocky Linux 9'])[1 + pick %% 5]
                               WHEN 'windows' THEN (ARRAY['Windows Server 2022', 'Windows Server 2019',
                                                          'Windows 11'])[1 + pick %% 3]
                               ELSE (ARRAY['macOS 14', 'macOS 13', 'macOS 15'])[1 + pick %% 3]
                           END,
                           CASE WHEN os_type = 'windows' THEN 'amd64'
                                ELSE (ARRAY['amd64', 'arm64'])[1 + pick %% 2] END,
                           agent_version,
                           last_seen,
                           CASE WHEN last_seen > now - interval '10 minutes' THEN 'online' ELSE 'offline' END,
                           jsonb_build_object('ip_address', '10.' || (i / 65536) %% 256 || '.' || (i / 256) %% 256
                                                  || '.' || i %% 256,
                                              'cpu_cores', (ARRAY[2, 4, 8, 16])[1 + pick %% 4],
                                              'memory_mb', (ARRAY[2048, 4096, 8192, 16384, 32768])[1 + pick %% 5],
                                              'installed_by', 'install.sh'),
                           now - make_interval(days => 30 + age_days),
                           last_seen,
                           -- Some agents never reported their running version: still the 009 default.
                           CASE WHEN version_pick %% 7 = 0 THEN '0.0.0' ELSE agent_version END,
                           version_pick %% 5 = 0,
                           last_seen,
                           reboot_pick < 8,
                           CASE WHEN reboot_pick >= 8 THEN ''
                                WHEN os_type = 'windows' THEN 'Pending Windows updates require a restart'
                                ELSE (ARRAY['Kernel update installed', 'libc updated: services need a restart'])
                                         [1 + reboot_pick %% 2] END,
                           now - make_interval(days => age_days %% 30, hours => pick %% 24)%s
                      FROM h
                    RETURNING id, hostname, os_type
                )
                INSERT INTO seed_agent (n, id, os_type)
                SELECT substring(hostname FROM '-([0-9]+)\\.')::int, id, os_type FROM ins
                """.formatted(rnd("i", 2, 1000), rnd("i", 3, 1000000), rnd("i", 4, 1000),
                rnd("i", 5, 100), rnd("i", 6, 400),
                Math.max(4, Integer.toString(count).length()), count, versions,
                machineId ? ", machine_id" : "",
                machineId ? ",\n CASE WHEN i % 3 <> 0 THEN hash || hash END" : "");
    }

    /**
     * Pending updates as a v0.1.18 scan leaves them in current_package_state (both shapes): three per
     * agent for the first {@link #PACKAGE_AGENTS} agents. Its times are timestamptz, so the UTC wall time
     * is converted explicitly. Parameters: now, seed.
     */
    static String packageStates() {
        return PARAMS + """
                INSERT INTO current_package_state (agent_id, package_type, package_name, current_version,
                                                   available_version, severity, repository_source, metadata,
                                                   last_discovered_at, last_updated_at, status)
                SELECT a.id,
                       CASE a.os_type WHEN 'windows' THEN 'windows_update' WHEN 'macos' THEN 'homebrew' ELSE 'apt' END,
                       CASE a.os_type
                           WHEN 'windows' THEN (ARRAY['KB5034441', 'KB5035845', 'KB5036893'])[k]
                           WHEN 'macos' THEN (ARRAY['openssl@3', 'curl', 'git'])[k]
                           ELSE (ARRAY['openssl', 'curl', 'linux-image-generic'])[k]
                       END,
                       '1.' || k || '.' || %s,
                       '1.' || k || '.' || (10 + %s),
                       (ARRAY['critical', 'important', 'moderate', 'low'])[1 + %s],
                       CASE a.os_type WHEN 'windows' THEN 'Windows Update' WHEN 'macos' THEN 'homebrew/core'
                            ELSE 'security.ubuntu.com' END,
                       jsonb_build_object('size_bytes', 100000 + %s),
                       (p.now - make_interval(hours => %s)) AT TIME ZONE 'UTC',
                       (p.now - make_interval(hours => %s)) AT TIME ZONE 'UTC',
                       'pending'
                  FROM p CROSS JOIN seed_agent a CROSS JOIN generate_series(1, %d) AS k
                 WHERE a.n <= %d
                """.formatted(rnd("a.n * 8 + k", 1, 10), rnd("a.n * 8 + k", 1, 10), rnd("a.n * 8 + k", 2, 4),
                rnd("a.n * 8 + k", 3, 5000000), rnd("a.n * 8 + k", 4, 72), rnd("a.n * 8 + k", 4, 72),
                PACKAGES_PER_AGENT, PACKAGE_AGENTS);
    }

    /** One storage scan per agent: {@link #MOUNTPOINTS_PER_AGENT} rows (later shape). Parameters: now, seed. */
    static String storageMetrics() {
        return PARAMS + """
                , m AS (
                    SELECT a.id, a.os_type, k, p.now,
                           (ARRAY[64, 128, 256, 512, 1024])[1 + %s]::bigint * 1073741824 AS total,
                           (5 + %s) / 10.0 AS pct,
                           %s AS minutes
                      FROM p CROSS JOIN seed_agent a CROSS JOIN generate_series(1, %d) AS k
                )
                INSERT INTO storage_metrics (agent_id, mountpoint, device, disk_type, filesystem, total_bytes, used_bytes,
                                             available_bytes, used_percent, severity, metadata, created_at)
                SELECT id,
                       CASE WHEN os_type = 'windows' THEN (ARRAY['C:\\', 'D:\\', 'E:\\'])[k]
                            ELSE (ARRAY['/', '/var', '/home'])[k] END,
                       CASE WHEN os_type = 'windows' THEN '\\\\?\\Volume' || k
                            WHEN os_type = 'macos' THEN '/dev/disk1s' || k ELSE '/dev/sda' || k END,
                       (ARRAY['ssd', 'nvme', 'hdd'])[k],
                       CASE os_type WHEN 'windows' THEN 'NTFS' WHEN 'macos' THEN 'apfs' ELSE 'ext4' END,
                       total,
                       (total * pct / 100)::bigint,
                       total - (total * pct / 100)::bigint,
                       pct,
                       CASE WHEN pct >= 90 THEN 'critical' WHEN pct >= 80 THEN 'warning' ELSE 'low' END,
                       jsonb_build_object('inodes_used_percent', round(pct / 2)),
                       now - make_interval(mins => minutes)
                  FROM m
                """.formatted(rnd("a.n * 4 + k", 1, 5), rnd("a.n * 4 + k", 2, 935), rnd("a.n * 4 + k", 3, 60 * 24),
                MOUNTPOINTS_PER_AGENT);
    }

    /** Two images on every {@link #DOCKER_EVERY}th agent (later shape). Parameters: now, seed. */
    static String dockerImages() {
        return PARAMS + """
                INSERT INTO docker_images (agent_id, package_type, package_name, current_version, available_version,
                                           severity, repository_source, metadata, event_type, created_at)
                SELECT a.id, 'docker_image',
                       (ARRAY['nginx', 'postgres'])[k],
                       (ARRAY['1.25.3', '16.2'])[k],
                       CASE WHEN %s = 0 THEN (ARRAY['1.25.3', '16.2'])[k] ELSE (ARRAY['1.27.0', '16.4'])[k] END,
                       (ARRAY['low', 'moderate'])[k],
                       'docker.io/library/' || (ARRAY['nginx', 'postgres'])[k],
                       jsonb_build_object('image_id', 'sha256:' || md5(p.seed || ':' || a.n || ':' || k)),
                       'discovered',
                       (p.now - make_interval(hours => %s)) AT TIME ZONE 'UTC'
                  FROM p CROSS JOIN seed_agent a CROSS JOIN generate_series(1, %d) AS k
                 WHERE a.n %% %d = 0
                """.formatted(rnd("a.n * 4 + k", 1, 2), rnd("a.n * 4 + k", 2, 48), IMAGES_PER_DOCKER_AGENT,
                DOCKER_EVERY);
    }
}
