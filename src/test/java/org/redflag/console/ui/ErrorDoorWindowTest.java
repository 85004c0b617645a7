package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Errors from every kind of source, in the real window and on the real FX thread, through the one door. */
@ExtendWith(ApplicationExtension.class)
class ErrorDoorWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private FxBackgroundExecutor executor;
    private ConsoleWindow window;
    private Thread.UncaughtExceptionHandler previousHandler;
    private ErrorReporter ownErrors;
    private String downDatabase;

    @AfterEach
    void cleanUp() throws Exception {
        if (downDatabase != null) {
            TestPostgres.asSuperuser("ALTER DATABASE " + downDatabase + " ALLOW_CONNECTIONS true");
        }
        if (previousHandler != null || ownErrors != null) {
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
        if (ownErrors != null) {
            ownErrors.close();
        }
        if (window != null) {
            CountDownLatch closed = new CountDownLatch(1);
            FxToolkit.setupFixture(() -> window.close(closed::countDown));
            closed.await(20, TimeUnit.SECONDS);
            FxToolkit.setupFixture(() -> window.stage().close());
        }
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void aClickThatFailsShowsANotificationAndTheHistoryListsTheError(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        open(db);
        TableView<?> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 1);
        db.execute("ALTER TABLE agents RENAME COLUMN agent_version TO version_of_agent");

        robot.clickOn("#agents-refresh");

        Node notification = Fx.waitForNode(robot, ".notification-bar");
        assertThat(robot.from(notification).lookup(".title").queryAs(Label.class).getText()).isEqualTo("Agents — error");
        assertThat(robot.from(notification).lookup(".label").queryAll()).extracting(n -> ((Label) n).getText())
                .anySatisfy(text -> assertThat(text.replaceAll("\\s+", " ")).contains(
                        "column a.agent_version does not exist", "Recorded in History."));
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' AND subsystem = 'agents'"))
                .isEqualTo(1);

        robot.clickOn("Details");

        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().stream()
                .anyMatch(e -> "console_error".equals(e.action()) && "agents".equals(e.subsystem())));
        Label detail = Fx.waitForNode(robot, "#history-detail-title");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> detail.getText().contains("console_error"));
        assertThat(history.getSelectionModel().getSelectedItem().action()).isEqualTo("console_error");
        javafx.scene.control.ListView<?> stderr = robot.lookup("#history-stderr-lines").queryAs(javafx.scene.control.ListView.class);
        assertThat(stderr.getItems().get(0).toString()).startsWith("The database refused the request: ERROR: column");
    }

    @Test
    void exceptionsInAnEventHandlerABackgroundTaskAndAPlainThreadAreOneRowEach(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        RecordingNotifier notifier = new RecordingNotifier();
        ownErrors = ErrorReporter.onOwnThread(ErrorSpool.in(Files.createTempDirectory("redflag-door")), notifier, clock,
                "test", Duration.ofHours(1));
        ownErrors.attach(new HistoryRepository(db.dataSource()));
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        DesktopApp.installUncaughtHandler(ownErrors);
        executor = new FxBackgroundExecutor();
        FxToolkit.setupFixture(() -> {
            Button broken = new Button("Broken button");
            broken.setId("broken");
            broken.setOnAction(e -> {
                throw new IllegalStateException("thrown in an FX event handler");
            });
            Stage stage = new Stage();
            stage.setScene(new Scene(broken, 300, 100));
            stage.show();
        });

        robot.clickOn("#broken");
        executor.submit(() -> {
            throw new IllegalStateException("thrown in a background task");
        }, ok -> { }, failure -> ownErrors.report(ConsoleArea.SCAN, failure));
        executor.submit(() -> "fine", ok -> {
            throw new IllegalStateException("thrown while showing a background task's result");
        }, failure -> { });
        Thread plain = new Thread(() -> {
            throw new IllegalStateException("thrown in a plain thread");
        }, "plain-thread");
        plain.start();
        plain.join();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> notifier.shown().size() >= 4);
        ownErrors.flush();

        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isEqualTo(4);
        assertThat(oneRow(db, "thrown in an FX event handler")).isEqualTo("console|JavaFX Application Thread");
        assertThat(oneRow(db, "thrown in a background task")).startsWith("scan|JavaFX Application Thread");
        assertThat(oneRow(db, "thrown while showing a background task's result")).isEqualTo("console|JavaFX Application Thread");
        assertThat(oneRow(db, "thrown in a plain thread")).isEqualTo("console|plain-thread");
        FxToolkit.setupFixture(() -> robot.lookup("#broken").query().getScene().getWindow().hide());
    }

    @Test
    void whenTheDatabaseIsDownTheStatusBarCountsTheWaitingErrorsAndClearsWhenTheyAreWritten(FxRobot robot)
            throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        open(db);
        Fx.showAgents(robot);
        Label spool = robot.lookup("#status-spool").queryAs(Label.class);
        assertThat(spool.isVisible()).isFalse();

        downDatabase = db.name();
        TestPostgres.asSuperuser("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
        TestPostgres.asSuperuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + db.name() + "' AND pid <> pg_backend_pid()");
        for (int i = 1; i <= 3; i++) {
            window.errors().report(ConsoleArea.AGENTS, "error " + i + " while the database is down", null, null);
        }

        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> "offline — 3 errors waiting".equals(spool.getText()));
        assertThat(spool.isVisible()).isTrue();
        Path spoolFile = window.context().settings().dataDirectory().resolve(ErrorSpool.FILE_NAME);
        assertThat(Files.readAllLines(spoolFile)).hasSize(3);

        TestPostgres.asSuperuser("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
        downDatabase = null;
        window.errors().replaySpool();

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !spool.isVisible());
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE stderr LIKE 'error _ while the database is down'"))
                .isEqualTo(3);
    }

    private static String oneRow(TestDatabase db, String message) {
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE stderr LIKE ?", "%" + message + "%"))
                .as(message).isEqualTo(1);
        return db.queryString("SELECT subsystem || '|' || (metadata ->> 'thread') FROM update_logs WHERE stderr LIKE ?",
                "%" + message + "%");
    }

    private void open(TestDatabase db) throws Exception {
        executor = new FxBackgroundExecutor();
        FxToolkit.setupFixture(() -> {
            window = new ConsoleWindow(new Stage(), db.settings(true), Optional.empty(), clock, executor);
            window.show();
        });
    }
}
