package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Agents list by keyboard, and the rule that an action always acts on the agent the admin chose: the
 * selection follows agents (by id) across reloads, and rows' buttons stay out of the tab order.
 */
@ExtendWith(ApplicationExtension.class)
class AgentsKeyboardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void theSelectionStaysOnTheChosenAgentWhenAReloadMovesItAndItsRowButtonsAreNotInTheTabOrder(FxRobot robot)
            throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "db-01.prod", "linux", NOW, "storage");
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage");
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 2);
        clickOnRow(robot, "web-01.prod");
        assertThat(AgentRows.scanButton(robot, "web-01.prod").isFocusTraversable()).isFalse();

        // Another agent appears before it: after the reload, web-01 sits one row further down.
        Fleets.insertAgentWithSubsystems(db, "app-01.prod", "linux", NOW, "storage");
        robot.clickOn("#agents-refresh");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(agents.getSelectionModel().getSelectedItems()).extracting(r -> r.agent().id()).containsExactly(web);
        assertThat(agents.getFocusModel().getFocusedItem().agent().id()).isEqualTo(web);

        // Ctrl+Enter scans what is selected: web-01, and only web-01.
        clickOnRow(robot, "web-01.prod");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> db.queryLong("SELECT count(*) FROM agent_commands") == 1);
        assertThat(db.queryString("SELECT agent_id::text FROM agent_commands")).isEqualTo(web.toString());

        // Enter opens the selected agent's details.
        robot.type(KeyCode.ENTER);
        Fx.waitForNode(robot, "#agent-detail");
    }

    /** Items arrive before their cells are laid out (or after a reload re-lays them): wait for the cell's text. */
    private static void clickOnRow(FxRobot robot, String hostname) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(hostname).tryQuery().isPresent());
        robot.clickOn(hostname);
    }

    @Test
    void tabFromTheSearchReachesTheToolbarWithoutCrossingARowButton(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        for (int i = 0; i < 30; i++) {
            Fleets.insertAgentWithSubsystems(db, String.format("host-%02d.prod", i), "linux", NOW, "storage");
        }
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 30);
        robot.clickOn("#agents-search");

        java.util.List<String> visited = new java.util.ArrayList<>();
        // Refresh, the four filters, the toolbar, then the list.
        for (int press = 0; press < 10; press++) {
            robot.type(KeyCode.TAB);
            javafx.scene.Node owner = agents.getScene().getFocusOwner();
            visited.add(owner.getId() == null ? owner.getClass().getSimpleName() : owner.getId());
            assertThat(owner.getStyleClass()).as("focus after %d Tabs", press + 1).doesNotContain("scan-button");
        }
        assertThat(visited).contains("agents-refresh", "agents-filter-status", "agents-table");
    }

    @Test
    void ctrlAndANumberShowsThatViewAndTheButtonsSaySo(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage");
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);

        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT3).release(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#operations-table");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT4).release(KeyCode.DIGIT4).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#updates-groups");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT5).release(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#history-table");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT6).release(KeyCode.DIGIT6).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#migrations-view");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT1).release(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#overview-agents");
        robot.press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        Fx.waitForNode(robot, "#agents-table");

        assertThat(robot.lookup("#nav-migrations").queryAs(javafx.scene.control.ToggleButton.class).getTooltip().getText())
                .isEqualTo("Migrations (Ctrl+6)");
        assertThat(robot.lookup("#nav-agents").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();

        // Ctrl+F goes to the view's search; F5 reads the view again.
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#agents-search").query().isFocused()).isTrue();
        Fleets.insertAgentWithSubsystems(db, "web-02.prod", "linux", NOW, "storage");
        robot.type(KeyCode.F5);
        TableView<AgentRow> agents = robot.lookup("#agents-table").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 2);
    }
}
