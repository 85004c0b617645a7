package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** "Scan all matching…" covers every agent the search matches, not only the page shown, after a confirmation. */
@ExtendWith(ApplicationExtension.class)
class ScanAllMatchingWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void confirmsWithTheNumberAndQueuesOnEveryMatchingAgentBeyondThePage(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        // More than a page (200 rows), so the scan covers agents the list has not loaded.
        for (int i = 0; i < 230; i++) {
            Fleets.insertAgentWithSubsystems(db, String.format("web-%03d.prod", i), "linux", NOW, "storage");
        }
        Fleets.insertAgentWithSubsystems(db, "db-01.prod", "linux", NOW, "storage");
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !agents.getItems().isEmpty());
        robot.clickOn("#agents-search").write("web-");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().stream()
                .allMatch(r -> r.agent().hostname().startsWith("web-")));
        assertThat(agents.getItems().size()).isLessThan(230);

        robot.clickOn("#scan-all-matching");
        DialogPane confirmation = Fx.waitForNode(robot, "#scan-all-matching-confirmation");
        assertThat(confirmation.getHeaderText()).isEqualTo("Scan storage on 230 agents");
        assertThat(confirmation.getContentText()).contains("whose hostname contains \"web-\"");
        robot.clickOn("OK");

        Label batch = robot.lookup("#scan-batch-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> batch.getText().startsWith("Scan storage on all"));
        assertThat(batch.getText()).isEqualTo(
                "Scan storage on all 230 matching agents: 230 queued, 0 already queued, 0 cannot scan storage");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(230);
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands c JOIN agents a ON a.id = c.agent_id "
                + "WHERE a.hostname = 'db-01.prod'")).isZero();
    }
}
