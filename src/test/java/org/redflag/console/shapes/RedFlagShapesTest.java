package org.redflag.console.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.shapes.RedFlagRunner.Behaviour;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class RedFlagShapesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void theV0118ShapeRunsAndRecordsFiles001To014ByWholeFileName() {
        TestDatabase db = TestPostgres.newDatabase();

        RunResult result = RedFlagShape.build(db.dataSource(), RedFlagShape.V0_1_18);

        assertThat(result.ran()).containsExactlyElementsOf(ShapeFiles.V0118);
        assertThat(result.falseCompleted()).isEmpty();
        // Both 009_ and both 012_ files are recorded under their whole names.
        assertThat(recordedFiles(db)).containsExactlyElementsOf(ShapeFiles.V0118);
        assertThat(new Catalog(db).hasTable("schema_migrations_backup")).isFalse();
    }

    @Test
    void theLaterShapeIsAV0118DatabaseUpgradedBy015To033WithItsBackupTable() {
        TestDatabase db = TestPostgres.newDatabase();

        RunResult result = RedFlagShape.build(db.dataSource(), RedFlagShape.LATER);

        List<String> all = new ArrayList<>(ShapeFiles.V0118);
        all.addAll(ShapeFiles.LATER);
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

    @Test
    void theV0118RunnerRecordsAFileThatFailsWithAlreadyExistsAsAppliedAndGoesOn(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        write(dir, "001_make.up.sql", "CREATE TABLE t (x int);");
        write(dir, "002_again.up.sql", "CREATE TABLE half (x int); CREATE TABLE t (x int);");
        write(dir, "003_after.up.sql", "CREATE TABLE u (x int);");

        RunResult result = new RedFlagRunner(db.dataSource(), Behaviour.V0_1_18).run(MigrationScripts.folder(dir));

        assertThat(result.ran()).containsExactly("001_make.up.sql", "003_after.up.sql");
        assertThat(result.falseCompleted()).containsExactly("002_again.up.sql");
        assertThat(recordedFiles(db)).containsExactly("001_make.up.sql", "002_again.up.sql", "003_after.up.sql");
        // The file's transaction was rolled back: what it made before the error is gone, yet it is recorded.
        assertThat(new Catalog(db).hasTable("half")).isFalse();
    }

    @Test
    void theLaterRunnerStopsOnTheSameFileAndNamesIt(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        write(dir, "001_make.up.sql", "CREATE TABLE t (x int);");
        write(dir, "002_again.up.sql", "CREATE TABLE half (x int); CREATE TABLE t (x int);");
        write(dir, "003_after.up.sql", "CREATE TABLE u (x int);");
        RedFlagRunner runner = new RedFlagRunner(db.dataSource(), Behaviour.LATER);

        assertThatThrownBy(() -> runner.run(MigrationScripts.folder(dir)))
                .isInstanceOfSatisfying(RedFlagMigrationException.class, e -> {
                    assertThat(e.file()).isEqualTo("002_again.up.sql");
                    assertThat(e.getMessage()).contains("002_again.up.sql", "already exists");
                    assertThat(e.result().ran()).containsExactly("001_make.up.sql");
                    assertThat(e.result().failed()).containsExactly("002_again.up.sql");
                });
        assertThat(recordedFiles(db)).containsExactly("001_make.up.sql");
        assertThat(new Catalog(db).hasTable("u")).isFalse();
        assertThat(new Catalog(db).hasTable("schema_migrations_backup")).isTrue();
    }

    @Test
    void theV0118RunnerStopsOnErrorsThatAreNotAboutExistingObjects(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        write(dir, "001_broken.up.sql", "SELECT * FROM nowhere;");

        assertThatThrownBy(() -> new RedFlagRunner(db.dataSource(), Behaviour.V0_1_18).run(MigrationScripts.folder(dir)))
                .isInstanceOf(RedFlagMigrationException.class).hasMessageContaining("001_broken.up.sql");
        assertThat(db.queryLong("SELECT count(*) FROM schema_migrations")).isZero();
    }

    @Test
    void filesRunInByteWiseNameOrderOnlyOnceAndOnlyUpFiles(@TempDir Path dir) throws Exception {
        TestDatabase db = TestPostgres.newDatabase();
        write(dir, "000_log.up.sql", "CREATE TABLE ran (n serial, name text);");
        for (String name : List.of("023a_b", "023_a", "009_add_retry", "009_add_agent", "012_create", "012_add", "Z_upper")) {
            write(dir, name + ".up.sql", "INSERT INTO ran (name) VALUES ('" + name + "');");
        }
        write(dir, "010_x.down.sql", "INSERT INTO ran (name) VALUES ('down');");
        RedFlagRunner runner = new RedFlagRunner(db.dataSource(), Behaviour.V0_1_18);

        runner.run(MigrationScripts.folder(dir));
        RunResult again = runner.run(MigrationScripts.folder(dir));

        assertThat(db.queryString("SELECT string_agg(name, ',' ORDER BY n) FROM ran"))
                .isEqualTo("009_add_agent,009_add_retry,012_add,012_create,023_a,023a_b,Z_upper");
        assertThat(again.ran()).isEmpty();
    }

    @Test
    void seedCountsAreExactOnBothShapes() {
        for (RedFlagShape shape : RedFlagShape.values()) {
            TestDatabase db = shaped(shape);

            RedFlagSeed.Counts counts = RedFlagSeed.seed(db.dataSource(), NOW);

            RedFlagSeed.Counts expected = RedFlagSeed.expected(RedFlagSeed.Options.DEFAULTS, shape);
            assertThat(counts).as(shape.name()).isEqualTo(expected);
            assertThat(rows(db, "agents")).isEqualTo(40);
            assertThat(rows(db, "agent_commands")).isEqualTo(40);
            assertThat(rows(db, "update_logs")).isEqualTo(1000);
            assertThat(rows(db, "current_package_state")).isEqualTo(expected.packageStates()).isEqualTo(60);
            if (shape == RedFlagShape.LATER) {
                assertThat(rows(db, "agent_subsystems")).isEqualTo(160);
                assertThat(rows(db, "storage_metrics")).isEqualTo(120);
                assertThat(rows(db, "docker_images")).isEqualTo(20);
            }
            assertThat(db.queryLong("SELECT count(DISTINCT hostname) FROM agents")).isEqualTo(40);
            assertThat(db.queryString("SELECT string_agg(DISTINCT status, ',') FROM agents")).isEqualTo("offline,online");
            assertThat(db.queryLong("SELECT count(*) FROM agents WHERE reboot_required AND reboot_reason <> ''")).isPositive();
            assertThat(db.queryLong("SELECT count(*) FROM agents WHERE current_version = '0.0.0'")).isPositive();
        }
    }

    @Test
    void seededRowsLookLikeWhatRedFlagWritesForEachGeneration() {
        TestDatabase old = shaped(RedFlagShape.V0_1_18);
        TestDatabase later = shaped(RedFlagShape.LATER);
        RedFlagSeed.Options options = RedFlagSeed.Options.DEFAULTS.withAgents(7).withCommands(150).withHistoryRows(3000);

        RedFlagSeed.seed(old.dataSource(), options, NOW);
        RedFlagSeed.seed(later.dataSource(), options, NOW);

        for (TestDatabase db : List.of(old, later)) {
            assertThat(db.queryLong("SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status = 'pending' "
                    + "GROUP BY agent_id, command_type HAVING count(*) > 1) d")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM agent_commands WHERE status = 'pending'")).isPositive();
            assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE executed_at > ? "
                    + "OR executed_at < ?::timestamp - interval '30 days'", LocalDateTime.of(2026, 11, 20, 12, 0),
                    LocalDateTime.of(2026, 11, 20, 12, 0))).isZero();
            assertThat(db.queryString("SELECT max(last_seen)::text FROM agents")).isLessThan("2026-11-20 12:00:00");
        }
        assertThat(old.queryString("SELECT string_agg(DISTINCT command_type, ',') FROM agent_commands"))
                .doesNotContain("scan_storage");
        assertThat(later.queryString("SELECT string_agg(DISTINCT command_type, ',') FROM agent_commands"))
                .contains("scan_storage", "scan_docker");
        assertThat(later.queryLong("SELECT count(*) FROM update_logs WHERE subsystem IS DISTINCT FROM CASE action "
                + "WHEN 'scan_docker' THEN 'docker' WHEN 'scan_storage' THEN 'storage' WHEN 'scan_system' THEN 'system' "
                + "WHEN 'scan_apt' THEN 'apt' WHEN 'scan_updates' THEN 'updates' END")).isZero();
        assertThat(later.queryLong("SELECT count(*) FROM update_logs WHERE action = 'scan_windows' AND subsystem IS NULL"))
                .isPositive();
        assertThat(later.queryLong("SELECT count(*) FROM agents WHERE machine_id IS NOT NULL")).isBetween(1L, 6L);
    }

    @Test
    void theSameRandomSeedGivesTheSameFleet() {
        TestDatabase a = shaped(RedFlagShape.LATER);
        TestDatabase b = shaped(RedFlagShape.LATER);

        RedFlagSeed.seed(a.dataSource(), NOW);
        RedFlagSeed.seed(b.dataSource(), NOW);

        String fingerprint = "SELECT md5(string_agg(hostname || os_type || os_version || current_version || last_seen "
                + "|| status || reboot_required, ',' ORDER BY hostname)) FROM agents";
        assertThat(a.queryString(fingerprint)).isEqualTo(b.queryString(fingerprint));
    }

    @Test
    void anActiveSigningKeyMakesALaterDatabaseOneWhoseCommandsMustBeSigned() {
        TestDatabase db = shaped(RedFlagShape.LATER);

        String keyId = RedFlagSeed.addActiveSigningKey(db.dataSource());

        assertThat(keyId).hasSize(32).matches("[0-9a-f]+");
        assertThat(db.queryString("SELECT algorithm || ':' || is_active || ':' || is_primary || ':' || version "
                + "FROM signing_keys WHERE key_id = ?", keyId)).isEqualTo("ed25519:true:true:1");
        assertThatThrownBy(() -> RedFlagSeed.addActiveSigningKey(shaped(RedFlagShape.V0_1_18).dataSource()))
                .hasMessageContaining("signing_keys");
    }

    private static long rows(TestDatabase db, String table) {
        return db.queryLong("SELECT count(*) FROM " + table);
    }

    private static void write(Path dir, String name, String sql) throws Exception {
        Files.writeString(dir.resolve(name), sql);
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
