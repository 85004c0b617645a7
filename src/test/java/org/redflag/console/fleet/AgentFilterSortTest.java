package org.redflag.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * Every filter and every order, both ways, paged to the end with a small page, gives exactly what a plain
 * {@code WHERE … ORDER BY} says: on the console's schema and on both RedFlag generations, with NULL versions and
 * last-seen times, equal keys, and last-seen times on the presence boundaries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentFilterSortTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String NOW_SQL = "timestamptz '2026-11-25 12:00:00+00'";
    private static final int PAGE = 7;

    /** A database, its repository, and the SQL of what the list shows there, written out for the reference. */
    record Fleet(String name, TestDatabase db, AgentRepository agents, String version, String reboot) {
    }

    private final List<Fleet> fleets = new ArrayList<>();

    @BeforeAll
    void buildFleets() throws Exception {
        TestDatabase console = TestPostgres.newDatabase().migrated();
        console.execute(generated(true, true, false));
        fleets.add(new Fleet("console", console, new AgentRepository(console.dataSource()), "agent_version",
                "reboot_required"));
        for (RedFlagShape shape : RedFlagShape.values()) {
            TestDatabase db = RedFlagFixtures.build(shape);
            Capabilities capabilities = SchemaProbe.probe(db.dataSource());
            boolean reboot = capabilities.has(Feature.REBOOT_REQUIRED);
            boolean current = capabilities.has(Feature.CURRENT_VERSION);
            db.execute(generated(false, reboot, current));
            fleets.add(new Fleet(shape.name(), db, new AgentRepository(db.dataSource(), capabilities),
                    current ? "coalesce(nullif(nullif(current_version, ''), '0.0.0'), agent_version)" : "agent_version",
                    reboot ? "reboot_required" : "false"));
        }
    }

    /**
     * 130 agents beside any seeded ones: hostnames repeated in two cases, three OSes, three versions (and, on the
     * console's schema, NULL; on RedFlag's, a current_version not reported yet), last seen equal, on the online
     * and stale boundaries, or (console) never.
     */
    private static String generated(boolean console, boolean reboot, boolean currentVersion) {
        String version = "(ARRAY['0.1.27', '0.1.28', '0.2.0'])[1 + g % 3]";
        StringBuilder columns = new StringBuilder("hostname, os_type, agent_version, last_seen");
        StringBuilder values = new StringBuilder("""
                CASE WHEN g % 4 = 0 THEN 'HOST-' ELSE 'host-' END || lpad((g % 40)::text, 3, '0'),
                (ARRAY['linux', 'windows', 'macos'])[1 + g % 3],
                """);
        values.append(console ? "CASE WHEN g % 5 = 0 THEN NULL ELSE " + version + " END" : version).append(",\n");
        values.append("""
                CASE g % 8 WHEN 0 THEN @never
                           WHEN 1 THEN @now - interval '1 minute'
                           WHEN 2 THEN @now - interval '15 minutes'
                           WHEN 3 THEN @now - g * interval '3 hours'
                           WHEN 4 THEN @now - interval '7 days'
                           WHEN 5 THEN @now - interval '30 days'
                           ELSE @now - g * interval '1 minute' END
                """.replace("@never", console ? "NULL" : "@now - interval '400 days'").replace("@now", NOW_SQL));
        if (reboot) {
            columns.append(", reboot_required");
            values.append(", g % 6 = 0");
        }
        if (currentVersion) {
            columns.append(", current_version");
            values.append(", CASE g % 5 WHEN 0 THEN '0.0.0' WHEN 1 THEN '' WHEN 2 THEN '0.3.1' END");
        }
        return "INSERT INTO agents (" + columns + ") SELECT " + values + " FROM generate_series(1, 130) g";
    }

    /** The filters the view offers, alone and together, with the plain SQL each means. */
    private static Map<AgentFilter, String> filters(Fleet fleet) {
        String online = "last_seen > " + NOW_SQL + " - interval '15 minutes'";
        String stale = "last_seen <= " + NOW_SQL + " - interval '7 days'";
        Map<AgentFilter, String> filters = new LinkedHashMap<>();
        filters.put(AgentFilter.all(), "true");
        filters.put(presence(PresenceFilter.ONLINE), online);
        filters.put(presence(PresenceFilter.OFFLINE), "NOT (" + online + ") AND NOT (" + stale + ")");
        filters.put(presence(PresenceFilter.STALE), "(last_seen IS NULL OR " + stale + ")");
        filters.put(new AgentFilter("", null, "windows", null, null), "os_type = 'windows'");
        filters.put(new AgentFilter("", null, null, "0.1.28", null), fleet.version() + " = '0.1.28'");
        filters.put(new AgentFilter("", null, null, null, true), fleet.reboot());
        filters.put(new AgentFilter("", null, null, null, false), "NOT " + fleet.reboot());
        filters.put(AgentFilter.search("host-00"), "hostname ILIKE '%host-00%'");
        filters.put(new AgentFilter("HOST", PresenceFilter.OFFLINE, "linux", null, null),
                "hostname ILIKE '%host%' AND os_type = 'linux' AND NOT (" + online + ") AND NOT (" + stale + ")");
        return filters;
    }

    private static AgentFilter presence(PresenceFilter presence) {
        return new AgentFilter("", presence, null, null, null);
    }

    /** The order as plain SQL says it: NULLs first ascending, last descending; ties by id the same way. */
    private static String orderBy(Fleet fleet, AgentOrder order) {
        String way = order.descending() ? " DESC" : " ASC";
        String nulls = order.descending() ? " NULLS LAST" : " NULLS FIRST";
        String key = switch (order.by()) {
            case HOSTNAME -> "lower(hostname)";
            case OS -> "os_type";
            case VERSION -> fleet.version();
            case LAST_SEEN -> "last_seen";
        };
        return key + way + nulls + ", id" + way;
    }

    @Test
    void everyFilterInEveryOrderBothWaysPagesExactlyAsPlainSqlOrdersIt() throws Exception {
        int compared = 0;
        for (Fleet fleet : fleets) {
            for (Map.Entry<AgentFilter, String> filter : filters(fleet).entrySet()) {
                for (AgentSort by : AgentSort.values()) {
                    for (boolean descending : new boolean[] {false, true}) {
                        AgentOrder order = new AgentOrder(by, descending);
                        List<UUID> expected = ids(fleet, "SELECT id FROM agents WHERE " + filter.getValue()
                                + " ORDER BY " + orderBy(fleet, order));
                        List<Agent> paged = pageToTheEnd(fleet.agents(), new AgentQuery(filter.getKey(), order));

                        assertThat(paged).extracting(Agent::id)
                                .as("%s: %s by %s", fleet.name(), filter.getKey(), order).containsExactlyElementsOf(expected);
                        compared += expected.size();
                    }
                }
                assertThat(fleet.agents().count(filter.getKey(), NOW, 10)).as("%s: count %s", fleet.name(), filter.getKey())
                        .contains((long) ids(fleet, "SELECT id FROM agents WHERE " + filter.getValue()).size());
            }
        }
        assertThat(compared).as("rows compared").isGreaterThan(10_000);
    }

    @Test
    void thePresenceFilterAgreesWithThePresenceTheRowsShow() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        for (Fleet fleet : fleets) {
            for (PresenceFilter presence : PresenceFilter.values()) {
                List<Agent> agents = pageToTheEnd(fleet.agents(), new AgentQuery(presence(presence), AgentOrder.BY_HOSTNAME));
                assertThat(agents).as("%s %s", fleet.name(), presence).isNotEmpty()
                        .allSatisfy(agent -> assertThat(Presence.of(agent.lastSeen(), clock))
                                .isEqualTo(presence == PresenceFilter.ONLINE ? Presence.ONLINE : Presence.OFFLINE));
            }
            List<Agent> stale = pageToTheEnd(fleet.agents(), new AgentQuery(presence(PresenceFilter.STALE), null));
            assertThat(stale).as("not seen for %s or never", Presence.STALE_AFTER).allSatisfy(agent ->
                    assertThat(agent.lastSeen() == null || !agent.lastSeen().isAfter(NOW.minus(Presence.STALE_AFTER))).isTrue());
        }
    }

    @Test
    void theFiltersChoicesAreTheFleetsOsTypesAndVersionsWithTheirAgents() throws Exception {
        for (Fleet fleet : fleets) {
            assertThat(fleet.agents().osChoices()).as(fleet.name()).containsExactlyElementsOf(
                    RedFlagFixtures.rows(fleet.db(), "SELECT os_type, count(*) AS n FROM agents GROUP BY 1 ORDER BY 1")
                            .stream().map(r -> new AgentRepository.FilterChoice((String) r.get("os_type"),
                                    (Long) r.get("n"))).toList());
            assertThat(fleet.agents().versionChoices()).as(fleet.name()).containsExactlyInAnyOrderElementsOf(
                    RedFlagFixtures.rows(fleet.db(), "SELECT " + fleet.version() + " AS v, count(*) AS n FROM agents"
                            + " WHERE " + fleet.version() + " IS NOT NULL GROUP BY 1").stream()
                            .map(r -> new AgentRepository.FilterChoice((String) r.get("v"), (Long) r.get("n"))).toList());
        }
    }

    static List<Agent> pageToTheEnd(AgentRepository agents, AgentQuery query) throws Exception {
        List<Agent> all = new ArrayList<>();
        AgentRepository.OrderKey after = null;
        List<Agent> page;
        do {
            page = agents.page(query, after, PAGE, NOW);
            all.addAll(page);
            after = page.isEmpty() ? null : AgentRepository.OrderKey.after(page.get(page.size() - 1), query.order().by());
        } while (page.size() == PAGE);
        return all;
    }

    private static List<UUID> ids(Fleet fleet, String sql) {
        return RedFlagFixtures.rows(fleet.db(), sql).stream().map(r -> (UUID) r.get("id")).toList();
    }
}
