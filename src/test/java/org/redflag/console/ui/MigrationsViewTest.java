package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.testing.RealMigrations;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.migrations.AuditRows;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Migrations view in the real window, on a real database. */
@ExtendWith(ApplicationExtension.class)
class MigrationsViewTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();

    @Test
    void aFailedMigrationIsHighlightedAndCounted(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        assertThatThrownBy(() -> new SchemaMigrator(db.dataSource(), SchemaMigrator.DEFAULT_LOCATION,
                "classpath:db/testmigrations/failed_outside_transaction").migrate()).isInstanceOf(FlywayException.class);
        open(db);

        robot.clickOn("#nav-migrations");

        TableView<MigrationStatus> table = Fx.waitForNode(robot, "#migrations-table");
        Label summary = robot.lookup("#migrations-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !summary.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // Every script of this build plus the failed V900 from the test location.
        assertThat(table.getItems()).hasSize(RealMigrations.count() + 1);
        // V900 sorts last: bring its row on screen, where rows have cells.
        // Rows of wrapped text differ in height, and scrollTo can stop a row short of the last: scroll to the end.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.interact(() -> {
                table.scrollTo(table.getItems().size() - 1);
                if (table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
                    flow.scrollPixels(10_000);
                }
            });
            return robot.lookup(".table-row-cell.row-failed").tryQuery().isPresent();
        });
        TableRow<?> failedRow = robot.lookup(".table-row-cell.row-failed").queryAs(TableRow.class);
        MigrationStatus failed = (MigrationStatus) failedRow.getItem();
        assertThat(failed.version()).isEqualTo("900");
        assertThat(robot.from(failedRow).lookup(".badge-danger").queryAs(Label.class).getText()).isEqualTo(failed.state());
        assertThat(robot.lookup(".table-row-cell.row-failed").queryAll()).hasSize(1);
        assertThat(summary.getText()).isEqualTo("schema at V" + RealMigrations.newest().version() + ", 0 pending, 1 failed");
        assertThat(robot.lookup("#migrations-migrate").queryAs(Button.class).isDisabled()).isTrue();
    }

    @Test
    void anIndexAnInterruptedBuildLeftInvalidIsNamedAboveTheTabsWithWhatToDo(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        // A unique build that meets a duplicate fails as a killed one does: the index stays, INVALID.
        db.execute("CREATE TABLE imported_hosts (hostname text); INSERT INTO imported_hosts VALUES ('a'), ('a')");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_imported_hosts_hostname "
                + "ON imported_hosts (hostname)")).satisfies(e -> assertThat(e.getCause().getMessage())
                        .contains("could not create unique index"));
        open(db);

        robot.clickOn("#nav-migrations");

        Label banner = Fx.waitForNode(robot, "#migrations-invalid-indexes");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, banner::isVisible);
        assertThat(banner.getText()).startsWith("Index idx_imported_hosts_hostname on imported_hosts is INVALID")
                .contains("DROP INDEX CONCURRENTLY idx_imported_hosts_hostname");

        db.execute("DROP INDEX idx_imported_hosts_hostname");
        robot.clickOn("#migrations-refresh");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !banner.isVisible());
    }

    @Test
    void migrateAsksFirstThenAppliesAndLogs(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        open(db);
        robot.clickOn("#nav-migrations");
        int scripts = RealMigrations.count();
        Label summary = Fx.waitForNode(robot, "#migrations-summary");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> summary.getText().equals("schema at no version, " + scripts + " pending, 0 failed"));
        // Every script is a pending row (counted in the table's items: a short window draws only the rows it shows).
        TableView<MigrationStatus> table = robot.lookup("#migrations-table").queryTableView();
        assertThat(table.getItems()).hasSize(scripts).allMatch(MigrationStatus::pending);
        assertThat(robot.lookup(".table-row-cell.row-pending").queryAll()).isNotEmpty();

        robot.clickOn("#migrations-migrate");
        Fx.waitForNode(robot, "#migrate-confirmation");
        robot.clickOn("OK");

        String newest = RealMigrations.newest().version();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> summary.getText().equals("schema at V" + newest + ", 0 pending, 0 failed"));
        WaitForAsyncUtils.waitForFxEvents();
        ListView<String> log = robot.lookup("#migrations-log").queryListView();
        for (RealMigrations.Script script : RealMigrations.all()) {
            assertThat(log.getItems()).anyMatch(l -> l.endsWith(script.label() + " applied."));
        }
        assertThat(robot.lookup("#migrations-outcome").queryAs(Label.class).getText()).isEqualTo(scripts + " migrations applied.");
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(scripts);
    }

    @Test
    void aDatabaseWithoutTheConsolesSchemaOpensOnMigrationsAndTheOtherViewsWaitForIt(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        open(db);

        Label summary = Fx.waitForNode(robot, "#migrations-summary");
        assertThat(robot.lookup("#nav-migrations").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#nav-agents");
        Label notReady = Fx.waitForNode(robot, "#schema-not-ready");
        assertThat(notReady.getText()).startsWith("The Agents view reads the console's own tables")
                .contains("Nothing has been changed in it");
        assertThat(robot.lookup("#agents-table").tryQuery()).isEmpty();
        assertThat(robot.lookup("#status-spool").queryAs(Label.class).isVisible())
                .as("no query failed, so no error waits for the history table").isFalse();
        assertThat(robot.lookup("#status-agents").queryAs(Label.class).getText()).isEqualTo("agents: —");

        robot.clickOn("Open Migrations");
        robot.clickOn("#migrations-migrate");
        Fx.waitForNode(robot, "#migrate-confirmation");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> summary.getText().endsWith(", 0 pending, 0 failed"));
        Label agents = robot.lookup("#status-agents").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "0 agents".equals(agents.getText()));

        robot.clickOn("#nav-agents");
        Fx.showAgents(robot);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isZero();
    }

    @Test
    void theAuditTabReplaysFindsAHandDroppedIndexAndRepairsItAfterConfirmation(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DROP INDEX idx_agent_commands_in_flight");
        open(db);
        robot.clickOn("#nav-migrations");
        Fx.waitForNode(robot, "#migrations-table");

        robot.clickOn("Audit");
        robot.clickOn("#audit-run");

        TableView<AuditRows.Verdict> verdicts = robot.lookup("#audit-verdicts").queryTableView();
        TableView<AuditRows.Finding> findings = robot.lookup("#audit-findings").queryTableView();
        Label summary = robot.lookup("#audit-summary").queryAs(Label.class);
        // The window's replay starts its own embedded server: a few seconds.
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !summary.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#audit-source").queryAs(Label.class).getText()).startsWith("Replayed ")
                .contains(" scripts on PostgreSQL ");
        assertThat(summary.getText()).isEqualTo("1 finding: 1 error, 0 warnings, 0 notes");
        assertThat(verdicts.getItems()).filteredOn(v -> v.migration().equals("V4__index_commands_in_flight.sql"))
                .singleElement().satisfies(v -> assertThat(v.verdict()).isEqualTo("FALSE COMPLETE"));
        assertThat(robot.from(verdicts).lookup(".badge-danger").queryAs(Label.class).getText()).isEqualTo("FALSE COMPLETE");
        assertThat(robot.from(findings).lookup(".badge-danger").queryAs(Label.class).getText()).isEqualTo("error");

        robot.clickOn(robot.from(findings).lookup(".table-row-cell").nth(0).queryAs(TableRow.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#audit-target-definition").queryAs(TextArea.class).getText()).isEqualTo("missing");
        assertThat(robot.lookup("#audit-replay-definition").queryAs(TextArea.class).getText())
                .contains("CREATE INDEX idx_agent_commands_in_flight");
        assertThat(robot.lookup("#audit-plan").queryAs(TextArea.class).getText())
                .contains("CREATE INDEX idx_agent_commands_in_flight");

        robot.clickOn("#audit-apply");
        Fx.waitForNode(robot, "#repair-confirmation");
        assertThat(robot.lookup("#repair-confirmation-statements").queryAs(TextArea.class).getText())
                .startsWith("1. CREATE INDEX idx_agent_commands_in_flight");
        robot.clickOn("OK");

        Label outcome = robot.lookup("#audit-outcome").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !outcome.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(outcome.getText()).isEqualTo("1 step applied; the re-audit finds the database what its record claims.");
        assertThat(summary.getText()).startsWith("Clean:");
        assertThat(findings.getItems()).isEmpty();
        assertThat(robot.lookup("#audit-log").queryListView().getItems())
                .anyMatch(l -> l.toString().matches("\\[1/1] CREATE INDEX .* — done in \\d+ ms"));
        assertThat(robot.lookup("#audit-apply").queryButton().isDisabled()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'schema_repair'")).isEqualTo(1);
    }

    private void open(TestDatabase db) throws Exception {
        console.open(db.settings(false), clock);
        Fx.waitForNode(robot(), "#nav-migrations");
    }

    private static FxRobot robot() {
        return new FxRobot();
    }
}
