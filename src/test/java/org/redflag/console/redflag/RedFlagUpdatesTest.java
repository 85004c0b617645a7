package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.updates.AffectedAgent;
import org.redflag.console.updates.InstallOutcome;
import org.redflag.console.updates.InstallRefused;
import org.redflag.console.updates.PackageGroup;
import org.redflag.console.updates.UpdatesFilter;
import org.redflag.console.updates.UpdatesRepository;
import org.redflag.console.updates.UpdatesService;

/**
 * The Updates view on RedFlag's own databases: pending updates are current_package_state rows with status
 * 'pending', and an install is the install_updates row RedFlag's server would hand the agent, queued once.
 */
class RedFlagUpdatesTest {

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void groupsCountThePendingPackageStatesAndPageInOrder(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        // Not pending any more: RedFlag lists these as installed, not as updates to make.
        db.execute("UPDATE current_package_state SET status = 'updated' WHERE package_name = 'curl'");
        UpdatesService updates = service(db);

        List<PackageGroup> paged = allGroups(updates, UpdatesFilter.ALL, 2);

        List<Map<String, Object>> recount = RedFlagFixtures.rows(db, """
                SELECT package_type, package_name, severity, count(*) AS agents FROM current_package_state
                WHERE status = 'pending' GROUP BY package_type, package_name, severity
                ORDER BY array_position(ARRAY['critical','important','moderate','low'], severity::text), package_name, package_type
                """);
        assertThat(recount).isNotEmpty();
        assertThat(paged.stream().map(g -> List.of(g.packageType(), g.name(), g.severity(), g.agents())).toList())
                .isEqualTo(recount.stream().map(r -> List.of(r.get("package_type"), r.get("package_name"),
                        r.get("severity"), r.get("agents"))).toList());
        assertThat(paged).noneMatch(g -> g.name().equals("curl"));

        PackageGroup group = paged.get(0);
        List<AffectedAgent> agents = updates.agents(group.key(), null, 1000);
        assertThat(agents).hasSize((int) group.agents());
        assertThat(agents.stream().map(a -> a.hostname().toLowerCase()).toList()).isSorted();
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void anInstallIsTheServersInstallRowQueuedOnceFromTwoConsoles(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        db.execute("DELETE FROM agent_commands");
        UpdatesService updates = service(db);
        PackageGroup group = allGroups(updates, UpdatesFilter.ALL, 100).get(0);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        long queued = 0;
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> consoles = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                consoles.add(pool.submit(() -> {
                    start.await();
                    long mine = 0;
                    for (int round = 0; round < 3; round++) {
                        mine += updates.install(group.key(), null).queued();
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<Long> console : consoles) {
                queued += console.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(queued).isEqualTo(group.agents());
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(group.agents());
        InstallOutcome again = updates.install(group.key(), null);
        assertThat(again.alreadyQueued()).isEqualTo(group.agents());

        UUID agent = updates.agents(group.key(), null, 1).get(0).agentId();
        List<Map<String, Object>> handedOut = RedFlagFixtures.pendingForAgent(db, shape, agent);
        assertThat(handedOut).hasSize(1);
        Map<String, Object> row = handedOut.get(0);
        assertThat(row).containsEntry("command_type", "install_updates").containsEntry("status", "pending")
                .containsEntry("source", "manual");
        String updateId = db.queryString("SELECT id::text FROM current_package_state WHERE agent_id = ? "
                + "AND package_type = ? AND package_name = ?", agent, group.packageType(), group.name());
        assertThat(db.queryString("SELECT params ->> 'update_id' FROM agent_commands WHERE agent_id = ?", agent))
                .isEqualTo(updateId);
        assertThat(db.queryString("SELECT params ->> 'package_name' FROM agent_commands WHERE agent_id = ?", agent))
                .isEqualTo(group.name());
    }

    @Test
    void whereTheServerSignsCommandsNothingIsInstalledFromTheConsole() throws Exception {
        TestDatabase db = RedFlagFixtures.signed();
        long before = db.queryLong("SELECT count(*) FROM agent_commands");
        UpdatesService updates = service(db);
        PackageGroup group = allGroups(updates, UpdatesFilter.ALL, 100).get(0);

        assertThat(updates.installsOff()).contains(UpdatesService.SIGNED_INSTALLS_OFF);
        assertThatThrownBy(() -> updates.install(group.key(), null)).isInstanceOf(InstallRefused.class);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(before);
    }

    private static UpdatesService service(TestDatabase db) throws Exception {
        Capabilities capabilities = SchemaProbe.probe(db.dataSource());
        return new UpdatesService(new UpdatesRepository(db.dataSource(), capabilities), capabilities);
    }

    private static List<PackageGroup> allGroups(UpdatesService updates, UpdatesFilter filter, int pageSize)
            throws Exception {
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
