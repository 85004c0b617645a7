package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RoleLogins;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The real window connected as a member of the console's roles: it names the role and offers only what it may. */
@ExtendWith(ApplicationExtension.class)
class RolesWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();
    private TestDatabase db;
    private UUID web01;

    @Test
    void asAViewerTheStatusBarNamesTheRoleAndEveryWayToChangeCommandsIsDisabledWithTheReason(FxRobot robot)
            throws Exception {
        String viewer = openAs(robot, DatabaseRole.VIEWER);
        String queueRefused = "Your database role (" + viewer + ", member of redflag_viewer) may not queue commands: "
                + "an administrator can grant it redflag_operator (`roles --sql` has the SQL).";

        Label role = robot.lookup("#status-role").queryAs(Label.class);
        assertThat(role.getText()).isEqualTo("as viewer: read-only");
        assertThat(role.getTooltip().getText()).startsWith("Connected as " + viewer + ", member of redflag_viewer.");
        Button scan = AgentRows.scanButton(robot, "web-01.prod");
        assertThat(scan.isDisabled()).isTrue();
        assertThat(AgentRows.scanTooltip(robot, "web-01.prod")).extracting(Tooltip::getText).isEqualTo(queueRefused);
        assertThat(robot.lookup("#scan-all-matching").queryButton().isDisabled()).isTrue();
        assertThat(tooltipAround(robot.lookup("#scan-all-matching").query())).isEqualTo(queueRefused);

        // Selected rows do not bring Scan selected back, and its key does nothing.
        robot.clickOn("web-01.prod");
        robot.press(KeyCode.CONTROL).press(KeyCode.ENTER).release(KeyCode.ENTER).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#scan-selected").queryButton().isDisabled()).isTrue();
        assertThat(tooltipAround(robot.lookup("#scan-selected").query())).isEqualTo(queueRefused);

        robot.clickOn("#agent-details");
        TableView<AgentCommand> commands = Fx.waitForNode(robot, "#detail-commands");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> commands.getItems().size() == 2
                && robot.lookup("#detail-scan-storage").tryQuery().isPresent()
                && robot.lookup("#detail-commands .button").queryAll().size() == 2);
        assertThat(robot.lookup("#detail-scan-storage").queryButton().isDisabled()).isTrue();
        assertThat(tooltipAround(robot.lookup("#detail-scan-storage").query())).isEqualTo(queueRefused);
        for (Node action : robot.lookup("#detail-commands .button").queryAll()) {
            Button button = (Button) action;
            String verb = button.getText().equals("Cancel") ? "cancel" : "retry";
            assertThat(button.isDisabled()).as(button.getText()).isTrue();
            assertThat(tooltipAround(button)).contains("may not " + verb + " commands");
        }
        robot.clickOn("#detail-close");

        robot.clickOn("#nav-migrations");
        Button migrate = Fx.waitForNode(robot, "#migrations-migrate");
        assertThat(migrate.isDisabled()).isTrue();
        assertThat(tooltipAround(migrate)).contains("may not migrate the schema: only the role that owns");

        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).as("nothing was queued").isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'"))
                .as("nothing failed on the way").isZero();
    }

    @Test
    void asAnOperatorTheStatusBarNamesTheRoleAndScansAreOffered(FxRobot robot) throws Exception {
        openAs(robot, DatabaseRole.OPERATOR);

        assertThat(robot.lookup("#status-role").queryAs(Label.class).getText())
                .isEqualTo("as operator: may not migrate the schema");
        assertThat(AgentRows.scanButton(robot, "web-01.prod").isDisabled()).isFalse();
        assertThat(AgentRows.scanTooltip(robot, "web-01.prod")).isNull();
    }

    /** The reason a disabled control gives: on the holder around it, as a disabled control shows no tooltip. */
    private static String tooltipAround(Node control) {
        Tooltip tip = (Tooltip) control.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tip == null ? null : tip.getText();
    }

    private String openAs(FxRobot robot, String group) throws Exception {
        db = TestPostgres.newDatabase().migrated();
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW.minus(Duration.ofMinutes(2)),
                "updates", "storage");
        db.execute("INSERT INTO agent_commands (agent_id, command_type, status, created_at) VALUES ('" + web01
                + "', 'scan_updates', 'failed', now() - interval '1 hour'), ('" + web01 + "', 'scan_storage', 'pending', now())");
        RoleLogins.applyRoles(db);
        String login = RoleLogins.memberOf(group);
        console.open(db.settingsAs(login, true), RoleLogins.password(), clock);
        TableView<AgentRow> table = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        return login;
    }
}
