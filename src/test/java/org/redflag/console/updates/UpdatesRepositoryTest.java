package org.redflag.console.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The Updates view's data on the console's own schema: groups, their agents, and installs queued once. */
class UpdatesRepositoryTest {

    private static final List<String> PACKAGES = List.of("openssl", "curl", "bash", "libc6", "zlib1g", "git", "vim");

    private TestDatabase db;
    private UpdatesService updates;
    private final List<UUID> agents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase().migrated();
        updates = new UpdatesService(new UpdatesRepository(db.dataSource(), Capabilities.CONSOLE_SCHEMA),
                Capabilities.CONSOLE_SCHEMA);
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            UUID agent = Fleets.insertAgent(db, String.format("Host-%02d", 40 - i), "linux", Instant.now());
            agents.add(agent);
            for (String name : PACKAGES) {
                if (random.nextInt(3) > 0) {
                    String severity = Severities.ORDER.get(random.nextInt(4));
                    String type = random.nextInt(5) == 0 ? "dnf" : "apt";
                    db.execute("INSERT INTO update_packages (agent_id, package_type, name, current_version, "
                            + "available_version, severity) VALUES ('" + agent + "', '" + type + "', '" + name
                            + "', '1.0', '1." + (1 + random.nextInt(3)) + "', '" + severity + "')");
                }
            }
        }
    }

    @Test
    void pagedGroupsAreCompleteOrderedAndCountLikeAPlainRecount() throws Exception {
        List<PackageGroup> paged = allGroups(UpdatesFilter.ALL, 3);

        List<Map<String, Object>> recount = RedFlagFixtures.rows(db, """
                SELECT package_type, name, severity::text AS severity, count(*) AS agents,
                       min(available_version) AS lowest, max(available_version) AS highest
                FROM update_packages GROUP BY package_type, name, severity
                ORDER BY array_position(ARRAY['critical','important','moderate','low'], severity::text), name, package_type
                """);
        assertThat(paged).hasSize(recount.size());
        for (int i = 0; i < paged.size(); i++) {
            PackageGroup group = paged.get(i);
            Map<String, Object> expected = recount.get(i);
            assertThat(List.of(group.packageType(), group.name(), group.severity(), group.agents(),
                    group.lowestVersion(), group.highestVersion()))
                    .isEqualTo(List.of(expected.get("package_type"), expected.get("name"), expected.get("severity"),
                            expected.get("agents"), expected.get("lowest"), expected.get("highest")));
        }
        assertThat(paged.stream().mapToLong(PackageGroup::agents).sum())
                .isEqualTo(db.queryLong("SELECT count(*) FROM update_packages"));
    }

    @Test
    void theFilterKeepsOneSeverityAndNamesContainingTheSearch() throws Exception {
        List<PackageGroup> critical = allGroups(new UpdatesFilter("critical", null), 2);
        assertThat(critical).isNotEmpty().allMatch(g -> g.severity().equals("critical"));
        assertThat(critical).hasSize((int) db.queryLong(
                "SELECT count(DISTINCT (package_type, name)) FROM update_packages WHERE severity = 'critical'"));

        List<PackageGroup> ssl = allGroups(new UpdatesFilter(null, "SSL"), 2);
        assertThat(ssl).isNotEmpty().allMatch(g -> g.name().equals("openssl"));
        assertThat(allGroups(new UpdatesFilter(null, "100%_"), 2)).isEmpty();
    }

    @Test
    void theDrillDownPagesEveryAgentOfTheGroupByHostname() throws Exception {
        PackageGroup group = allGroups(UpdatesFilter.ALL, 100).get(0);
        List<AffectedAgent> paged = new ArrayList<>();
        AffectedAgent after = null;
        List<AffectedAgent> page;
        do {
            page = updates.agents(group.key(), after, 4);
            paged.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == 4);

        List<Map<String, Object>> expected = RedFlagFixtures.rows(db, """
                SELECT a.id FROM update_packages u JOIN agents a ON a.id = u.agent_id
                WHERE u.package_type = ? AND u.name = ? AND u.severity = ? ORDER BY lower(a.hostname), a.id
                """, group.packageType(), group.name(), group.severity());
        assertThat(paged).hasSize((int) group.agents());
        assertThat(paged.stream().map(AffectedAgent::agentId).toList())
                .isEqualTo(expected.stream().map(r -> r.get("id")).toList());
    }

    @Test
    void installingTwiceQueuesOneCommandPerAgent() throws Exception {
        PackageGroup group = allGroups(UpdatesFilter.ALL, 100).get(0);

        InstallOutcome first = updates.install(group.key(), null);
        InstallOutcome again = updates.install(group.key(), null);

        assertThat(first.queued()).isEqualTo(group.agents());
        assertThat(again.queued()).isZero();
        assertThat(again.alreadyQueued()).isEqualTo(group.agents());
        assertThat(installsOf(group)).isEqualTo(group.agents());
        assertThat(db.queryLong("SELECT count(DISTINCT agent_id) FROM agent_commands")).isEqualTo(group.agents());
        Map<String, Object> command = RedFlagFixtures.rows(db,
                "SELECT command_type, status, source, params ->> 'package_name' AS name, params ->> 'version' AS version "
                        + "FROM agent_commands LIMIT 1").get(0);
        assertThat(command).containsEntry("command_type", "install_updates").containsEntry("status", "pending")
                .containsEntry("source", "manual").containsEntry("name", group.name());
        assertThat(command.get("version")).isNotNull();
    }

    @Test
    void twoConsolesInstallingAtOnceQueueOneCommandPerAgent() throws Exception {
        PackageGroup group = allGroups(UpdatesFilter.ALL, 100).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    long queued = 0;
                    for (int round = 0; round < 5; round++) {
                        queued += updates.install(group.key(), null).queued();
                    }
                    return queued;
                }));
            }
            start.countDown();
            long queued = 0;
            for (Future<Long> outcome : outcomes) {
                queued += outcome.get();
            }
            assertThat(queued).as("new commands told by both consoles together").isEqualTo(group.agents());
        } finally {
            pool.shutdownNow();
        }
        assertThat(installsOf(group)).isEqualTo(group.agents());
        assertThat(db.queryLong("SELECT count(*) FROM (SELECT agent_id FROM agent_commands GROUP BY agent_id "
                + "HAVING count(*) > 1) d")).isZero();
    }

    @Test
    void selectedAgentsOnlyAndAnotherPackagesInstallKeepsTheAgentBusy() throws Exception {
        List<PackageGroup> groups = allGroups(UpdatesFilter.ALL, 100);
        PackageGroup group = groups.get(0);
        List<AffectedAgent> affected = updates.agents(group.key(), null, 100);
        UUID chosen = affected.get(0).agentId();

        InstallOutcome one = updates.install(group.key(), List.of(chosen, UUID.randomUUID()));
        assertThat(one.requested()).isEqualTo(2);
        assertThat(one.pending()).isEqualTo(1);
        assertThat(one.queued()).isEqualTo(1);
        assertThat(one.noLongerPending()).isEqualTo(1);

        PackageGroup other = groups.stream().filter(g -> !g.name().equals(group.name())).filter(g -> {
            try {
                return updates.agents(g.key(), null, 1000).stream().anyMatch(a -> a.agentId().equals(chosen));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        InstallOutcome busy = updates.install(other.key(), List.of(chosen));
        assertThat(busy.busy()).isEqualTo(1);
        assertThat(busy.queued()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
    }

    @Test
    void aViewerOrAReadOnlyProfileQueuesNothing() {
        DatabaseRole viewer = new DatabaseRole("alice", List.of(DatabaseRole.VIEWER), false, false, false);
        for (DatabaseRole role : List.of(viewer, DatabaseRole.UNCHECKED.readOnlyUnder("prod"))) {
            Capabilities held = Capabilities.CONSOLE_SCHEMA.withRole(role);
            UpdatesService refused = new UpdatesService(new UpdatesRepository(db.dataSource(), held), held);
            assertThat(refused.installsOff()).isPresent();
            assertThatThrownBy(() -> refused.install(new PackageKey("apt", "openssl", "critical"), null))
                    .isInstanceOf(InstallRefused.class);
        }
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    private long installsOf(PackageGroup group) {
        return db.queryLong("SELECT count(*) FROM agent_commands WHERE command_type = 'install_updates' "
                + "AND params ->> 'package_name' = ? AND params ->> 'package_type' = ?", group.name(), group.packageType());
    }

    private List<PackageGroup> allGroups(UpdatesFilter filter, int pageSize) throws Exception {
        List<PackageGroup> all = new ArrayList<>();
        PackageGroup after = null;
        List<PackageGroup> page;
        do {
            page = updates.groups(filter, after, pageSize);
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == pageSize);
        return all;
    }
}
