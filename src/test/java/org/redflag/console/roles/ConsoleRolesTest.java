package org.redflag.console.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.fleet.Agent;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.migration.MigrationOutcome;
import org.redflag.console.migration.MigrationProgress;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.RoleLogins;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * The shipped console-roles.sql on a real PostgreSQL, and the console connected as a member of each group:
 * what an operator and a viewer can do through the console, what the database itself refuses them, and
 * that the history stays append-only for both.
 */
class ConsoleRolesTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final Clock clock = Clock.systemUTC();
    private TestDatabase db;
    private UUID web01;
    private UUID historyRow;

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase().migrated();
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "updates", "storage");
        db.execute("INSERT INTO update_logs (agent_id, action, result, subsystem, stdout) VALUES ('" + web01
                + "', 'scan_storage', 'success', 'storage', 'all fine')");
        historyRow = UUID.fromString(db.queryString("SELECT id::text FROM update_logs"));
        RoleLogins.applyRoles(db);
    }

    @Test
    void theScriptCanRunAgainAndTheProbeReadsWhatEachRoleMay() throws Exception {
        RoleLogins.applyRoles(db);
        String operator = RoleLogins.memberOf(DatabaseRole.OPERATOR);
        String viewer = RoleLogins.memberOf(DatabaseRole.VIEWER);

        DatabaseRole owner = SchemaProbe.probe(db.dataSource()).role();
        DatabaseRole asOperator = probeAs(operator).role();
        DatabaseRole asViewer = probeAs(viewer).role();

        assertThat(owner).isEqualTo(new DatabaseRole(TestPostgres.SUPERUSER, List.of(), true, true, true));
        assertThat(owner.summary()).isEqualTo("as postgres: full access");
        assertThat(asOperator).isEqualTo(new DatabaseRole(operator, List.of(DatabaseRole.OPERATOR), true, true, false));
        assertThat(asOperator.summary()).isEqualTo("as operator: may not migrate the schema");
        assertThat(asViewer).isEqualTo(new DatabaseRole(viewer, List.of(DatabaseRole.VIEWER), false, false, false));
        assertThat(asViewer.summary()).isEqualTo("as viewer: read-only");
        assertThat(asViewer.refusal(DatabaseRole.Action.QUEUE)).contains("Your database role (" + viewer
                + ", member of redflag_viewer) may not queue commands: an administrator can grant it redflag_operator "
                + "(`roles --sql` has the SQL).");
    }

    @Test
    void anOperatorPagesAgentsQueuesCancelsRetriesAndRecordsItsErrors() throws Exception {
        String operator = RoleLogins.memberOf(DatabaseRole.OPERATOR);
        try (ConsoleContext context = openAs(operator)) {
            assertThat(context.agents().page(null, null, 50)).extracting(Agent::hostname).containsExactly("web-01.prod");

            ScanOutcome queued = context.scans().requestScan(web01, Subsystem.STORAGE);
            AgentCommand cancelled = context.scans().cancel(queued.command().id());
            ScanOutcome retried = context.scans().retry(cancelled.id());
            UUID errorRow = recordError(context, "The operator's own error");

            assertThat(queued.isNew()).isTrue();
            assertThat(cancelled.status()).isEqualTo(CommandStatus.CANCELLED);
            assertThat(retried.isNew()).isTrue();
            assertThat(retried.command().retriedFromId()).isEqualTo(cancelled.id());
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE agent_id = ?", web01)).isEqualTo(2);
            assertThat(db.queryString("SELECT stderr FROM update_logs WHERE id = ?", errorRow))
                    .startsWith("The operator's own error");
        }
        // A cancel changes a command's status, never what was asked of which agent.
        assertRefused(operator, "UPDATE agent_commands SET command_type = 'scan_docker'");
    }

    @Test
    void aViewerReadsEverythingIsRefusedScansInASentenceAndItsErrorsAreWritten() throws Exception {
        String viewer = RoleLogins.memberOf(DatabaseRole.VIEWER);
        db.execute("INSERT INTO agent_commands (agent_id, command_type, status) VALUES ('" + web01
                + "', 'scan_updates', 'failed')");
        UUID failed = UUID.fromString(db.queryString("SELECT id::text FROM agent_commands"));
        String sentence = "Your database role (" + viewer + ", member of redflag_viewer) may not queue commands: "
                + "an administrator can grant it redflag_operator (`roles --sql` has the SQL).";
        try (ConsoleContext context = openAs(viewer)) {
            assertThat(context.agents().page(null, null, 50)).extracting(Agent::id).containsExactly(web01);
            assertThat(context.history().page(HistoryFilter.all(), null, 50)).extracting(HistoryEntry::id)
                    .containsExactly(historyRow);
            assertThat(context.commands().recentForAgent(web01, 10)).extracting(AgentCommand::id).containsExactly(failed);

            assertThatThrownBy(() -> context.scans().requestScan(web01, Subsystem.STORAGE))
                    .isInstanceOf(ScanRefused.class).hasMessage(sentence);
            assertThatThrownBy(() -> context.scans().requestScansMatching("web", Subsystem.STORAGE))
                    .isInstanceOf(ScanRefused.class).hasMessage(sentence);
            assertThatThrownBy(() -> context.scans().retry(failed)).isInstanceOf(ScanRefused.class)
                    .hasMessageContaining("may not retry commands");
            assertThatThrownBy(() -> context.scans().cancel(failed)).isInstanceOf(ScanRefused.class)
                    .hasMessageContaining("may not cancel commands");
            assertThat(context.scans().sweepTimedOut()).isZero();
            MigrationOutcome migrate = context.migrations().migrate(MigrationProgress.NONE);
            assertThat(migrate.succeeded()).isFalse();
            assertThat(migrate.message()).contains("may not migrate the schema");

            UUID errorRow = recordError(context, "The viewer's own error");
            assertThat(db.queryString("SELECT action FROM update_logs WHERE id = ?", errorRow)).isEqualTo("console_error");
        }
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
        // Not only the console's guard: the database itself refuses the viewer a command or a result row.
        assertRefused(viewer, "INSERT INTO agent_commands (agent_id, command_type) VALUES ('" + web01 + "', 'scan_storage')");
        assertRefused(viewer, "INSERT INTO update_logs (agent_id, action, result) VALUES ('" + web01
                + "', 'scan_storage', 'success')");
        assertRefused(viewer, "UPDATE agent_commands SET status = 'cancelled'");
    }

    @Test
    void theHistoryIsAppendOnlyForBothRoles() {
        for (String login : List.of(RoleLogins.memberOf(DatabaseRole.OPERATOR), RoleLogins.memberOf(DatabaseRole.VIEWER))) {
            assertRefused(login, "UPDATE update_logs SET stdout = 'rewritten'");
            assertRefused(login, "DELETE FROM update_logs");
            assertRefused(login, "TRUNCATE update_logs");
        }
        assertThat(db.queryString("SELECT stdout FROM update_logs WHERE id = ?", historyRow)).isEqualTo("all fine");
    }

    @Test
    void aRoleOutsideTheConsolesGroupsKeepsWhatItHadOnTheHistory() throws Exception {
        // Row-level security on update_logs must not hide rows from, or refuse changes to, a role that had them.
        String maintainer = RoleLogins.newLogin("maintainer");
        db.execute("GRANT SELECT, UPDATE, DELETE ON update_logs TO " + maintainer);

        try (Connection c = db.dataSourceAs(maintainer, RoleLogins.PASSWORD).getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE update_logs SET stdout = 'corrected'")).isEqualTo(1);
        }
        assertThat(db.queryString("SELECT stdout FROM update_logs WHERE id = ?", historyRow)).isEqualTo("corrected");
    }

    @Test
    void underAnOwnerThatIsNoSuperuserLaterTablesAreReadableAndTheOwnerStillChangesHistory() throws Exception {
        TestDatabase owned = TestPostgres.newDatabase();
        String owner = RoleLogins.newLogin("owner");
        owned.execute("GRANT CREATE ON SCHEMA public TO " + owner);
        DataSource asOwner = owned.dataSourceAs(owner, RoleLogins.PASSWORD);
        new org.redflag.console.db.SchemaMigrator(asOwner).migrate();
        RoleLogins.applyRoles(owned);
        String viewer = RoleLogins.memberOf(DatabaseRole.VIEWER);

        // A later migration's table, made by the role that migrates, and a correction the owner makes by hand.
        try (Connection c = asOwner.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE later_migration (id int)");
            s.execute("INSERT INTO update_logs (action, result) VALUES ('scan_storage', 'success')");
            assertThat(s.executeUpdate("UPDATE update_logs SET stdout = 'corrected by the owner'")).isEqualTo(1);
        }
        try (Connection c = owned.dataSourceAs(viewer, RoleLogins.PASSWORD).getConnection();
             Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT count(*) FROM later_migration").next()).isTrue();
        }
        assertThat(SchemaProbe.probe(asOwner).role().mayMigrate()).isTrue();
    }

    private UUID recordError(ConsoleContext context, String message) {
        RecordingNotifier notifier = new RecordingNotifier();
        try (ErrorReporter errors = new ErrorReporter(context.history(), notifier, clock, "test")) {
            errors.report(ConsoleArea.SCAN, message, null, web01);
            assertThat(errors.waiting()).as("nothing waits in the spool").isZero();
        }
        assertThat(notifier.shown()).hasSize(1);
        UUID row = notifier.shown().get(0).historyEntryId();
        assertThat(row).as("the error has its history row").isNotNull();
        return row;
    }

    private ConsoleContext openAs(String login) throws Exception {
        return ConsoleContext.open(db.settingsAs(login, true), RoleLogins.password(), clock);
    }

    private Capabilities probeAs(String login) throws SQLException {
        return SchemaProbe.probe(db.dataSourceAs(login, RoleLogins.PASSWORD));
    }

    private void assertRefused(String login, String sql) {
        DataSource as = db.dataSourceAs(login, RoleLogins.PASSWORD);
        assertThatThrownBy(() -> {
            try (Connection c = as.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(login + ": " + sql).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE);
    }
}
