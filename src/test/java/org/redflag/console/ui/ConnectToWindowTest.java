package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
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

/** "Connect to…" moves the open window to another database: its views, bar, status and title follow. */
@ExtendWith(ApplicationExtension.class)
class ConnectToWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void connectToSwitchesTheWindowToTheSecondDatabaseAndItsAgents(FxRobot robot) throws Exception {
        TestDatabase first = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(first, "web-01.first", "linux", NOW.minus(Duration.ofMinutes(2)));
        TestDatabase second = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(second, "db-01.second", "linux", NOW.minus(Duration.ofMinutes(1)));
        Fleets.insertAgent(second, "db-02.second", "linux", NOW.minus(Duration.ofMinutes(1)));
        Path dataDir = Files.createTempDirectory("redflag-connect-to");
        new ProfileStore(dataDir).save(new ConnectionProfile("second", second.url(), TestPostgres.SUPERUSER,
                "#6a1b9a", false, null, null, null));
        ConsoleSettings settings = new ConsoleSettings(new DatabaseTarget.Server(first.url(), TestPostgres.SUPERUSER),
                true, false).withDataDirectory(dataDir);
        ConsoleWindow window = console.open(settings, ConnectionChoices.around(settings, Map.of()), clock);
        TableView<AgentRow> firstTable = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> firstTable.getItems().size() == 1);
        ConsoleContext firstContext = window.context();
        int viewCount = robot.lookup(".nav-button").queryAll().size();
        assertThat(robot.lookup("#profile-bar").tryQuery()).isEmpty();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        ListView<ConnectionChoice> list = Fx.waitForNode(robot, "#connection-choices");
        assertThat(list.getItems()).extracting(ConnectionChoice::name)
                .containsExactly(ConnectionChoice.EMBEDDED_DEMO, "second");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);

        // The other database has agents: it opens on its Overview.
        Fx.waitForNode(robot, "#overview-agents");
        Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#agents-table").tryQuery()
                .map(table -> table != firstTable && ((TableView<?>) table).getItems().size() == 2).orElse(false));
        TableView<AgentRow> secondTable = robot.lookup("#agents-table").query();
        assertThat(secondTable.getItems()).extracting(r -> r.agent().hostname())
                .containsExactly("db-01.second", "db-02.second");
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getText()).isEqualTo("second");
        assertThat(window.stage().getTitle()).isEqualTo("RedFlag Console — second");
        Label connection = robot.lookup("#status-connection").queryAs(Label.class);
        assertThat(connection.getText()).contains("/" + second.name());
        Label agents = robot.lookup("#status-agents").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "2 agents".equals(agents.getText()));
        assertThat(robot.lookup(".nav-button").queryAll()).as("one set of views, the new database's")
                .hasSize(viewCount);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> ((HikariDataSource) firstContext.database().dataSource()).isClosed());
        assertThat(second.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'"))
                .as("no error of the first database, nor of the switch, in the second's history").isZero();
    }

    @Test
    void escapeInConnectToKeepsTheDatabaseTheWindowHas(FxRobot robot) throws Exception {
        TestDatabase first = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(first, "web-01.first", "linux", NOW);
        Path dataDir = Files.createTempDirectory("redflag-connect-to");
        new ProfileStore(dataDir).save(ConnectionProfile.of("other", "jdbc:postgresql://127.0.0.1:1/redflag"));
        ConsoleSettings settings = new ConsoleSettings(new DatabaseTarget.Server(first.url(), TestPostgres.SUPERUSER),
                true, false).withDataDirectory(dataDir);
        ConsoleWindow window = console.open(settings, ConnectionChoices.around(settings, Map.of()), clock);
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        ConsoleContext opened = window.context();

        robot.clickOn("#connect-to");
        Fx.waitForNode(robot, "#connection-choices");
        robot.type(KeyCode.ESCAPE);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#connection-choices").tryQuery().isEmpty());
        assertThat(window.context()).isSameAs(opened);
        assertThat((Object) robot.lookup("#agents-table").query()).isSameAs(table);
    }

    @Test
    void aDatabaseThatCannotBeReachedOffersConnectToAgainInItsDialog(FxRobot robot) throws Exception {
        TestDatabase first = TestPostgres.newDatabase().migrated();
        TestDatabase good = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(good, "db-01.good", "linux", NOW);
        Path dataDir = Files.createTempDirectory("redflag-connect-to");
        new ProfileStore(dataDir).save(ConnectionProfile.of("away", "jdbc:postgresql://127.0.0.1:1/redflag"));
        new ProfileStore(dataDir).save(new ConnectionProfile("good", good.url(), TestPostgres.SUPERUSER, null, false,
                null, null, null));
        ConsoleSettings settings = new ConsoleSettings(new DatabaseTarget.Server(first.url(), TestPostgres.SUPERUSER),
                true, false).withDataDirectory(dataDir);
        ConsoleWindow window = console.open(settings, ConnectionChoices.around(settings, Map.of()), clock);
        Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.context() != null);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        Fx.waitForNode(robot, "#connection-choices");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        javafx.scene.control.DialogPane problem = Fx.waitForNode(robot, "#connection-problem");
        assertThat(window.context()).isNull();
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getText()).isEqualTo("away");

        robot.clickOn((javafx.scene.Node) problem.lookupButton(ConnectionDialogs.CONNECT_TO));
        ListView<ConnectionChoice> list = Fx.waitForNode(robot, "#connection-choices");
        assertThat(list.getSelectionModel().getSelectedItem().name()).as("starts on the one that failed")
                .isEqualTo("away");
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);

        // The other database has agents: it opens on its Overview.
        Fx.waitForNode(robot, "#overview-agents");
        Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#agents-table").tryQuery()
                .map(table -> ((TableView<?>) table).getItems().size() == 1).orElse(false));
        TableView<AgentRow> table = robot.lookup("#agents-table").query();
        assertThat(table.getItems()).extracting(r -> r.agent().hostname()).containsExactly("db-01.good");
        assertThat(robot.lookup("#profile-name").queryAs(Label.class).getText()).isEqualTo("good");
    }
}
