package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.profiles.ProfileStore;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/** The real window opened with --profile: the profile's name and colour across the top, and its read-only hold. */
@ExtendWith(ApplicationExtension.class)
class ProfileWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String REFUSAL = "This connection's profile (prod) is read-only.";
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @CommandLine.Command
    static final class Options {
        @CommandLine.Mixin
        DatabaseOptions database;
    }

    @Test
    void aReadOnlyProductionProfileShowsItsBarAndDisablesScansWithTheReason(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofMinutes(2)), "storage");
        Path dataDir = Files.createTempDirectory("redflag-profile-window");
        new ProfileStore(dataDir).save(new ConnectionProfile("prod", db.url(), TestPostgres.SUPERUSER, "#c62828", true,
                null, null, null));
        ConsoleSettings settings = CommandLine.populateCommand(new Options(), "--profile", "prod",
                "--data-dir", dataDir.toString()).database.toSettings(Map.of());

        console.open(settings, Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();

        HBox bar = robot.lookup("#profile-bar").queryAs(HBox.class);
        assertThat(bar.getStyle()).contains("-fx-background-color: #c62828");
        assertThat(bar.localToScene(bar.getBoundsInLocal()).getMinY()).as("at the top of the window").isZero();
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getText()).isEqualTo("prod");
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getStyle()).contains("-fx-text-fill: #ffffff");
        assertThat(robot.lookup("#profile-read-only").queryAs(Label.class).getText()).isEqualTo("read-only");
        assertThat(AgentRows.scanButton(robot, "web-01.prod").isDisabled()).isTrue();
        assertThat(AgentRows.scanTooltip(robot, "web-01.prod")).extracting(Tooltip::getText).isEqualTo(REFUSAL);
        assertThat(robot.lookup("#scan-all-matching").queryButton().isDisabled()).isTrue();
        assertThat(tooltipAround(robot.lookup("#scan-all-matching").query())).isEqualTo(REFUSAL);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
    }

    /** The reason a disabled control gives: on the holder around it, as a disabled control shows no tooltip. */
    private static String tooltipAround(Node control) {
        Tooltip tip = (Tooltip) control.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tip == null ? null : tip.getText();
    }
}
