package org.redflag.console.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

class SchemaProbeTest {

    @Test
    void aFirstGenerationRedFlagDatabaseIsRedFlagWithoutTheLaterCapabilities() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.V0_1_18);

        Capabilities found = SchemaProbe.probe(db.dataSource());

        assertThat(found.kind()).isEqualTo(SchemaKind.REDFLAG);
        assertThat(found.isFirstGeneration()).isTrue();
        assertThat(found.recordedUpTo()).contains("014");
        assertThat(found.recordedFiles()).isEqualTo(15);
        assertThat(found.features()).contains(Feature.CURRENT_VERSION, Feature.REBOOT_REQUIRED,
                Feature.ARCHIVED_FAILED_STATUS, Feature.PACKAGE_STATE);
        assertThat(found.features()).doesNotContain(Feature.SUBSYSTEMS_TABLE, Feature.LOG_SUBSYSTEM,
                Feature.LOG_METADATA, Feature.ONE_PENDING_INDEX, Feature.SIGNATURE_COLUMN, Feature.SIGNED_COMMANDS,
                Feature.RECEIVED_STATUS, Feature.STORAGE_METRICS, Feature.LIVE_TRIGGERS);
        assertThat(found.describe()).isEqualTo("RedFlag schema (recorded up to 014) · v0.1.x");
    }

    @Test
    void aLaterRedFlagDatabaseHasSubsystemsThePendingIndexAndTheReceivedStatus() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);

        Capabilities found = SchemaProbe.probe(db.dataSource());

        assertThat(found.kind()).isEqualTo(SchemaKind.REDFLAG);
        assertThat(found.isFirstGeneration()).isFalse();
        assertThat(found.recordedUpTo()).contains("033");
        assertThat(found.features()).contains(Feature.SUBSYSTEMS_TABLE, Feature.LOG_SUBSYSTEM,
                Feature.ONE_PENDING_INDEX, Feature.SIGNATURE_COLUMN, Feature.RECEIVED_STATUS,
                Feature.COMMAND_IDEMPOTENCY_KEY, Feature.COMMAND_EXPIRES_AT, Feature.STORAGE_METRICS,
                Feature.DOCKER_IMAGES);
        assertThat(found.features()).doesNotContain(Feature.SIGNED_COMMANDS, Feature.LOG_METADATA, Feature.LIVE_TRIGGERS);
        assertThat(found.logSubsystems()).contains("docker", "storage", "system", "apt", "updates", "heartbeat")
                .doesNotContain("windows");
        assertThat(found.describe()).isEqualTo("RedFlag schema (recorded up to 033)");
    }

    @Test
    void anActiveSigningKeyMeansScansMustGoThroughTheServer() throws Exception {
        TestDatabase db = RedFlagFixtures.signed();

        Capabilities found = SchemaProbe.probe(db.dataSource());

        assertThat(found.has(Feature.SIGNED_COMMANDS)).isTrue();
        assertThat(found.scansNeedTheServer()).isTrue();
    }

    @Test
    void aUserWhoMayNotReadTheKeysOrTheRecordStillGetsAnAnswerAndTheSafeOne() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        TestPostgres.ensureRole("support_reader", "reader-pw");
        db.execute("GRANT USAGE ON SCHEMA public TO support_reader");
        db.execute("GRANT SELECT ON agents, agent_commands, update_logs TO support_reader");

        Capabilities found = SchemaProbe.probe(db.dataSourceAs("support_reader", "reader-pw"));

        assertThat(found.kind()).isEqualTo(SchemaKind.REDFLAG);
        assertThat(found.recordedFiles()).isZero();
        // Without the keys, "unsigned" would be a guess that makes agents reject the console's commands.
        assertThat(found.scansNeedTheServer()).isTrue();
    }

    @Test
    void whatTheRecordClaimsDoesNotMakeACapability() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        // 023a recorded, but its index gone (a false complete, or dropped by hand): the guard is not there.
        db.execute("DROP INDEX idx_agent_pending_subsystem");

        Capabilities found = SchemaProbe.probe(db.dataSource());

        assertThat(found.recordedUpTo()).contains("033");
        assertThat(found.has(Feature.ONE_PENDING_INDEX)).isFalse();
    }

    @Test
    void anInvalidIndexLeftByAFailedConcurrentBuildGuardsNothing() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_agent_pending_subsystem'::regclass");

        assertThat(SchemaProbe.probe(db.dataSource()).has(Feature.ONE_PENDING_INDEX)).isFalse();
    }

    @Test
    void theConsolesOwnSchemaEmptyAndUnknownDatabasesAreToldApart() throws Exception {
        TestDatabase console = TestPostgres.newDatabase().migrated();
        TestDatabase empty = TestPostgres.newDatabase();
        TestDatabase unknown = TestPostgres.newDatabase();
        unknown.execute("CREATE TABLE invoices (id int PRIMARY KEY)");

        Capabilities consoles = SchemaProbe.probe(console.dataSource());
        assertThat(consoles.kind()).isEqualTo(SchemaKind.CONSOLE);
        assertThat(consoles.features()).contains(Feature.ONE_ACTIVE_INDEX, Feature.LOG_METADATA,
                Feature.LOG_IDEMPOTENCY_KEY, Feature.LIVE_TRIGGERS, Feature.SUBSYSTEMS_TABLE);
        assertThat(SchemaProbe.probe(empty.dataSource()).kind()).isEqualTo(SchemaKind.EMPTY);
        Capabilities other = SchemaProbe.probe(unknown.dataSource());
        assertThat(other.kind()).isEqualTo(SchemaKind.UNKNOWN);
        assertThat(other.describe()).isEqualTo("unknown schema (tables invoices)");
    }
}
