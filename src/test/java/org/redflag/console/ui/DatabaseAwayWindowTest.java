package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.redflag.console.ui.agents.ScanRequests;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The database stops answering under the open window: the window says so by itself, keeps what it shows,
 * refuses a scan at once with a sentence instead of waiting, and is green again when the database is back.
 */
@ExtendWith(ApplicationExtension.class)
class DatabaseAwayWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();
    private TestDatabase db;
    private boolean down;

    @AfterEach
    void bringBackIfDown() {
        if (down) {
            bringBack();
        }
    }

    @Test
    void aStoppedDatabaseIsShownAndAScanIsRefusedWithASentenceUntilItIsBack(FxRobot robot) throws Exception {
        db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofMinutes(2)),
                "updates", "storage");
        console.open(db.settings(true), clock);
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        Label connection = robot.lookup("#status-connection").queryAs(Label.class);
        Node banner = robot.lookup("#database-banner").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> connection.getText().startsWith("● localhost"));
        assertThat(banner.isVisible()).isFalse();

        takeAway();

        // Waited on, not timed: DatabaseHealthTest holds the two seconds; a loaded machine must not fail this.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> connection.getText().contains("database unreachable — retrying") && banner.isVisible());
        assertThat(connection.getStyleClass()).contains("status-disconnected");
        assertThat(((Label) banner).getText()).contains("may be out of date");
        assertThat(table.getItems()).as("what was read stays on screen").hasSize(1);

        robot.clickOn(AgentRows.scanButton(robot, "web-01.prod"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(AgentRows.scanState(robot, "web-01.prod").getText())
                .as("answered at once, not after the pool's timeout").isEqualTo("storage not queued");
        Node notification = Fx.waitForNode(robot, ".notification-bar");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(notification).lookup(".label").queryAll()
                .stream().anyMatch(n -> ((Label) n).getText().replaceAll("\\s+", " ").contains(ScanRequests.DATABASE_AWAY)));

        bringBack();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> connection.getText().startsWith("● localhost") && !banner.isVisible());
        assertThat(connection.getStyleClass()).contains("status-connected");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).as("nothing was written").isZero();
        // The refusal waited in the spool and is written once the database answers: one row, its sentence.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> db.queryLong(
                "SELECT count(*) FROM update_logs WHERE action = 'console_error'") == 1);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'"))
                .isEqualTo(ScanRequests.DATABASE_AWAY);
    }

    private void takeAway() {
        down = true;
        db.takeAway();
    }

    private void bringBack() {
        db.bringBack();
        down = false;
    }
}
