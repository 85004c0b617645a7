package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * After each action, the window's displays tell the same story: the online count follows check-ins without a
 * Refresh, a batch's summary belongs to its subsystem, Scan selected keeps the selection, and Validate's verdict
 * and its pane agree.
 */
@ExtendWith(ApplicationExtension.class)
class DisplaysAgreeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void displaysAgreeAfterEachAction(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "db-01.prod", "linux", NOW, "storage", "docker");
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofHours(2)),
                "storage", "docker");
        ConsoleWindow window = console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        Label summary = robot.lookup("#agents-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "2 agents shown · 1 online".equals(summary.getText()));
        // The live listener starts after the first page and catches up with one reload: let that land first.
        Label live = robot.lookup("#status-live").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "live".equals(live.getText()));
        WaitForAsyncUtils.waitForFxEvents();

        // An agent checks in: no notification comes for a heartbeat, the slow poll brings it.
        db.execute("UPDATE agents SET last_seen = '" + NOW + "' WHERE id = '" + web + "'");
        window.context().changes().publish(ChangeNotice.poll());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "2 agents shown · 2 online".equals(summary.getText()));

        // Scan selected: the summary is about this batch, and the selection stays for the next action.
        robot.interact(() -> agents.getSelectionModel().selectAll());
        robot.clickOn("#scan-selected");
        Label batch = robot.lookup("#scan-batch-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> batch.getText().startsWith("Scan storage on 2 agents"));
        assertThat(agents.getSelectionModel().getSelectedItems()).hasSize(2);

        // Another subsystem: the storage batch's summary is old news.
        @SuppressWarnings("unchecked")
        ChoiceBox<Subsystem> subsystem = robot.lookup("#scan-subsystem").queryAs(ChoiceBox.class);
        robot.interact(() -> subsystem.getSelectionModel().select(Subsystem.DOCKER));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(batch.getText()).isEmpty();
        assertThat(agents.getSelectionModel().getSelectedItems()).hasSize(2);

        // Validate: the verdict above and the pane below say the same.
        robot.clickOn("#nav-migrations");
        Fx.waitForNode(robot, "#migrations-table");
        ListView<?> problems = robot.lookup("#migrations-validation").queryListView();
        assertThat(((Label) problems.getPlaceholder()).getText()).isEqualTo("Not validated yet.");
        robot.clickOn("#migrations-validate");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> "No problems found.".equals(((Label) problems.getPlaceholder()).getText()));
        assertThat(robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText))
                .anyMatch(text -> text != null && text.startsWith("Valid: "))
                .noneMatch(text -> "Not validated yet.".equals(text));
    }
}
