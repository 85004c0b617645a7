package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live connection is cut (its backend terminated) and rows change while nobody listens: once the listener
 * is back, Agents and History show the changes without a Refresh, each in one query.
 */
@ExtendWith(ApplicationExtension.class)
class ResyncWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void changesMadeWhileTheListenerWasCutAppearWithoutARefresh(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "db-01.prod", "linux", NOW, "storage");
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofHours(3)), "storage");
        HistoryRows.scan(db, web, NOW.minus(Duration.ofHours(3)), "storage", "success");
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        Label summary = robot.lookup("#agents-summary").queryAs(Label.class);
        Label live = robot.lookup("#status-live").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "live".equals(live.getText())
                && "2 agents shown · 1 online".equals(summary.getText()));
        robot.clickOn("#nav-history");
        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() == 1);

        assertThat(db.queryLong("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND query ILIKE 'LISTEN%'")).as("listeners cut").isEqualTo(1);
        // While nobody listens: the agent checks in and reports a scan.
        db.execute("UPDATE agents SET last_seen = '" + NOW + "' WHERE id = '" + web + "'");
        HistoryRows.scan(db, web, NOW, "storage", "failed");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> history.getItems().size() == 2);
        assertThat(history.getItems().get(0).result()).isEqualTo("failed");
        robot.clickOn("#nav-agents");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "2 agents shown · 2 online".equals(summary.getText()));
        assertThat(agents.getItems()).filteredOn(r -> r.agent().id().equals(web)).singleElement()
                .satisfies(row -> assertThat(row.agent().lastSeen()).isEqualTo(NOW));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "live".equals(live.getText()));
    }
}
