package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TableColumnHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.agents.AgentRow;
import org.redflag.console.ui.agents.AgentsRequest;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Agents window filtered and ordered by a user: a filter chosen, a column header clicked (then clicked again),
 * Load more, and a request from another view; each time the rows are what a plain SQL query says, in its order.
 */
@ExtendWith(ApplicationExtension.class)
class AgentsFilterSortWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String NOW_SQL = "timestamptz '2026-11-25 12:00:00+00'";
    private static final String OFFLINE = "last_seen <= " + NOW_SQL + " - interval '15 minutes' AND last_seen > "
            + NOW_SQL + " - interval '7 days'";

    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    /** 300 agents: most offline (more than a page of them, many seen at the same time), some online, some stale. */
    private static TestDatabase fleet() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("""
                INSERT INTO agents (hostname, os_type, agent_version, last_seen, reboot_required)
                SELECT 'host-' || lpad(g::text, 3, '0'), (ARRAY['linux', 'windows', 'macos'])[1 + g % 3],
                       CASE WHEN g % 7 = 0 THEN NULL ELSE '0.1.' || (g % 4) END,
                       CASE WHEN g % 10 = 0 THEN NULL
                            WHEN g % 10 = 1 THEN @now - interval '1 minute'
                            WHEN g % 10 = 2 THEN @now - interval '30 days'
                            ELSE @now - (g % 17) * interval '1 hour' - interval '20 minutes' END,
                       g % 5 = 0
                FROM generate_series(1, 300) g
                """.replace("@now", NOW_SQL));
        return db;
    }

    @Test
    void aFilterAndAColumnHeaderOrderTheRowsAsSqlDoesPageAfterPage(FxRobot robot) throws Exception {
        TestDatabase db = fleet();
        console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> table = Fx.showAgents(robot);
        waitForRows(table, ids(db, "SELECT id FROM agents ORDER BY lower(hostname), id LIMIT 200"));

        @SuppressWarnings("unchecked")
        ChoiceBox<String> status = robot.lookup("#agents-filter-status").queryAs(ChoiceBox.class);
        robot.clickOn(status);
        robot.clickOn(robot.lookup(".menu-item").match(item -> hasText(item, "offline")).<Node>query());
        List<UUID> offlineByHostname = ids(db, "SELECT id FROM agents WHERE " + OFFLINE + " ORDER BY lower(hostname), id");
        waitForRows(table, offlineByHostname.subList(0, 200));
        Label summary = robot.lookup("#agents-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> summary.getText().startsWith("200 of "
                + offlineByHostname.size() + " agents shown"));

        // Last seen, oldest first (never seen counts as oldest), then newest first; Load more goes on in that order.
        robot.clickOn(header(robot, "Last seen"));
        List<UUID> ascending = ids(db, "SELECT id FROM agents WHERE " + OFFLINE
                + " ORDER BY last_seen ASC NULLS FIRST, id ASC");
        waitForRows(table, ascending.subList(0, 200));
        robot.clickOn("#agents-load-more");
        waitForRows(table, ascending);

        robot.clickOn(header(robot, "Last seen"));
        List<UUID> descending = ids(db, "SELECT id FROM agents WHERE " + OFFLINE
                + " ORDER BY last_seen DESC NULLS LAST, id DESC");
        waitForRows(table, descending.subList(0, 200));
        robot.clickOn("#agents-load-more");
        waitForRows(table, descending);

        // A third click: back to hostname order.
        robot.clickOn(header(robot, "Last seen"));
        waitForRows(table, offlineByHostname.subList(0, 200));

        // Version, with its NULLs first, ascending.
        robot.clickOn(header(robot, "Version"));
        waitForRows(table, ids(db, "SELECT id FROM agents WHERE " + OFFLINE
                + " ORDER BY agent_version ASC NULLS FIRST, id LIMIT 200"));
    }

    @Test
    void anAgentsRequestOpensTheViewWithItsFiltersAndNoSearch(FxRobot robot) throws Exception {
        TestDatabase db = fleet();
        ConsoleWindow window = console.open(db.settings(false), Clock.fixed(NOW, ZoneOffset.UTC));
        TableView<AgentRow> table = Fx.showAgents(robot);
        robot.clickOn("#agents-search").write("host-1");
        waitForRows(table, ids(db, "SELECT id FROM agents WHERE hostname LIKE '%host-1%' ORDER BY lower(hostname), id"
                + " LIMIT 200"));
        robot.clickOn("#nav-history");
        Fx.waitForNode(robot, "#history-table");

        robot.interact(() -> window.navigator().open(new AgentsRequest("stale", "windows", null, true)));

        Fx.showAgents(robot);
        waitForRows(table, ids(db, "SELECT id FROM agents WHERE (last_seen IS NULL OR last_seen <= " + NOW_SQL
                + " - interval '7 days') AND os_type = 'windows' AND reboot_required ORDER BY lower(hostname), id"));
        assertThat(table.getItems()).isNotEmpty();
        assertThat(robot.lookup("#agents-search").queryAs(TextField.class).getText()).isEmpty();
        assertThat(robot.lookup("#agents-filter-status").queryAs(ChoiceBox.class).getValue()).isEqualTo("stale");
        assertThat(robot.lookup("#agents-filter-os").queryAs(ChoiceBox.class).getValue()).isEqualTo("windows");
        assertThat(robot.lookup("#agents-filter-reboot").queryAs(ChoiceBox.class).getValue()).isEqualTo("required");
        assertThat(robot.lookup("#scan-all-matching").queryButton().isDisabled())
                .as("scan all matching follows the search only").isTrue();
    }

    private static Node header(FxRobot robot, String title) {
        return robot.from(robot.lookup("#agents-table").<Node>query()).lookup(".column-header")
                .match(node -> node instanceof TableColumnHeader header && header.getTableColumn() != null
                        && title.equals(header.getTableColumn().getText())).query();
    }

    private static boolean hasText(Node node, String text) {
        return node.lookupAll(".label").stream().anyMatch(l -> l instanceof Label label && text.equals(label.getText()));
    }

    private static void waitForRows(TableView<AgentRow> table, List<UUID> expected) throws Exception {
        assertThat(expected).isNotEmpty();
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                    () -> table.getItems().stream().map(r -> r.agent().id()).toList().equals(expected));
        } catch (java.util.concurrent.TimeoutException e) {
            assertThat(table.getItems().stream().map(r -> r.agent().id()).toList()).containsExactlyElementsOf(expected);
        }
    }

    private static List<UUID> ids(TestDatabase db, String sql) {
        return RedFlagFixtures.rows(db, sql).stream().map(r -> (UUID) r.get("id")).toList();
    }
}
