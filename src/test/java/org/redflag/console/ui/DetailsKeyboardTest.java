package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.AgentSubsystem;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every action in an agent's details and in History has a keyboard path: Enter scans the selected subsystem,
 * Delete cancels and Ctrl+R retries the selected command, Enter opens a long result or output in full; and no
 * row button is in the tab order.
 */
@ExtendWith(ApplicationExtension.class)
class DetailsKeyboardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void scanCancelRetryAndTheWholeResultAreReachedByKeys(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage", "system");
        openDetails(robot, db);

        TableView<AgentSubsystem> subsystems = Fx.waitForNode(robot, "#detail-subsystems");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> subsystems.getItems().size() == 2);
        int storageRow = indexOf(subsystems, s -> s.subsystem().id().equals("storage"));
        select(robot, subsystems, storageRow);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> db.queryLong(
                "SELECT count(*) FROM agent_commands WHERE command_type = 'scan_storage' AND status = 'pending'") == 1);
        assertThat(robot.lookup(".detail-scan-button").queryAll().stream().noneMatch(Node::isFocusTraversable))
                .as("no subsystem's scan button is in the tab order").isTrue();

        TableView<AgentCommand> commands = Fx.waitForNode(robot, "#detail-commands");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> commands.getItems().size() == 1);
        select(robot, commands, 0);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> db.queryLong(
                "SELECT count(*) FROM agent_commands WHERE status = 'cancelled'") == 1);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> commands.getItems().size() == 1
                && commands.getItems().get(0).status().isRetryable());
        select(robot, commands, 0);
        robot.press(KeyCode.CONTROL).press(KeyCode.R).release(KeyCode.R).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> db.queryLong(
                "SELECT count(*) FROM agent_commands WHERE status = 'pending' AND retried_from_id IS NOT NULL") == 1);

        String longResult = "storage completed: " + "/srv/data is 97 % full; ".repeat(40);
        db.execute("UPDATE agent_commands SET status = 'completed', completed_at = now(), "
                + "result = jsonb_build_object('summary', '" + longResult + "') WHERE status = 'pending'");
        robot.clickOn("#detail-refresh");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> commands.getItems().stream()
                .anyMatch(c -> longResult.equals(c.summary())));
        select(robot, commands, indexOf(commands, c -> longResult.equals(c.summary())));
        robot.type(KeyCode.ENTER);
        TextArea whole = Fx.waitForNode(robot, "#text-window-text");
        assertThat(whole.getText()).isEqualTo(longResult);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#text-window-text").tryQuery()
                .map(n -> n.getScene().getWindow() == null || !n.getScene().getWindow().isShowing()).orElse(true));
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = '" + web + "'")).isEqualTo(2);
    }

    @Test
    void enterOnAHistoryRowOpensItsWholeOutput(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage");
        String output = "line\n".repeat(20_000);
        HistoryRows.insert(db, web, NOW, "storage", "scan_storage", "success", 0, 3, output, "");
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);
        robot.clickOn("History");
        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() == 1);
        select(robot, history, 0);
        robot.type(KeyCode.ENTER);

        ListView<String> lines = Fx.waitForNode(robot, "#output-window-stdout-lines");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lines.getItems().size() == 20_000);
        Node note = robot.lookup("#output-window-stdout-note").query();
        assertThat(((javafx.scene.control.Label) note).getText()).doesNotStartWith("Showing the first");
        robot.type(KeyCode.ESCAPE);
    }

    private void openDetails(FxRobot robot, TestDatabase db) throws Exception {
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 1);
        robot.clickOn("web-01.prod");
        robot.type(KeyCode.ENTER);
        Fx.waitForNode(robot, "#agent-detail");
    }

    private static <T> void select(FxRobot robot, TableView<T> table, int index) {
        robot.interact(() -> {
            table.requestFocus();
            table.getSelectionModel().clearAndSelect(index);
            table.getFocusModel().focus(index);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> int indexOf(TableView<T> table, java.util.function.Predicate<T> wanted) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (wanted.test(table.getItems().get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such row in " + table.getId());
    }
}
