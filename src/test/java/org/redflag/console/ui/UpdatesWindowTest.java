package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.updates.UpdatesRequest;
import org.redflag.console.updates.AffectedAgent;
import org.redflag.console.updates.PackageGroup;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Updates view in the real window: a package's install queued on its agents once, and a request opening it filtered. */
@ExtendWith(ApplicationExtension.class)
class UpdatesWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void installOnAllAgentsOfAPackageQueuesExactlyOneCommandPerAgent(FxRobot robot) throws Exception {
        TestDatabase db = fleet();
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);

        robot.clickOn("#nav-updates");
        TableView<PackageGroup> groups = Fx.waitForNode(robot, "#updates-groups");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> groups.getItems().size() == 3);
        assertThat(groups.getItems().get(0).name()).isEqualTo("openssl");
        assertThat(groups.getItems().get(0).agents()).isEqualTo(4);

        robot.clickOn("openssl");
        TableView<AffectedAgent> agents = robot.lookup("#updates-agents").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 4);
        robot.clickOn("#updates-install");
        DialogPane confirmation = Fx.waitForNode(robot, "#updates-install-confirmation");
        assertThat(confirmation.getHeaderText()).isEqualTo("Install openssl on 4 agents");
        assertThat(confirmation.getContentText()).contains("install_updates", "openssl (apt)", "critical", "3.0.13");
        robot.clickOn("OK");

        Label summary = robot.lookup("#updates-install-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> summary.getText().startsWith("Install of openssl queued"));
        assertThat(summary.getText()).isEqualTo("Install of openssl queued on 4 agents.");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(4);
        assertThat(db.queryLong("SELECT count(DISTINCT agent_id) FROM agent_commands WHERE command_type = 'install_updates' "
                + "AND params ->> 'package_name' = 'openssl' AND status = 'pending'")).isEqualTo(4);
    }

    @Test
    void anUpdatesRequestOpensTheViewFiltered(FxRobot robot) throws Exception {
        TestDatabase db = fleet();
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);

        robot.interact(() -> console.window().navigator().open(new UpdatesRequest("low", "cur")));

        TableView<PackageGroup> groups = Fx.waitForNode(robot, "#updates-groups");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> groups.getItems().size() == 1);
        assertThat(groups.getItems().get(0).name()).isEqualTo("curl");
        assertThat(groups.getItems().get(0).severity()).isEqualTo("low");
        assertThat(robot.lookup("#updates-search").queryAs(TextField.class).getText()).isEqualTo("cur");
        assertThat(robot.lookup("#updates-severity").queryAs(ComboBox.class).getValue()).isEqualTo("low");

        robot.clickOn("curl");
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#updates-search").query().isFocused());
    }

    /** Six agents: openssl critical on four, curl low on two and important on one. */
    private static TestDatabase fleet() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        for (int i = 0; i < 6; i++) {
            UUID agent = Fleets.insertAgent(db, String.format("web-%02d.prod", i), "linux", NOW);
            if (i < 4) {
                pending(db, agent, "openssl", "3.0.13", "critical");
            }
            if (i >= 4) {
                pending(db, agent, "curl", "8.5.0", "low");
            }
            if (i == 0) {
                pending(db, agent, "curl", "8.5.0", "important");
            }
        }
        return db;
    }

    private static void pending(TestDatabase db, UUID agent, String name, String version, String severity) {
        db.execute("INSERT INTO update_packages (agent_id, package_type, name, current_version, available_version, "
                + "severity) VALUES ('" + agent + "', 'apt', '" + name + "', '1.0', '" + version + "', '" + severity + "')");
    }
}
