package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.app.ConnectionChoice;
import org.redflag.console.app.ConnectionChoices;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.db.DatabaseTarget;
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

/** The start as the launcher makes it: a picker when profiles are saved and no database is named, none otherwise. */
@ExtendWith(ApplicationExtension.class)
class ConnectionPickerWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @CommandLine.Command
    static final class Options {
        @CommandLine.Mixin
        DatabaseOptions database;
    }

    @Test
    void savedProfilesAreOfferedAtStartAndTheChosenOneIsOpenedWithItsBar(FxRobot robot) throws Exception {
        TestDatabase staging = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(staging, "web-01.staging", "linux", NOW.minus(Duration.ofMinutes(2)));
        Path dataDir = Files.createTempDirectory("redflag-picker");
        new ProfileStore(dataDir).save(new ConnectionProfile("staging", staging.url(), TestPostgres.SUPERUSER,
                "#2e7d32", false, null, null, null));
        new ProfileStore(dataDir).save(new ConnectionProfile("prod", "jdbc:postgresql://127.0.0.1:1/redflag",
                "auditor", "#c62828", true, null, null, null));
        DatabaseOptions options = CommandLine.populateCommand(new Options(), "--data-dir", dataDir.toString()).database;
        ConnectionChoices choices = ConnectionChoices.from(options, Map.of(), false);
        assertThat(choices.pickAtStart()).isTrue();

        console.open(options.toSettings(Map.of()), choices, clock);

        ListView<ConnectionChoice> list = Fx.waitForNode(robot, "#connection-choices");
        assertThat(list.getItems()).extracting(ConnectionChoice::name)
                .containsExactly(ConnectionChoice.EMBEDDED_DEMO, "staging", "prod");
        assertThat(list.getItems().get(2).readOnly()).isTrue();
        assertThat(list.getItems().get(2).user()).isEqualTo("auditor");
        assertThat(list.getItems().get(1).colour()).contains("#2e7d32");
        assertThat(list.getSelectionModel().getSelectedItem().name()).isEqualTo(ConnectionChoice.EMBEDDED_DEMO);
        assertThat(console.window().context()).as("nothing opened before the choice").isNull();

        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getSelectionModel().getSelectedItem().name()).isEqualTo("staging");
        robot.type(KeyCode.ENTER);

        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(table.getItems()).extracting(r -> r.agent().hostname()).containsExactly("web-01.staging");
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getText()).isEqualTo("staging");
        assertThat(robot.lookup("#profile-bar").queryAs(javafx.scene.layout.HBox.class).getStyle())
                .contains("#2e7d32");
        assertThat(console.window().stage().getTitle()).isEqualTo("RedFlag Console — staging");
        assertThat(console.window().context().database().describe()).contains(staging.name());
    }

    @Test
    void escapeAtTheStartPickerQuits(FxRobot robot) throws Exception {
        Path dataDir = Files.createTempDirectory("redflag-picker");
        new ProfileStore(dataDir).save(ConnectionProfile.of("staging", "jdbc:postgresql://127.0.0.1:1/redflag"));
        DatabaseOptions options = CommandLine.populateCommand(new Options(), "--data-dir", dataDir.toString()).database;

        ConsoleWindow window = console.open(options.toSettings(Map.of()), ConnectionChoices.from(options, Map.of(),
                false), clock);
        Fx.waitForNode(robot, "#connection-choices");
        robot.type(KeyCode.ESCAPE);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !window.stage().isShowing());
        assertThat(window.context()).isNull();
    }

    @Test
    void withoutSavedProfilesTheWindowStartsOnTheEmbeddedDemoWithoutAsking(FxRobot robot) throws Exception {
        Path dataDir = Files.createTempDirectory("redflag-no-profiles");
        DatabaseOptions options = CommandLine.populateCommand(new Options(), "--data-dir", dataDir.toString()).database;
        ConnectionChoices choices = ConnectionChoices.from(options, Map.of(), false);
        ConsoleSettings settings = options.toSettings(Map.of());
        assertThat(choices.pickAtStart()).isFalse();
        assertThat(settings.target()).isInstanceOf(DatabaseTarget.Embedded.class);

        console.open(settings, choices, clock);

        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        assertThat(robot.lookup("#connection-choices").tryQuery()).isEmpty();
        assertThat(robot.lookup("#profile-bar").tryQuery()).isEmpty();
        assertThat(console.window().stage().getTitle()).isEqualTo("RedFlag Console");
    }
}
