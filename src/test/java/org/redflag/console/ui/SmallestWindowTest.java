package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** At the smallest size the window allows, every toolbar still reads and no filter box is squeezed. */
@ExtendWith(ApplicationExtension.class)
class SmallestWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void toolbarsReadAndFilterBoxesKeepTheirWidth(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        var web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage");
        HistoryRows.scan(db, web, NOW, "storage", "success");
        ConsoleWindow window = console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<?> agents = Fx.showAgents(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> agents.getItems().size() == 1);
        Stage stage = window.stage();
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(stage.getMinHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertReadable(robot, "#agents-refresh", "#agents-summary", "#scan-selected", "#agent-details");
        assertKeepsWidth(robot, "#agents-search", "#scan-subsystem");

        robot.clickOn("History");
        Fx.waitForNode(robot, "#history-table");
        WaitForAsyncUtils.waitForFxEvents();
        assertReadable(robot, "#history-refresh", "#history-export", "#history-summary", "#history-console-errors");
        assertKeepsWidth(robot, "#history-hostname", "#history-output-search", "#history-presets");

        robot.clickOn("Migrations");
        Fx.waitForNode(robot, "#migrations-view");
        WaitForAsyncUtils.waitForFxEvents();
        assertReadable(robot, "#migrations-refresh", "#migrations-validate", "#migrations-migrate", "#migrations-summary");
    }

    /** The text on screen is the whole text: nothing was cut to "…". */
    private static void assertReadable(FxRobot robot, String... queries) {
        for (String query : queries) {
            Labeled labeled = robot.lookup(query).queryAs(Labeled.class);
            List<String> shown = labeled.lookupAll(".text").stream()
                    .filter(Text.class::isInstance).map(n -> ((Text) n).getText()).toList();
            assertThat(shown).as(query + " on screen").contains(labeled.getText());
        }
    }

    /** Laid out at least as wide as it asks to be. */
    private static void assertKeepsWidth(FxRobot robot, String... queries) {
        for (String query : queries) {
            Node node = robot.lookup(query).query();
            Region region = (Region) node;
            assertThat(region.getWidth()).as(query + " width").isGreaterThanOrEqualTo(region.minWidth(-1) - 0.5)
                    .isGreaterThanOrEqualTo(100);
        }
    }
}
