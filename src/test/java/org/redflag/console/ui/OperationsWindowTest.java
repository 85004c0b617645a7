package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.operations.Operation;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RoleLogins;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.operations.OperationsRequest;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Operations view in the real window: the commands in flight, several cancelled at once, and opened by request. */
@ExtendWith(ApplicationExtension.class)
class OperationsWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void severalSelectedCommandsAreCancelledAfterAConfirmationThatListsThem(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web01 = insertCommand(db, "web-01.prod", "scan_storage", "pending", NOW.minus(Duration.ofMinutes(3)));
        UUID web02 = insertCommand(db, "web-02.prod", "scan_storage", "pending", NOW.minus(Duration.ofMinutes(2)));
        UUID db01 = insertCommand(db, "db-01.prod", "scan_updates", "pending", NOW.minus(Duration.ofMinutes(1)));
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);

        robot.clickOn("#nav-operations");
        TableView<Operation> table = Fx.waitForNode(robot, "#operations-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        Button archive = robot.lookup("#operations-archive").queryButton();
        assertThat(archive.isDisabled()).isTrue();
        assertThat(archive.getAccessibleHelp()).isEqualTo(OperationsService.ARCHIVE_UNAVAILABLE);
        assertThat(robot.lookup("#operations-cancel").queryButton().isDisabled()).as("nothing selected").isTrue();

        robot.clickOn("web-01.prod");
        robot.press(KeyCode.CONTROL).clickOn("web-02.prod").release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getSelectionModel().getSelectedItems().size() == 2);
        robot.clickOn("#operations-cancel");
        DialogPane confirmation = Fx.waitForNode(robot, "#operations-cancel-confirmation");
        assertThat(confirmation.getHeaderText()).isEqualTo("Cancel 2 commands?");
        assertThat(confirmation.getContentText()).contains("web-01.prod · scan_storage · pending",
                "web-02.prod · scan_storage · pending").doesNotContain("db-01.prod");
        robot.clickOn("#operations-confirm-cancel");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'cancelled'") == 2);
        assertThat(status(db, web01)).isEqualTo("cancelled");
        assertThat(status(db, web02)).isEqualTo("cancelled");
        assertThat(status(db, db01)).isEqualTo("pending");
        // The list shows commands in flight: the cancelled ones leave it, the pending one stays.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertThat(table.getItems().get(0).id()).isEqualTo(db01);
        Label outcome = robot.lookup("#operations-outcome").queryAs(Label.class);
        assertThat(outcome.getText()).isEqualTo("Cancelled 2 of 2 commands.");
    }

    @Test
    void aRequestOpensTheViewFilteredLiveAndCtrlFGoesToItsFilter(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID failed = insertCommand(db, "web-01.prod", "scan_storage", "failed", NOW.minus(Duration.ofMinutes(5)));
        insertCommand(db, "web-02.prod", "scan_updates", "failed", NOW.minus(Duration.ofMinutes(4)));
        insertCommand(db, "web-03.prod", "scan_storage", "pending", NOW.minus(Duration.ofMinutes(3)));
        ConsoleWindow window = console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);

        robot.interact(() -> window.navigator().open(new OperationsRequest("failed", "scan_storage", false)));

        TableView<Operation> table = Fx.waitForNode(robot, "#operations-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> table.getItems().size() == 1 && table.getItems().get(0).id().equals(failed));
        ComboBox<?> status = robot.lookup("#operations-status").queryComboBox();
        assertThat(String.valueOf(status.getValue())).isEqualTo("failed");
        assertThat(robot.lookup("#operations-type").queryComboBox().getValue()).isEqualTo("scan_storage");
        assertThat(robot.lookup("#operations-stuck").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(robot.lookup("#operations-retry").queryButton().isDisabled()).as("nothing selected").isTrue();

        // Live: a command that fails meanwhile appears without a refresh; one of another type does not.
        UUID failedMeanwhile = insertCommand(db, "web-04.prod", "scan_storage", "failed", NOW.minus(Duration.ofMinutes(1)));
        insertCommand(db, "web-05.prod", "scan_updates", "failed", NOW);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(Operation::id).containsExactly(failedMeanwhile, failed);

        robot.interact(() -> window.navigator().open(OperationsRequest.stuck()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().isEmpty());
        assertThat(String.valueOf(status.getValue())).isEqualTo("In flight");
        assertThat(robot.lookup("#operations-stuck").queryAs(CheckBox.class).isSelected()).isTrue();

        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.isFocused()).isTrue();
    }

    @Test
    void asAViewerCancelRetryAndArchiveAreDisabledWithTheRolesReasonWhateverIsSelected(FxRobot robot)
            throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        insertCommand(db, "web-01.prod", "scan_storage", "pending", NOW.minus(Duration.ofMinutes(3)));
        RoleLogins.applyRoles(db);
        String viewer = RoleLogins.memberOf(DatabaseRole.VIEWER);
        console.open(db.settingsAs(viewer, true), RoleLogins.password(), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);
        robot.clickOn("#nav-operations");
        TableView<Operation> table = Fx.waitForNode(robot, "#operations-table");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);

        robot.clickOn("web-01.prod");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();

        for (String action : new String[] {"cancel", "retry", "archive"}) {
            Button button = robot.lookup("#operations-" + action).queryButton();
            assertThat(button.isDisabled()).as(action).isTrue();
            assertThat(button.getAccessibleHelp()).as(action).startsWith("Your database role (" + viewer)
                    .contains("may not " + (action.equals("retry") ? "retry" : "cancel") + " commands");
        }
        assertThat(robot.lookup("#operations-cancel-confirmation").tryQuery()).isEmpty();
        assertThat(db.queryString("SELECT status FROM agent_commands")).isEqualTo("pending");
    }

    private static String status(TestDatabase db, UUID command) {
        return db.queryString("SELECT status FROM agent_commands WHERE id = ?", command);
    }

    /** A command of a new agent that reports the command's subsystem. */
    private static UUID insertCommand(TestDatabase db, String hostname, String type, String status, Instant created) {
        UUID agent = Fleets.insertAgentWithSubsystems(db, hostname, "linux", NOW, type.substring("scan_".length()));
        boolean finished = !status.equals("pending");
        return UUID.fromString(db.queryString("""
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, completed_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id::text""", agent, type, status, Timestamp.from(created),
                finished ? Timestamp.from(created.plusSeconds(30)) : null));
    }
}
