package org.redflag.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Every Overview figure equals a plain recount of the rows, on a generated console fleet and on RedFlag's. */
class OverviewRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(120);
    /** A zone half an hour off UTC: the day bars are its days, not UTC's. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    @Test
    void everyFigureMatchesARecountOnAGeneratedConsoleFleet() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        generateConsoleFleet(db, now);

        Capabilities schema = SchemaProbe.probe(db.dataSource());
        assertMatchesRecount(db, schema, Clock.fixed(now, ZONE));
    }

    @Test
    void aDiskIsFullByItsNewestFigureAsFiguresGoOverAndBackUnderAndAreDeleted() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        generateConsoleFleet(db, now);
        Capabilities schema = SchemaProbe.probe(db.dataSource());
        Clock clock = Clock.fixed(now, ZONE);
        OverviewRepository overview = new OverviewRepository(db.dataSource(), schema, TIMEOUT, clock);
        OverviewRecount recount = new OverviewRecount(db, schema, clock);
        UUID agent = RedFlagFixtures.agent(db, 0);
        long fullBefore = overview.fullDisks(3).orElseThrow().disks();
        assertThat(schema.has(Feature.STORAGE_LATEST)).as("the console's schema keeps each disk's newest figure").isTrue();

        addFigure(db, agent, 100, now.plusSeconds(60));
        FullDisks full = overview.fullDisks(3).orElseThrow();
        assertThat(full).isEqualTo(recount.fullDisks(3));
        assertThat(full.disks()).isEqualTo(fullBefore + 1);
        assertThat(full.fullest().get(0)).isEqualTo(new FullDisks.Disk(agent, "host-0001", "/data", new BigDecimal("100.00")));

        addFigure(db, agent, 20, now.plusSeconds(120));
        assertThat(overview.fullDisks(3).orElseThrow()).as("back under the threshold")
                .isEqualTo(recount.fullDisks(3)).extracting(FullDisks::disks).isEqualTo(fullBefore);

        db.execute("DELETE FROM storage_metrics WHERE agent_id = '" + agent + "' AND mountpoint = '/data' AND used_percent = 20");
        assertThat(overview.fullDisks(3).orElseThrow()).as("its newest figure deleted, the full one before it counts")
                .isEqualTo(recount.fullDisks(3)).extracting(FullDisks::disks).isEqualTo(fullBefore + 1);
    }

    private static void addFigure(TestDatabase db, UUID agent, double usedPercent, Instant at) {
        db.execute("INSERT INTO storage_metrics (agent_id, mountpoint, total_bytes, used_bytes, available_bytes, "
                + "used_percent, created_at) VALUES ('" + agent + "', '/data', 1000, 0, 0, " + usedPercent + ", '" + at + "')");
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void everyFigureMatchesARecountOnARedFlagFleet(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        Capabilities schema = SchemaProbe.probe(db.dataSource());

        assertMatchesRecount(db, schema, Clock.fixed(Instant.now(), ZONE));
    }

    @Test
    void anEmptyFleetHasNoAgentsAndZeroFigures() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        OverviewRepository overview = new OverviewRepository(db.dataSource(), Capabilities.CONSOLE_SCHEMA, TIMEOUT,
                Clock.systemUTC());

        assertThat(overview.hasAgents()).isFalse();
        assertThat(overview.agents()).isEqualTo(new AgentCounts(0, 0, 0, 0, 0));
        assertThat(overview.agentsByOs()).isEmpty();
        assertThat(overview.fullDisks(3)).contains(new FullDisks(0, 0, List.of()));
        assertThat(overview.commands().inFlight()).isZero();
        assertThat(overview.scans().weekCount(null, null)).isZero();
    }

    @Test
    void pendingUpdatesOfAHugeTableAreThePlannersEstimateAndSaySo() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("INSERT INTO agents (hostname, os_type) SELECT 'host-' || i, 'linux' FROM generate_series(1, 30000) i");
        db.execute("""
                INSERT INTO update_packages (agent_id, package_type, name, available_version, severity)
                SELECT a.id, 'apt', 'pkg-' || k, '2.0', CASE WHEN k = 1 THEN 'critical' ELSE 'low' END
                FROM agents a CROSS JOIN generate_series(1, 8) k
                """);
        db.execute("ANALYZE update_packages");
        OverviewRepository overview = new OverviewRepository(db.dataSource(), Capabilities.CONSOLE_SCHEMA, TIMEOUT,
                Clock.systemUTC());

        PendingUpdates pending = overview.pendingUpdates().orElseThrow();

        assertThat(pending.estimated()).isTrue();
        assertThat(pending.total()).isBetween(216_000L, 264_000L);
        assertThat(pending.bySeverity().get("critical")).isBetween(27_000L, 33_000L);
        assertThat(pending.agents()).isBetween(20_000L, 40_000L);
    }

    private static void assertMatchesRecount(TestDatabase db, Capabilities schema, Clock clock) throws Exception {
        OverviewRepository overview = new OverviewRepository(db.dataSource(), schema, TIMEOUT, clock);
        OverviewRecount recount = new OverviewRecount(db, schema, clock);

        assertThat(overview.hasAgents()).isTrue();
        AgentCounts agents = overview.agents();
        assertThat(agents).isEqualTo(recount.agents());
        assertThat(agents.online() + agents.offline() + agents.stale()).isEqualTo(agents.total());
        assertTopAndOther(overview.agentsByOs(), recount.agentsByOs());
        assertTopAndOther(overview.agentsByVersion(), recount.agentsByVersion());

        Map<String, Long> scans = recount.scans();
        assertThat(scans.values().stream().mapToLong(Long::longValue).sum()).as("scans in the charts' range").isPositive();
        assertThat(OverviewRecount.scansOf(overview.scans())).isEqualTo(scans);

        CommandCounts commands = overview.commands();
        CommandCounts expected = recount.commands(TIMEOUT);
        assertThat(commands.stuck()).isEqualTo(expected.stuck());
        commands.inFlightByStatus().forEach((status, count) ->
                assertThat(count).as(status).isEqualTo(expected.inFlightByStatus().getOrDefault(status, 0L)));
        assertThat(commands.inFlight()).isEqualTo(expected.inFlight());

        if (schema.has(Feature.STORAGE_METRICS)) {
            FullDisks full = overview.fullDisks(3).orElseThrow();
            assertThat(full).isEqualTo(recount.fullDisks(3));
        } else {
            assertThat(overview.fullDisks(3)).isEmpty();
        }
        assertThat(overview.pendingUpdates()).contains(recount.pendingUpdates());
    }

    /** The top values by count, then "other" with the rest: the same agents as the recount, none lost. */
    private static void assertTopAndOther(List<Share> shares, Map<String, Long> recount) {
        List<Map.Entry<String, Long>> ranked = recount.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> expected = new LinkedHashMap<>();
        long other = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (i < OverviewRepository.TOP) {
                expected.put(ranked.get(i).getKey(), ranked.get(i).getValue());
            } else {
                other += ranked.get(i).getValue();
            }
        }
        Map<String, Long> actual = new LinkedHashMap<>();
        shares.forEach(s -> actual.put(s.value(), s.agents()));
        if (other > 0) {
            expected.put(null, other);
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    /**
     * 400 agents seen from now to three weeks ago (some never), with nine versions; 6,000 history rows over ten
     * days; commands in every state, some sent longer ago than the timeout; three storage scans of two mountpoints
     * per agent whose figures rise and fall across 90 %; and a few pending packages each.
     */
    static void generateConsoleFleet(TestDatabase db, Instant now) {
        String at = "'" + now + "'::timestamptz";
        db.execute("""
                INSERT INTO agents (hostname, os_type, os_version, agent_version, last_seen, reboot_required)
                SELECT 'host-' || lpad(i::text, 4, '0'), (ARRAY['linux', 'linux', 'windows', 'macos'])[1 + i % 4],
                       'OS ' || i % 3, '0.1.' || (i * i % 9),
                       CASE WHEN i % 17 = 0 THEN NULL ELSE :now - make_interval(mins => (i * 97) % 30000) END,
                       i % 7 = 0
                FROM generate_series(1, 400) i
                """.replace(":now", at));
        db.execute("""
                INSERT INTO update_logs (agent_id, action, result, subsystem, executed_at)
                SELECT a.id, CASE WHEN g % 50 = 0 THEN 'console_error' ELSE 'scan_' || s.sub END,
                       (ARRAY['success', 'success', 'success', 'failed', 'partial'])[1 + g % 5],
                       CASE WHEN g % 50 = 0 THEN 'history' ELSE s.sub END,
                       :now - make_interval(secs => (g * 7919) % 864000)
                FROM generate_series(1, 6000) g
                CROSS JOIN LATERAL (SELECT (ARRAY['updates', 'storage', 'system', 'docker'])[1 + g % 4] AS sub) s
                JOIN (SELECT id, row_number() OVER (ORDER BY hostname) AS n FROM agents) a ON a.n = 1 + g % 400
                """.replace(":now", at));
        db.execute("""
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, sent_at, completed_at)
                SELECT a.id, 'scan_' || k.type, k.status,
                       :now - make_interval(mins => (m + 1)::int),
                       CASE WHEN k.status = 'pending' THEN NULL ELSE :now - make_interval(mins => m::int) END,
                       CASE WHEN k.status IN ('completed', 'failed') THEN :now END
                FROM (SELECT id, row_number() OVER (ORDER BY hostname) AS n FROM agents) a
                CROSS JOIN (VALUES ('updates', 'pending'), ('storage', 'sent'), ('system', 'running'),
                                   ('docker', 'completed'), ('docker', 'failed')) k(type, status)
                CROSS JOIN LATERAL (SELECT (a.n * 31 + length(k.status) * 7) % 300 AS m) t
                WHERE (a.n + length(k.status)) % 3 <> 0
                """.replace(":now", at));
        db.execute("""
                INSERT INTO storage_metrics (agent_id, mountpoint, total_bytes, used_bytes, available_bytes, used_percent,
                                             created_at)
                SELECT a.id, m.mount, 1000, 0, 0, (a.n * 13 + scan * 29 + length(m.mount) * 3) % 995 / 10.0 + 0.5 * (scan % 2),
                       :now - make_interval(hours => 3 * scan) - make_interval(secs => a.n::int)
                FROM (SELECT id, row_number() OVER (ORDER BY hostname) AS n FROM agents) a
                CROSS JOIN (VALUES ('/'), ('/var')) m(mount)
                CROSS JOIN generate_series(0, 2) scan
                """.replace(":now", at));
        db.execute("""
                INSERT INTO update_packages (agent_id, package_type, name, available_version, severity)
                SELECT a.id, 'apt', 'pkg-' || k, '2.0', (ARRAY['low', 'moderate', 'important', 'critical'])[1 + (a.n + k) % 4]
                FROM (SELECT id, row_number() OVER (ORDER BY hostname) AS n FROM agents) a
                CROSS JOIN generate_series(1, 3) k
                WHERE a.n % 5 <> 0 AND k <= 1 + a.n % 3
                """);
    }
}
