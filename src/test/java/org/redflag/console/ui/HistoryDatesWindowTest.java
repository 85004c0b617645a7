package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Popup;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Issue 14, items 2 and 8, in the real window: typed dates, and a typo that is a sentence rather than a crash. */
@ExtendWith(ApplicationExtension.class)
class HistoryDatesWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    private Thread.UncaughtExceptionHandler previousHandler;

    @AfterEach
    void restoreHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void aMistypedDateIsOneSentenceAtTheFieldOneRowWithoutAStackTraceAndNoDateFilter(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        HistoryRows.scan(db, web, Instant.parse("2026-11-19T10:00:00Z"), "storage", "success");
        HistoryRows.scan(db, web, Instant.parse("2026-11-24T13:00:00Z"), "storage", "success");
        ConsoleWindow window = console.open(db.settings(true), Clock.fixed(NOW, ZoneOffset.UTC));
        // As the launcher does: whatever a control throws goes through the door, so a throw would be counted.
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        DesktopApp.installUncaughtHandler(window.errors());
        Fx.showAgents(robot);
        robot.clickOn("#nav-history");
        TableView<HistoryEntry> history = Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() == 2);
        DatePicker from = robot.lookup("#history-from").queryAs(DatePicker.class);
        TextField fromTime = robot.lookup("#history-from-time").queryAs(TextField.class);
        Label message = robot.lookup("#history-filter-message").queryAs(Label.class);
        Label summary = robot.lookup("#history-summary").queryAs(Label.class);

        // As the tables show it, with a time: the picker shows ISO and the time goes to its own field.
        robot.clickOn(from.getEditor()).write("2026-11-20 14:30").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().size() == 1);
        assertThat(from.getEditor().getText()).isEqualTo("2026-11-20");
        assertThat(fromTime.getText()).isEqualTo("14:30");

        robot.doubleClickOn(from.getEditor());
        robot.interact(() -> from.getEditor().clear());
        robot.clickOn(from.getEditor()).write("2026-13-45").type(KeyCode.ENTER);
        // The focus leaving commits the same text again: still one mistake.
        robot.clickOn("#history-output-search");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().stream()
                .filter(e -> "scan".equals(e.action())).count() == 2);
        window.errors().flush();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(message.getText()).startsWith("'2026-13-45' is not a date the console can read.");
        assertThat(from.getEditor().getText()).isEqualTo("2026-13-45");
        assertThat(from.getStyleClass()).contains("invalid");
        assertThat(summary.getText()).startsWith("date ignored: '2026-13-45'");
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(1);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'"))
                .contains("2026-13-45", "is not a date the console can read").doesNotContain("at org.", "Exception");

        // Emptying the field takes the mistake back: no sentence, no mark, nothing ignored. (The notification's
        // popup is put away first: headless, it would receive the keys typed into the main window.)
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Popup).toList()
                .forEach(Window::hide));
        robot.doubleClickOn(from.getEditor());
        robot.interact(() -> from.getEditor().clear());
        robot.clickOn(from.getEditor());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().isEmpty());
        assertThat(from.getStyleClass()).doesNotContain("invalid");
        assertThat(summary.getText()).doesNotContain("ignored");

        // A preset sets the range from the clock, and the fields show the range it set.
        robot.interact(() -> robot.lookup("#history-presets").queryAs(javafx.scene.control.ComboBox.class)
                .getSelectionModel().select(2));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> history.getItems().stream()
                .filter(e -> "scan".equals(e.action())).count() == 1);
        assertThat(from.getEditor().getText()).isEqualTo("2026-11-24");
        assertThat(fromTime.getText()).isEqualTo("12:00");
        assertThat(summary.getText()).doesNotContain("ignored");
    }
}
