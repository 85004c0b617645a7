package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class SchemaTest {

    @Test
    void flywayMigratesAnEmptyDatabase() {
        TestDatabase db = TestPostgres.newDatabase();
        SchemaMigrator migrator = new SchemaMigrator(db.dataSource());
        assertThat(migrator.currentVersion()).isEmpty();

        MigrateResult result = migrator.migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(2);
        assertThat(migrator.currentVersion()).contains(result.targetSchemaVersion);
        for (String table : new String[] {"agents", "agent_subsystems", "agent_commands", "update_logs",
                "storage_metrics", "update_packages", "docker_images", "system_info"}) {
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", table))
                    .as(table).isEqualTo(1);
        }
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
    }

    @Test
    void migratingAnUpToDateDatabaseChangesNothing() {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        MigrateResult again = new SchemaMigrator(db.dataSource()).migrate();

        assertThat(again.migrationsExecuted).isZero();
    }

    @Test
    void theDatabaseMakesEveryCommandId() throws SQLException {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgent(db, "web-01", "linux", Instant.now());

        UUID first = insertCommand(db, agent, "scan_storage");
        UUID second = insertCommand(db, agent, "scan_updates");

        assertThat(first).isNotNull().isNotEqualTo(second);
        assertThat(db.queryString("SELECT column_default FROM information_schema.columns "
                + "WHERE table_name = 'agent_commands' AND column_name = 'id'")).isEqualTo("gen_random_uuid()");
    }

    @Test
    void schemaRejectsValuesOutsideTheDefinedSets() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgent(db, "web-01", "linux", Instant.now());

        assertThatThrownBy(() -> db.execute("INSERT INTO agents (hostname, os_type) VALUES ('x', 'beos')"))
                .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("os_type");
        assertThatThrownBy(() -> db.execute("INSERT INTO agent_commands (agent_id, command_type, status) VALUES ('"
                + agent + "', 'scan_storage', 'done')"))
                .rootCause().hasMessageContaining("command_status");
        assertThatThrownBy(() -> db.execute("INSERT INTO agent_subsystems (agent_id, subsystem, interval_minutes) "
                + "VALUES ('" + agent + "', 'storage', 2)"))
                .rootCause().hasMessageContaining("interval_minutes");
        assertThatThrownBy(() -> db.execute("INSERT INTO agent_subsystems (agent_id, subsystem) VALUES ('"
                + agent + "', 'printers')"))
                .rootCause().hasMessageContaining("subsystem_name");
    }

    @Test
    void onlyOneActiveCommandPerAgentAndType() throws SQLException {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgent(db, "web-01", "linux", Instant.now());
        UUID first = insertCommand(db, agent, "scan_storage");

        assertThatThrownBy(() -> insertCommand(db, agent, "scan_storage"))
                .isInstanceOf(SQLException.class).hasMessageContaining("idx_agent_commands_one_active");

        db.execute("UPDATE agent_commands SET status = 'completed', completed_at = now() WHERE id = '" + first + "'");
        assertThat(insertCommand(db, agent, "scan_storage")).isNotEqualTo(first);
    }

    @Test
    void machineIdIsUniqueWhenPresent() {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("INSERT INTO agents (hostname, os_type) VALUES ('a', 'linux'), ('b', 'linux')");
        db.execute("INSERT INTO agents (hostname, os_type, machine_id) VALUES ('c', 'linux', 'm-1')");

        assertThatThrownBy(() -> db.execute("INSERT INTO agents (hostname, os_type, machine_id) VALUES ('d', 'linux', 'm-1')"))
                .rootCause().hasMessageContaining("idx_agents_machine_id_unique");
    }

    private static UUID insertCommand(TestDatabase db, UUID agent, String type) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO agent_commands (agent_id, command_type) VALUES (?, ?) RETURNING id")) {
            ps.setObject(1, agent);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
