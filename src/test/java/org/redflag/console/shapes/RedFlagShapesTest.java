package org.redflag.console.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class RedFlagShapesTest {

    private static final List<String> V0118_FILES = List.of(
            "001_initial_schema.up.sql",
            "003_create_update_tables.up.sql",
            "004_fix_update_logs_package_fk.up.sql",
            "005_add_dependency_statuses.up.sql",
            "006_add_command_statuses.up.sql",
            "007_widen_package_state_status.up.sql",
            "008_create_refresh_tokens.up.sql",
            "009_add_agent_version_tracking.up.sql",
            "009_add_retry_tracking.up.sql",
            "010_add_archived_failed_status.up.sql",
            "011_create_registration_tokens.up.sql",
            "012_add_token_seats.up.sql",
            "012_create_admin_user.up.sql",
            "013_add_reboot_tracking.up.sql",
            "014_add_command_source.up.sql");

    private static final List<String> LATER_FILES = List.of(
            "015_agent_subsystems.up.sql",
            "016_agent_update_packages.up.sql",
            "017_add_machine_id.up.sql",
            "018_create_metrics_and_docker_tables.up.sql",
            "019_create_system_events.up.sql",
            "020_add_command_signatures.up.sql",
            "021_create_storage_metrics.up.sql",
            "022_add_subsystem_to_logs.up.sql",
            "023_client_error_logging.up.sql",
            "023a_command_deduplication.up.sql",
            "024_disable_updates_subsystem.up.sql",
            "025_add_key_id_to_commands.up.sql",
            "026_add_command_expiry.up.sql",
            "029_add_retry_count.up.sql",
            "032_add_command_updated_at.up.sql",
            "033_add_received_status.up.sql");

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void theV0118ShapeRunsAndRecordsFiles001To014ByWholeFileName() {
        TestDatabase db = TestPostgres.newDatabase();

        RunResult result = RedFlagShape.build(db.dataSource(), RedFlagShape.V0_1_18);

        assertThat(result.ran()).containsExactlyElementsOf(V0118_FILES);
        assertThat(result.falseCompleted()).isEmpty();
        // Both 009_ and both 012_ files are recorded under their whole names.
        assertThat(recordedFiles(db)).containsExactlyElementsOf(V0118_FILES);
        assertThat(new Catalog(db).hasTable("schema_migrations_backup")).isFalse();
    }

    @Test
    void theLaterShapeIsAV0118DatabaseUpgradedBy015To033WithItsBackupTable() {
        TestDatabase db = TestPostgres.newDatabase();

        RunResult result = RedFlagShape.build(db.dataSource(), RedFlagShape.LATER);

        List<String> all = new ArrayList<>(V0118_FILES);
        all.addAll(LATER_FILES);
        assertThat(result.ran()).containsExactlyElementsOf(all);
        assertThat(recordedFiles(db)).containsExactlyElementsOf(all);
        assertThat(recordedFiles(db).indexOf("023a_command_deduplication.up.sql"))
                .isEqualTo(recordedFiles(db).indexOf("023_client_error_logging.up.sql") + 1);
        assertThat(new Catalog(db).columns("schema_migrations_backup"))
                .containsExactly("version character varying(255)", "applied_at timestamp with time zone");
        assertThat(new Catalog(db).constraints("schema_migrations_backup")).isEmpty();
    }

    @Test
    void agentCommandsHasTheColumnsOfEachGeneration() {
        List<String> v0118 = List.of(
                "id uuid NOT NULL DEFAULT uuid_generate_v4()",
                "agent_id uuid",
                "command_type character varying(50) NOT NULL",
                "params jsonb",
                "status character varying(20) DEFAULT 'pending'::character varying",
                "created_at timestamp without time zone DEFAULT now()",
                "sent_at timestamp without time zone",
                "completed_at timestamp without time zone",
                "result jsonb",
                "retried_from_id uuid",
                "source character varying(20) NOT NULL DEFAULT 'manual'::character varying");
        List<String> later = new ArrayList<>(v0118);
        later.addAll(List.of(
                "signature character varying(128)",
                "idempotency_key character varying(64)",
                "key_id character varying(64)",
                "signed_at timestamp without time zone",
                "expires_at timestamp without time zone",
                "retry_count integer NOT NULL DEFAULT 0",
                "updated_at timestamp without time zone NOT NULL DEFAULT now()",
                "received_at timestamp with time zone"));

        assertThat(new Catalog(shaped(RedFlagShape.V0_1_18)).columns("agent_commands")).containsExactlyElementsOf(v0118);
        assertThat(new Catalog(shaped(RedFlagShape.LATER)).columns("agent_commands")).containsExactlyElementsOf(later);
    }

    @Test
    void theStatusCheckAdmitsEightStatusesOnV0118AndNineWithReceivedLater() {
        List<String> eight = List.of("pending", "sent", "running", "completed", "failed", "timed_out", "cancelled",
                "archived_failed");

        assertThat(new Catalog(shaped(RedFlagShape.V0_1_18)).checkValues("agent_commands_status_check"))
                .containsExactlyElementsOf(eight);
        assertThat(new Catalog(shaped(RedFlagShape.LATER)).checkValues("agent_commands_status_check"))
                .containsExactly("pending", "sent", "received", "running", "completed", "failed", "timed_out",
                        "cancelled", "archived_failed");
    }

    @Test
    void laterCommandIndexesAreUniqueWherePendingAndPartialWhereDocumented() {
        Catalog later = new Catalog(shaped(RedFlagShape.LATER));

        assertThat(later.indexDef("idx_agent_pending_subsystem")).isEqualTo("CREATE UNIQUE INDEX "
                + "idx_agent_pending_subsystem ON public.agent_commands USING btree (agent_id, command_type, status) "
                + "WHERE ((status)::text = 'pending'::text)");
        assertThat(later.indexDef("agent_commands_idempotency_key_key")).startsWith("CREATE UNIQUE INDEX");
        assertThat(later.indexDef("idx_agent_commands_idempotency_key")).startsWith("CREATE INDEX");
        assertThat(later.indexDef("idx_agent_commands_expires_at")).endsWith("WHERE (expires_at IS NOT NULL)");
        assertThat(later.indexDef("idx_agent_commands_retry_count")).endsWith(
                "(retry_count) WHERE ((status)::text = ANY ((ARRAY['pending'::character varying, "
                        + "'sent'::character varying])::text[]))");
        assertThat(later.indexDef("idx_agent_commands_status_received_at")).endsWith(
                "(status, received_at) WHERE ((status)::text = 'received'::text)");
        assertThat(later.indexDef("idx_agents_machine_id_unique")).isEqualTo("CREATE UNIQUE INDEX "
                + "idx_agents_machine_id_unique ON public.agents USING btree (machine_id) WHERE (machine_id IS NOT NULL)");
        assertThat(later.indexDef("idx_agents_machine_id")).isNull();
        assertThat(later.indexDef("agents_machine_id_key")).startsWith("CREATE UNIQUE INDEX");
        assertThat(later.hasTrigger("agent_commands", "trigger_agent_commands_updated_at")).isTrue();
    }

    @Test
    void v0118HasNoneOfTheLaterObjects() {
        Catalog v0118 = new Catalog(shaped(RedFlagShape.V0_1_18));

        assertThat(v0118.column("update_logs", "subsystem")).isNull();
        assertThat(v0118.column("update_logs", "metadata")).isNull();
        assertThat(v0118.indexDef("idx_agent_pending_subsystem")).isNull();
        for (String table : List.of("agent_subsystems", "storage_metrics", "docker_images", "metrics", "signing_keys",
                "system_events", "client_errors")) {
            assertThat(v0118.hasTable(table)).as(table).isFalse();
        }
        assertThat(v0118.constraintDef("update_logs_update_package_id_fkey"))
                .isEqualTo("FOREIGN KEY (update_package_id) REFERENCES current_package_state(id) ON DELETE SET NULL");
    }

    @Test
    void timesAreTimestampExceptReceivedAtAndTheEventSourcedTables() {
        Catalog later = new Catalog(shaped(RedFlagShape.LATER));

        assertThat(later.column("agent_commands", "created_at")).startsWith("created_at timestamp without time zone");
        assertThat(later.column("agent_commands", "received_at")).isEqualTo("received_at timestamp with time zone");
        assertThat(later.column("update_logs", "executed_at")).isEqualTo("executed_at timestamp without time zone DEFAULT now()");
        assertThat(later.column("storage_metrics", "created_at"))
                .isEqualTo("created_at timestamp without time zone NOT NULL DEFAULT now()");
        assertThat(later.column("current_package_state", "last_discovered_at"))
                .isEqualTo("last_discovered_at timestamp with time zone DEFAULT now()");
        assertThat(later.column("docker_images", "created_at")).isEqualTo("created_at timestamp with time zone DEFAULT now()");
        assertThat(later.column("current_package_state", "status"))
                .isEqualTo("status character varying(30) NOT NULL DEFAULT 'pending'::character varying");
        assertThat(later.column("agents", "last_version_check"))
                .isEqualTo("last_version_check timestamp without time zone DEFAULT CURRENT_TIMESTAMP");
        assertThat(later.column("signing_keys", "id")).isEqualTo("id uuid NOT NULL DEFAULT uuid_generate_v4()");
        assertThat(later.column("agent_subsystems", "id")).isEqualTo("id uuid NOT NULL DEFAULT gen_random_uuid()");
    }

    @Test
    void updateLogsSubsystemIsCheckedAgainstElevenNamesWithoutWindows() {
        Catalog later = new Catalog(shaped(RedFlagShape.LATER));

        assertThat(later.column("update_logs", "subsystem")).isEqualTo("subsystem character varying(50)");
        assertThat(later.checkValues("chk_update_logs_subsystem")).containsExactly("docker", "storage", "system", "apt",
                "dnf", "winget", "updates", "agent", "security", "network", "heartbeat");
        assertThat(later.constraintDef("client_errors_agent_id_fkey")).endsWith("ON DELETE SET NULL");
        assertThat(later.checkValues("chk_incident_severity")).containsExactly("low", "medium", "high", "critical");
        assertThat(later.checkValues("current_package_state_status_check")).hasSize(8)
                .contains("pending_dependencies", "checking_dependencies");
        assertThat(later.constraints("update_packages"))
                .contains("update_packages_agent_id_package_type_package_name_availabl_key");
        assertThat(later.constraints("docker_images"))
                .contains("docker_images_agent_id_package_name_package_type_created_at_key");
    }

    @Test
    void theSubsystemTriggerGivesEachNewAgentFourSubsystems() {
        TestDatabase db = shaped(RedFlagShape.LATER);

        db.execute("INSERT INTO agents (hostname, os_type, agent_version) VALUES ('new-01.example.net', 'linux', '0.2.9')");

        assertThat(db.queryString("""
                SELECT string_agg(subsystem || ':' || enabled || ':' || interval_minutes || ':' || auto_run, ','
                                  ORDER BY subsystem)
                  FROM agent_subsystems
                """)).isEqualTo("docker:false:15:false,storage:true:15:false,system:true:30:false,updates:true:15:false");
    }

    static TestDatabase shaped(RedFlagShape shape) {
        TestDatabase db = TestPostgres.newDatabase();
        RedFlagShape.build(db.dataSource(), shape);
        return db;
    }

    static List<String> recordedFiles(TestDatabase db) {
        String joined = db.queryString("SELECT string_agg(version, ',' ORDER BY version COLLATE \"C\") FROM schema_migrations");
        return List.of(joined.split(","));
    }
}
