package org.redflag.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.redflag.console.roles.ConsoleRoles;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.CliRun;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RoleLogins;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The roles' SQL from a terminal, and the headless commands run as a member of each role. */
class RolesCommandTest {

    @Test
    void rolesSqlPrintsTheShippedScriptAndHelpSaysWhereItIs() {
        CliRun sql = CliRun.of(Map.of(), "roles", "--sql");
        CliRun help = CliRun.of(Map.of(), "--help");

        assertThat(sql.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(sql.out()).isEqualTo(ConsoleRoles.sql());
        assertThat(sql.out()).contains("CREATE ROLE %I NOLOGIN", "redflag_operator", "redflag_viewer",
                "ENABLE ROW LEVEL SECURITY");
        assertThat(sql.err()).isEmpty();
        assertThat(help.out()).contains("roles     [--sql]", "roles --sql | psql -d DB");
    }

    @Test
    void aViewersScanIsRefusedInTheConsolesSentenceAndAnOperatorsIsQueued() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "storage");
        RoleLogins.applyRoles(db);
        String viewer = RoleLogins.memberOf(DatabaseRole.VIEWER);
        String operator = RoleLogins.memberOf(DatabaseRole.OPERATOR);

        CliRun refused = scanAs(db, viewer);
        CliRun queued = scanAs(db, operator);
        CliRun check = CliRun.of(Map.of("PGPASSWORD", RoleLogins.PASSWORD), "check", "--db-url", db.url(),
                "--db-user", viewer);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.CANNOT_RUN);
        assertThat(refused.err()).isEqualTo("redflag-console: Your database role (" + viewer + ", member of "
                + "redflag_viewer) may not queue commands: an administrator can grant it redflag_operator "
                + "(`roles --sql` has the SQL)." + System.lineSeparator());
        assertThat(refused.out()).isEmpty();
        assertThat(queued.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(queued.out()).startsWith("queued: storage scan of web-01.prod");
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(1);
        assertThat(check.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(check.out()).contains("Role          Connected as " + viewer + ", member of redflag_viewer. "
                + "This role may read the fleet and the history; it may not queue, cancel or retry commands, or migrate "
                + "the schema.");
    }

    private static CliRun scanAs(TestDatabase db, String login) {
        return CliRun.of(Map.of("PGPASSWORD", RoleLogins.PASSWORD), "scan", "--agent", "web-01.prod",
                "--subsystem", "storage", "--db-url", db.url(), "--db-user", login);
    }
}
