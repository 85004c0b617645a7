package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, wired as the launcher wires it, on a real database. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void showsTheAgentsFromTheDatabaseAndTheirCountInTheStatusBar(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW.minus(Duration.ofMinutes(2)));
        Fleets.insertAgent(db, "WIN-DC01.prod", "windows", NOW.minus(Duration.ofMinutes(5)));
        Fleets.insertAgent(db, "mbp-stale.prod", "macos", NOW.minus(Duration.ofHours(3)));

        open(db);

        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(r -> r.agent().hostname())
                .containsExactly("mbp-stale.prod", "web-01.prod", "WIN-DC01.prod");
        assertThat(table.getItems()).extracting(r -> r.presence().label())
                .containsExactly("offline", "online", "online");
        Label agents = robot.lookup("#status-agents").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "3 agents".equals(agents.getText()));
        assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText())
                .contains("localhost:" + TestPostgres.port() + "/" + db.name());
        assertThat(robot.lookup("#status-schema").queryAs(Label.class).getText()).contains("0 failed");
    }

    @Test
    void searchNarrowsTheListInTheDatabase(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        Fleets.insertAgent(db, "web-02.prod", "linux", NOW);
        Fleets.insertAgent(db, "db-01.prod", "linux", NOW);
        open(db);
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 3);

        robot.clickOn("#agents-search").write("web");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(r -> r.agent().hostname()).containsExactly("web-01.prod", "web-02.prod");
    }

    @Test
    void aBadUrlShowsTheExplanationInADialog(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        ConsoleSettings settings = new ConsoleSettings(
                new DatabaseTarget.Server("jdbc:postgresql://127.0.0.1:1/" + db.name(), "postgres"), true, false);
        java.nio.file.Path spool = settings.dataDirectory().resolve(org.redflag.console.errors.ErrorSpool.FILE_NAME);
        String sentence = "Cannot reach PostgreSQL at 127.0.0.1:1/" + db.name();
        console.open(settings, clock);

        javafx.scene.control.DialogPane dialog = Fx.waitForNode(robot, "#connection-problem");
        // No database to write it to: the error waits in the spool, for the history of the next database reached.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> java.nio.file.Files.exists(spool)
                && java.nio.file.Files.readString(spool).contains(sentence));
        assertThat(dialog.getHeaderText()).isEqualTo("Cannot reach the database server");
        assertThat(dialog.getContentText()).startsWith("Cannot reach PostgreSQL at 127.0.0.1:1/" + db.name()
                + ": nothing answered there.");
        assertThat(robot.lookup("#connection-problem-message").queryAs(Label.class).getText())
                .isEqualTo(dialog.getContentText());
        robot.clickOn("Quit");
    }

    @Test
    void asksForThePasswordWhenTheServerWantsOne(FxRobot robot) throws Exception {
        TestPostgres.ensureRole("dave", "d4ve");
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO dave");
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        console.open(new ConsoleSettings(new DatabaseTarget.Server(db.url(), "dave"), false, false), clock);

        Fx.waitForNode(robot, "#password-field");
        robot.clickOn("#password-field").write("d4ve");
        robot.clickOn("Connect");

        Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#agents-table").tryQuery()
                .map(t -> ((TableView<?>) t).getItems().size() == 1).orElse(false));
        assertThat(console.window().context()).isNotNull();
    }

    @Test
    void closingLeavesTheFxThreadFreeWhileTheShutdownGoesOn(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        open(db);
        Fx.showAgents(robot);
        ConsoleWindow window = console.window();
        CountDownLatch slowStepStarted = new CountDownLatch(1);
        CountDownLatch slowStepMayEnd = new CountDownLatch(1);
        CountDownLatch shutDown = new CountDownLatch(1);
        AtomicReference<String> shutDownOn = new AtomicReference<>();

        FxToolkit.setupFixture(() -> window.close(() -> {
            // A slow last step, as the error door's flush and the pool's close are (up to 20 s together).
            slowStepStarted.countDown();
            try {
                slowStepMayEnd.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutDownOn.set(Thread.currentThread().getName());
            shutDown.countDown();
        }));
        try {
            assertThat(slowStepStarted.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(WaitForAsyncUtils.asyncFx(() -> "still answering").get(10, TimeUnit.SECONDS))
                    .as("the FX thread runs events while the shutdown waits").isEqualTo("still answering");
        } finally {
            slowStepMayEnd.countDown();
        }

        assertThat(shutDown.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(shutDownOn.get()).isEqualTo("console-shutdown");
        assertThat(window.context()).isNull();
    }

    @Test
    void aCloseRequestHidesTheWindowAtOnceAndExitsWhenTheShutdownIsDone(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        open(db);
        Fx.showAgents(robot);
        ConsoleWindow window = console.window();
        CountDownLatch exited = new CountDownLatch(1);
        AtomicReference<String> exitedOn = new AtomicReference<>();
        FxToolkit.setupFixture(() -> window.exitOnClose(() -> {
            exitedOn.set(Thread.currentThread().getName());
            exited.countDown();
        }));

        FxToolkit.setupFixture(() -> window.stage().fireEvent(
                new javafx.stage.WindowEvent(window.stage(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));

        assertThat(window.stage().isShowing()).as("gone as soon as the request is handled").isFalse();
        assertThat(exited.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(exitedOn.get()).isEqualTo("console-shutdown");
        assertThat(window.context()).isNull();
    }

    private void open(TestDatabase db) throws Exception {
        console.open(db.settings(true), clock);
    }
}
