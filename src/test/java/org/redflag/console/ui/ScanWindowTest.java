package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.StorageMetric;
import org.redflag.console.simulator.SimulatedFleet;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Scanning from the real window: rapid clicks, live updates from other connections, the agent's details. */
@ExtendWith(ApplicationExtension.class)
class ScanWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();
    private TestDatabase db;
    private UUID web01;
    private UUID web02;

    @Test
    void rapidTripleClickQueuesOneScanAndLeavesOtherAgentsAlone(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        Button web01Scan = scanButton(robot, "web-01.prod");
        assertThat(web01Scan.getText()).isEqualTo("Scan storage");

        robot.moveTo(web01Scan);
        // Three real clicks posted back to back, faster than any hand: well within 200 ms.
        long[] took = new long[1];
        FxToolkit.setupFixture(() -> {
            javafx.scene.robot.Robot mouse = new javafx.scene.robot.Robot();
            long began = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                mouse.mouseClick(MouseButton.PRIMARY);
            }
            took[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        });
        System.out.printf("Three clicks posted within %d ms%n", took[0]);

        Label web01State = scanState(robot, "web-01.prod");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "storage queued".equals(web01State.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ? AND command_type = 'scan_storage'",
                web01)).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isZero();
        assertThat(scanButton(robot, "web-02.prod").isDisabled()).isFalse();
        assertThat(scanState(robot, "web-02.prod").getText()).isEmpty();

        // A fourth click in the quiet window after the answer is ignored too: no second request at all.
        robot.clickOn(scanButton(robot, "web-01.prod"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scanState(robot, "web-01.prod").getText()).isEqualTo("storage queued");

        robot.clickOn(scanButton(robot, "web-02.prod"));
        Label web02State = scanState(robot, "web-02.prod");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "storage queued".equals(web02State.getText()));
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", web02)).isEqualTo(1);
        assertThat(javafx.stage.Window.getWindows()).as("rapid clicks on a scan button open no details").hasSize(1);
        assertThat(scanState(robot, "web-01.prod").getText()).isEqualTo("storage queued");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isZero();
    }

    @Test
    void aScanCompletedByAnotherConnectionShowsWithoutARefresh(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        Label live = robot.lookup("#status-live").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "live".equals(live.getText()));
        robot.clickOn(scanButton(robot, "web-01.prod"));
        Label state = scanState(robot, "web-01.prod");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "storage queued".equals(state.getText()));

        // An agent, through another connection, takes the scan and reports.
        SimulatedFleet.Round round = agentsAnswer();
        assertThat(round.completed()).isEqualTo(1);

        // The live poll is 30 s away: within 10 s only a notification can have brought this.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> state.getText().startsWith("storage completed"));
        assertThat(live.getText()).isEqualTo("live");
    }

    @Test
    void theAgentsDetailsShowItsCommandsGoFromPendingToCompletedAndItsStorage(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        Fleets.insertSubsystem(db, web01, "docker", false);
        robot.clickOn("web-01.prod");
        robot.clickOn("#agent-details");

        TableView<AgentCommand> commands = Fx.waitForNode(robot, "#detail-commands");
        TableView<StorageMetric> storage = robot.lookup("#detail-storage").queryTableView();
        TableView<?> subsystems = robot.lookup("#detail-subsystems").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> subsystems.getItems().size() == 3);
        // The rows' cells are laid out a pulse after the items arrive.
        assertThat(Fx.<Button>waitForNode(robot, "#detail-scan-docker").isDisabled())
                .as("a disabled subsystem offers no scan").isTrue();
        assertThat(storage.getItems()).isEmpty();

        robot.clickOn("#detail-scan-storage");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> commands.getItems().size() == 1);
        assertThat(commands.getItems().get(0).status()).isEqualTo(CommandStatus.PENDING);

        agentsAnswer();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !commands.getItems().isEmpty()
                && commands.getItems().get(0).status() == CommandStatus.COMPLETED && !storage.getItems().isEmpty());
        assertThat(storage.getItems()).extracting(StorageMetric::mountpoint).contains("/", "/boot");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".scan-state").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().startsWith("completed")));
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isZero();
    }

    @Test
    void theDetailsHistoryTabListsThatAgentsHistoryOnly(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        robot.clickOn("web-01.prod");
        robot.clickOn("#agent-details");
        Fx.waitForNode(robot, "#detail-scan-storage");
        robot.clickOn("#detail-scan-storage");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", web01) == 1);
        db.execute("INSERT INTO update_logs (agent_id, action, result, subsystem) VALUES ('" + web02
                + "', 'scan_storage', 'success', 'storage')");
        agentsAnswer();

        robot.clickOn("#detail-history-tab");
        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#agent-detail #history-table");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> history.getItems().size() == 1);
        assertThat(history.getItems()).extracting(HistoryEntry::agentId).containsOnly(web01);
        assertThat(history.getItems()).extracting(HistoryEntry::action).containsExactly("scan_storage");
    }

    @Test
    void cancelAndRetryFromTheDetails(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        robot.clickOn("web-02.prod");
        robot.clickOn("#agent-details");
        TableView<AgentCommand> commands = Fx.waitForNode(robot, "#detail-commands");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#detail-scan-storage").tryQuery().isPresent());
        robot.clickOn("#detail-scan-storage");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> commands.getItems().size() == 1);

        Fx.clickInSettledDetails(robot, "Cancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> commands.getItems().get(0).status() == CommandStatus.CANCELLED);
        Fx.clickInSettledDetails(robot, "Retry");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> commands.getItems().size() == 2);

        AgentCommand retried = commands.getItems().get(0);
        assertThat(retried.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(retried.retriedFromId()).isEqualTo(commands.getItems().get(1).id());
    }

    @Test
    void aSubsystemAnAgentHasDisabledOffersNoScanAndSaysWhy(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        Fleets.insertSubsystem(db, web01, "docker", false);
        Fleets.insertSubsystem(db, web02, "docker", true);
        TableView<AgentRow> table = robot.lookup("#agents-table").queryTableView();
        robot.clickOn("#agents-refresh");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.agent().scans("docker")));
        javafx.scene.control.ChoiceBox<org.redflag.console.scan.Subsystem> subsystem =
                robot.lookup("#scan-subsystem").queryAs(javafx.scene.control.ChoiceBox.class);
        robot.interact(() -> subsystem.setValue(org.redflag.console.scan.Subsystem.DOCKER));
        WaitForAsyncUtils.waitForFxEvents();

        Button web01Scan = scanButton(robot, "web-01.prod");
        assertThat(web01Scan.getText()).isEqualTo("Scan docker");
        assertThat(web01Scan.isDisabled()).isTrue();
        String reason = "docker is disabled on web-01.prod: enable it in the agent's configuration";
        assertThat(AgentRows.scanTooltip(robot, "web-01.prod")).isNotNull()
                .extracting(javafx.scene.control.Tooltip::getText).isEqualTo(reason);
        assertThat(scanButton(robot, "web-02.prod").isDisabled()).isFalse();
        assertThat(AgentRows.scanTooltip(robot, "web-02.prod")).isNull();

        // The reason shows where the admin points, although the button itself is disabled.
        robot.moveTo(web01Scan);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.listWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing() && reason.equals(t.getText())));
        robot.clickOn(web01Scan);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();

        robot.interact(() -> subsystem.setValue(org.redflag.console.scan.Subsystem.STORAGE));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scanButton(robot, "web-01.prod").isDisabled()).isFalse();
        assertThat(AgentRows.scanTooltip(robot, "web-01.prod")).isNull();
    }

    @Test
    void theSystemTabShowsTheNewestSystemScanOrWhatToDo(FxRobot robot) throws Exception {
        openWithTwoAgents(robot);
        robot.clickOn("web-01.prod");
        robot.clickOn("#agent-details");
        Fx.waitForNode(robot, "#detail-scan-storage");
        robot.clickOn("#detail-system-tab");
        Label empty = Fx.waitForNode(robot, "#detail-system-empty");
        assertThat(empty.getText()).isEqualTo("No system scan yet: scan system.");
        assertThat(empty.isVisible()).isTrue();

        db.execute("""
                INSERT INTO system_info (agent_id, cpu_model, cpu_cores, memory_total_bytes, memory_used_bytes,
                                         uptime_seconds, collected_at)
                VALUES ('%1$s', 'Old CPU', 2, 1073741824, 536870912, 60, '2026-11-20T10:00:00Z'),
                       ('%1$s', 'AMD EPYC 7763', 16, 68719476736, 17179869184, 90061, '2026-11-25T11:00:00Z')
                """.formatted(web01));
        robot.clickOn("#detail-refresh");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#detail-system-cpu").tryQuery().isPresent());
        assertThat(robot.lookup("#detail-system-cpu").queryAs(Label.class).getText()).isEqualTo("AMD EPYC 7763 · 16 cores");
        assertThat(robot.lookup("#detail-system-memory").queryAs(Label.class).getText()).isEqualTo("16.0 GiB of 64.0 GiB in use");
        assertThat(robot.lookup("#detail-system-up-for").queryAs(Label.class).getText()).isEqualTo("1 d 1 h");
        assertThat(robot.lookup("#detail-system-scanned").queryAs(Label.class).getText()).endsWith("(1 h ago)");
        assertThat(robot.lookup("#detail-system-empty").queryAs(Label.class).isVisible()).isFalse();
    }

    private SimulatedFleet.Round agentsAnswer() throws Exception {
        return new SimulatedFleet(db.dataSource(), Clock.systemUTC(), SimulatedFleet.Settings.instant(0)).runRound();
    }

    private void openWithTwoAgents(FxRobot robot) throws Exception {
        db = TestPostgres.newDatabase().migrated();
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofMinutes(2)),
                "updates", "storage");
        web02 = Fleets.insertAgentWithSubsystems(db, "web-02.prod", "linux", NOW.minus(Duration.ofMinutes(3)),
                "updates", "storage");
        console.open(db.settings(true), clock);
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Button scanButton(FxRobot robot, String hostname) {
        return AgentRows.scanButton(robot, hostname);
    }

    private static Label scanState(FxRobot robot, String hostname) {
        return AgentRows.scanState(robot, hostname);
    }
}
