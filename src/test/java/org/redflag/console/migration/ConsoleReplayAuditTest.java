package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The console's own Flyway schema audited by replay; the real embedded path; the throwaway always gone. */
class ConsoleReplayAuditTest {

    @TempDir
    Path tmp;

    @Test
    void aHandDroppedIndexAndAHandChangedColumnOfTheConsoleSchemaAreFoundAndRepaired() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        db.execute("DROP INDEX idx_agent_commands_in_flight");
        db.execute("ALTER TABLE agents ALTER COLUMN hostname TYPE varchar(100)");
        var catalog = CatalogSnapshot.take(db);

        ReplayAudit audit = ReplayFixtures.audit();
        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.console());
        System.out.println("console (" + org.redflag.console.testing.RealMigrations.count() + " scripts) " + ReplayFixtures.describe(report));

        assertThat(CatalogSnapshot.take(db)).isEqualTo(catalog);
        assertThat(report.verdicts()).hasSize(org.redflag.console.testing.RealMigrations.count());
        assertThat(report.findings(ReplayFindingKind.FALSE_COMPLETE)).singleElement().satisfies(f -> {
            assertThat(f.migration()).isEqualTo("V4__index_commands_in_flight.sql");
            assertThat(f.objectKey()).isEqualTo("index idx_agent_commands_in_flight");
        });
        assertThat(report.findings(ReplayFindingKind.DRIFTED)).singleElement().satisfies(f -> {
            assertThat(f.migration()).isEqualTo("V1__baseline_fleet_schema.sql");
            assertThat(f.objectKey()).isEqualTo("column agents.hostname");
            assertThat(f.targetDefinition()).isEqualTo("character varying(100) NOT NULL");
            assertThat(f.replayDefinition()).isEqualTo("character varying(255) NOT NULL");
        });

        RepairPlan plan = Repairs.plan(report);
        System.out.println(plan.script());
        assertThat(plan.steps()).hasSize(2);
        RepairOutcome outcome = new Repairs(audit).apply(plan, db.dataSource(), StepListener.NONE);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.after().findings()).isEmpty();
        assertThat(outcome.after().verdicts()).allMatch(v -> v.verdict() == Verdict.EFFECTS_PRESENT);
        assertThat(ReplayFixtures.leftoverThrowaways(db)).isZero();
    }

    @Test
    void theRealEmbeddedPathReplaysTheConsoleSchemaAndRemovesItsServer() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();

        ReplayReport report = ReplayAudit.embedded().audit(db.dataSource(), ReplaySource.console());
        System.out.println("console (" + org.redflag.console.testing.RealMigrations.count() + " scripts) on its own embedded server " + ReplayFixtures.describe(report));

        assertThat(report.findings()).isEmpty();
        assertThat(report.verdicts()).hasSize(org.redflag.console.testing.RealMigrations.count()).allMatch(v -> v.verdict() == Verdict.EFFECTS_PRESENT);
        assertThat(report.replayServerVersion()).startsWith("PostgreSQL 17");
        Path dataDir = Path.of(report.replayDatabase().substring(report.replayDatabase().indexOf(" in ") + 4));
        assertThat(Files.exists(dataDir)).as("the replay server's folder is removed").isFalse();
    }

    @Test
    void theThrowawayIsGoneWhenARecordedScriptFailsOnReplay() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        String broken = "034_broken.up.sql";
        ReplayFixtures.write(folder, broken, "ALTER TABLE no_such_table ADD COLUMN x int;");
        db.execute("INSERT INTO schema_migrations (version) VALUES ('" + broken + "')");

        ReplayReport report = ReplayFixtures.audit().audit(db.dataSource(), ReplaySource.redFlagFolder(folder));

        assertThat(report.findings(ReplayFindingKind.REPLAY_FAILED)).singleElement()
                .satisfies(f -> assertThat(f.sentence()).contains("no_such_table"));
        assertThat(report.verdicts()).filteredOn(v -> v.migration().equals(broken))
                .singleElement().satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.NOT_REPLAYED));
        assertThat(ReplayFixtures.leftoverThrowaways(db)).isZero();
    }

    @Test
    void theThrowawayIsGoneWhenTheAuditIsInterrupted() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> ReplayFixtures.audit().audit(db.dataSource(), ReplaySource.console()))
                    .isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(ReplayFixtures.leftoverThrowaways(db)).isZero();
    }

    @Test
    void aRecordedFileWithoutAScriptIsNotReplayedAndSaysSo() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        Files.delete(folder.resolve("033_add_received_status.up.sql"));

        ReplayReport report = ReplayFixtures.audit().audit(db.dataSource(), ReplaySource.redFlagFolder(folder));

        assertThat(report.findings(ReplayFindingKind.SCRIPT_MISSING)).singleElement()
                .satisfies(f -> assertThat(f.migration()).isEqualTo("033_add_received_status.up.sql"));
        assertThat(report.verdicts()).hasSize(31);
    }
}
