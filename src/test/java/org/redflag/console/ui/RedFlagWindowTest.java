package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.scan.AgentSubsystem;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A whole session in the real window on a RedFlag server's database, as RedFlag's own files built it: every
 * view shows that database, a scan writes RedFlag's row, an error lands in its history, and when the window
 * closes the catalog is exactly what it was (the console asked for nothing, so it created nothing).
 */
@ExtendWith(ApplicationExtension.class)
class RedFlagWindowTest {

    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void aFirstGenerationDatabaseWorksInEveryViewAndKeepsItsCatalog(FxRobot robot) throws Exception {
        wholeSession(robot, RedFlagShape.V0_1_18, "scan_updates", 15);
    }

    @Test
    void aLaterGenerationDatabaseWorksInEveryViewAndKeepsItsCatalog(FxRobot robot) throws Exception {
        wholeSession(robot, RedFlagShape.LATER, "scan_apt", 31);
    }

    private void wholeSession(FxRobot robot, RedFlagShape shape, String updatesScanType, int recordedFiles) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agentThatCanScan(db, "linux", "updates");
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + agent + "'");
        String hostname = db.queryString("SELECT hostname FROM agents WHERE id = ?", agent);
        List<String> catalogBefore = CatalogSnapshot.take(db);

        // Migrations are not switched off: the console must still leave a RedFlag schema alone.
        ConsoleWindow window = console.open(db.settings(true), Clock.systemUTC());

        TableView<AgentRow> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 40);
        Label schema = robot.lookup("#status-schema").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> schema.getText().startsWith("RedFlag schema (recorded up to"));
        assertThat(robot.lookup("#status-agents").queryAs(Label.class).getText()).isEqualTo("40 agents");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "polling".equals(robot.lookup("#status-live").queryAs(Label.class).getText()));
        assertThat(agents.getItems()).extracting(row -> row.agent().hostname())
                .containsExactlyElementsOf(RedFlagFixtures.rows(db, "SELECT hostname FROM agents ORDER BY lower(hostname), id")
                        .stream().map(r -> (String) r.get("hostname")).toList());

        // Three clicks faster than any hand on another agent's scan button: one command.
        String other = agents.getItems().stream().map(row -> row.agent()).filter(a -> !a.id().equals(agent))
                .findFirst().orElseThrow().hostname();
        UUID otherId = UUID.fromString(db.queryString("SELECT id::text FROM agents WHERE hostname = ?", other));
        db.execute("DELETE FROM agent_commands WHERE agent_id = '" + otherId + "'");
        robot.moveTo(AgentRows.scanButton(robot, other));
        org.testfx.api.FxToolkit.setupFixture(() -> {
            javafx.scene.robot.Robot mouse = new javafx.scene.robot.Robot();
            for (int i = 0; i < 3; i++) {
                mouse.mouseClick(javafx.scene.input.MouseButton.PRIMARY);
            }
        });
        Label otherState = AgentRows.scanState(robot, other);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> otherState.getText().endsWith("queued"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", otherId)).isEqualTo(1);

        // The agent's details, and a scan from them: RedFlag's row, handed out by RedFlag's query.
        robot.clickOn(hostname);
        robot.clickOn("#agent-details");
        TableView<AgentSubsystem> subsystems = Fx.waitForNode(robot, "#detail-subsystems");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !subsystems.getItems().isEmpty());
        assertThat(subsystems.getItems()).hasSize(shape == RedFlagShape.V0_1_18 ? 1 : 4);
        Fx.clickInSettledDetails(robot, "#detail-scan-updates");
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", agent) == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no scan row for " + hostname + ": commands=" + RedFlagFixtures.rows(db,
                    "SELECT command_type, status FROM agent_commands WHERE agent_id = ?", agent) + ", scan states="
                    + robot.lookup(".scan-state").queryAll().stream().map(n -> ((Label) n).getText()).toList()
                    + ", button disabled=" + robot.lookup("#detail-scan-updates").queryButton().isDisabled(), e);
        }
        assertThat(RedFlagFixtures.pendingForAgent(db, shape, agent)).singleElement()
                .satisfies(row -> assertThat(row.get("command_type")).isEqualTo(updatesScanType));
        Fx.clickInSettledDetails(robot, "#detail-history-tab");
        WaitForAsyncUtils.waitForFxEvents();
        // Escape puts the details away, as its Close button does.
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#agent-detail").tryQuery().isEmpty());

        // An error anywhere in the window becomes a row of this database's own history.
        window.errors().report(org.redflag.console.history.ConsoleArea.CONSOLE,
                new IllegalStateException("A failure in the middle of a RedFlag session"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> db.queryLong(
                "SELECT count(*) FROM update_logs WHERE action = 'console_error'") == 1);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'"))
                .contains("A failure in the middle of a RedFlag session");
        assertThat(robot.lookup("#status-spool").queryAs(Label.class).isVisible()).isFalse();

        robot.clickOn("#nav-history");
        // The details window has a history table of its own (that agent's); this is the main window's.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#history-table")
                .match(node -> node.getScene() != null && node.getScene().getWindow() == window.stage()).tryQuery().isPresent());
        TableView<HistoryEntry> history = robot.lookup("#history-table")
                .match(node -> node.getScene().getWindow() == window.stage()).query();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() >= 200);
        assertThat(history.getItems()).anyMatch(e -> "console_error".equals(e.action()));
        assertThat(history.getItems()).anyMatch(e -> "updates".equals(e.subsystem()));

        robot.clickOn("#nav-migrations");
        TableView<MigrationStatus> record = Fx.waitForNode(robot, "#migrations-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> record.getItems().size() == recordedFiles);
        assertThat(record.getItems()).noneMatch(MigrationStatus::pending);
        assertThat(record.getItems()).extracting(MigrationStatus::script).contains("001_initial_schema.up.sql");
        assertThat(robot.lookup("#migrations-migrate").queryButton().isDisabled()).isTrue();

        closeWindow();
        assertThat(CatalogSnapshot.take(db)).containsExactlyElementsOf(catalogBefore);
    }

    @Test
    void theCompanionIsInstalledOnlyAfterTheAdminConfirmsTheListAndThenTheWindowIsLive(FxRobot robot) throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        List<String> catalogBefore = CatalogSnapshot.take(db);
        console.open(db.settings(true), Clock.systemUTC());
        Fx.showAgents(robot);
        robot.clickOn("#nav-migrations");
        robot.clickOn("Console companion");
        Label state = Fx.waitForNode(robot, "#companion-state");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> state.getText().startsWith("Not installed"));

        robot.clickOn("#companion-install");
        javafx.scene.control.DialogPane confirmation = Fx.waitForNode(robot, "#companion-confirmation");
        assertThat(confirmation.getContentText()).contains("schema redflag_console", "trigger redflag_console_notify",
                "index redflag_console_agents_hostname", "index redflag_console_logs_agent_executed");
        robot.clickOn(robot.from(confirmation).lookup("Cancel").queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(CatalogSnapshot.take(db)).containsExactlyElementsOf(catalogBefore);

        robot.clickOn("#companion-install");
        DialogPaneButtons.ok(robot, Fx.waitForNode(robot, "#companion-confirmation"));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> state.getText().startsWith("Installed at V4"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "live".equals(robot.lookup("#status-live").queryAs(Label.class).getText()));
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname = 'redflag_console_notify'")).isEqualTo(2);
    }

    @Test
    void whereTheServerSignsCommandsAndNoServerIsGivenTheAgentsViewSaysWhyScanningIsOff(FxRobot robot) throws Exception {
        TestDatabase db = RedFlagFixtures.signed();
        console.open(db.settings(true), Clock.systemUTC());
        Fx.showAgents(robot);

        Label notice = Fx.waitForNode(robot, "#agents-notice");

        assertThat(notice.getText()).contains("Scanning is off for this database", "--server-url");
    }

    /** The OK button of a confirmation. */
    private static final class DialogPaneButtons {
        static void ok(FxRobot robot, javafx.scene.control.DialogPane pane) {
            robot.clickOn(robot.from(pane).lookup("OK").queryButton());
        }
    }

    private void closeWindow() throws Exception {
        console.afterEach(null);
    }
}
