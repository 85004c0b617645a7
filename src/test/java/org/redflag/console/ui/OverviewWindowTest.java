package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.overview.OverviewRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentsRequest;
import org.redflag.console.ui.operations.OperationsRequest;
import org.redflag.console.ui.overview.OverviewView;
import org.redflag.console.ui.overview.OverviewViewModel;
import org.redflag.console.ui.updates.UpdatesRequest;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Overview in the real window: the first view of a fleet, its figures, and each one opening what it counts. */
@ExtendWith(ApplicationExtension.class)
class OverviewWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:30:00Z");

    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void theFailedDockerScansOfTodayOpenHistoryFilteredToExactlyThoseRows(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        UUID build = Fleets.insertAgent(db, "build-01.prod", "linux", NOW.minus(Duration.ofDays(2)));
        Fleets.insertAgent(db, "old-01.prod", "windows", NOW.minus(Duration.ofDays(30)));
        List<UUID> failedDockerToday = new ArrayList<>();
        for (int hour : new int[] {1, 9, 11}) {
            failedDockerToday.add(HistoryRows.scan(db, hour % 2 == 0 ? web : build,
                    Instant.parse("2026-11-25T00:00:00Z").plus(Duration.ofHours(hour)), "docker", "failed"));
        }
        for (int i = 0; i < 5; i++) {
            HistoryRows.scan(db, web, NOW.minus(Duration.ofMinutes(20 + 30 * i)), "docker", "success");
        }
        HistoryRows.scan(db, web, NOW.minus(Duration.ofHours(1)), "storage", "failed");
        HistoryRows.scan(db, web, Instant.parse("2026-11-24T23:30:00Z"), "docker", "failed");
        console.open(db.settings(true), Clock.fixed(NOW, ZoneOffset.UTC));

        Fx.waitForNode(robot, "#overview-agents");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "3".equals(figure(robot, "#overview-agents")));
        assertThat(robot.lookup("#nav-overview").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(figure(robot, "#overview-online")).isEqualTo("1");
        assertThat(figure(robot, "#overview-offline")).isEqualTo("1");
        assertThat(figure(robot, "#overview-stale")).isEqualTo("1");

        robot.clickOn("#overview-subsystem-docker");
        robot.clickOn(Fx.<javafx.scene.Node>waitForNode(robot, "#overview-day-6-failed"));

        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() == failedDockerToday.size()
                && history.getItems().stream().allMatch(e -> failedDockerToday.contains(e.id())));
        assertThat(robot.lookup("#history-subsystem").queryAs(ComboBox.class).getValue()).isEqualTo("docker");
        assertThat(robot.lookup("#history-result").queryAs(ComboBox.class).getValue()).isEqualTo("failed");
        assertThat(robot.lookup("#history-from").queryAs(DatePicker.class).getValue()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(robot.lookup("#history-to").queryAs(DatePicker.class).getValue()).isEqualTo(LocalDate.of(2026, 11, 25));

        // The stuck tile opens Operations with its stuck-only filter on.
        robot.clickOn("#nav-overview");
        robot.clickOn(Fx.<javafx.scene.Node>waitForNode(robot, "#overview-stuck"));
        Fx.waitForNode(robot, "#operations-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#operations-stuck").queryAs(javafx.scene.control.CheckBox.class).isSelected());
        assertThat(robot.lookup("#nav-operations").queryAs(ToggleButton.class).isSelected()).isTrue();

        // Live: back on the Overview, a new agent is counted without a click (coalesced, not at once).
        robot.clickOn("#nav-overview");
        Fleets.insertAgent(db, "web-02.prod", "linux", NOW);
        HistoryRows.scan(db, web, NOW.minus(Duration.ofMinutes(1)), "storage", "success");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "4".equals(figure(robot, "#overview-agents")));
    }

    @Test
    void aDatabaseWithoutAgentsOpensOnAgents(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        console.open(db.settings(true), Clock.fixed(NOW, ZoneOffset.UTC));

        Fx.waitForNode(robot, "#agents-table");
        assertThat(robot.lookup("#nav-agents").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void tilesAndRowsSendTheRequestOfWhatTheyCount(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        List<ViewRequest> sent = new ArrayList<>();
        OverviewViewModel model = new OverviewViewModel(new OverviewRepository(db.dataSource(),
                Capabilities.CONSOLE_SCHEMA, Duration.ofHours(2), Clock.fixed(NOW, ZoneOffset.UTC)),
                new SameThreadExecutor(), failure -> { throw new AssertionError(failure); });
        FxToolkit.setupStage(stage -> {
            stage.setScene(new javafx.scene.Scene(new OverviewView(model, sent::add, Clock.fixed(NOW, ZoneOffset.UTC)),
                    1100, 700));
            stage.show();
        });
        Fx.waitForNode(robot, "#overview-os-linux");

        for (String tile : List.of("#overview-stuck", "#overview-in-flight", "#overview-online", "#overview-reboot",
                "#overview-os-linux", "#overview-version-0-1-27", "#overview-command-pending")) {
            robot.clickOn(Fx.<javafx.scene.Node>waitForNode(robot, tile));
        }
        // Below the fold of the small test screen: pressed by keyboard (a button's Enter or Space), not scrolled to.
        for (String row : List.of("#overview-updates", "#overview-severity-critical")) {
            javafx.scene.control.Button button = robot.lookup(row).queryButton();
            robot.interact(button::fire);
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(sent).containsExactly(OperationsRequest.stuck(), OperationsRequest.inFlight(),
                new AgentsRequest("online", null, null, null), new AgentsRequest(null, null, null, true),
                new AgentsRequest(null, "linux", null, null), new AgentsRequest(null, null, "0.1.27", null),
                new OperationsRequest("pending", null, false), new UpdatesRequest(null, null),
                new UpdatesRequest("critical", null));
        FxToolkit.setupFixture(() -> javafx.stage.Window.getWindows().stream().toList().forEach(javafx.stage.Window::hide));
    }

    private static String figure(FxRobot robot, String tile) {
        return robot.lookup(tile + " .tile-value").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
