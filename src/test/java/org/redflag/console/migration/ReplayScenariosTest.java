package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.migration.FileVerdict.Verdict;
import org.redflag.console.shapes.MigrationScripts;
import org.redflag.console.shapes.RedFlagRunner;
import org.redflag.console.testing.CatalogSnapshot;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** The post-mortem's failures and more, each on a database built by the runner from the project's scripts. */
class ReplayScenariosTest {

    @TempDir
    Path tmp;

    private final ReplayAudit audit = ReplayFixtures.audit();
    private final Repairs repairs = new Repairs(audit);

    @Test
    void aRecordedScriptWhoseUniqueIndexIsMissingIsFalseCompleteAndThePlanRecreatesIt() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        db.execute("DROP INDEX idx_agents_machine_id_unique");
        var catalog = CatalogSnapshot.take(db);

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(a) " + ReplayFixtures.describe(report));

        assertThat(CatalogSnapshot.take(db)).as("the audit only reads").isEqualTo(catalog);
        assertThat(verdict(report, ReplayFixtures.M017).verdict()).isEqualTo(Verdict.FALSE_COMPLETE);
        assertThat(verdict(report, ReplayFixtures.M017).missing()).containsExactly("index idx_agents_machine_id_unique");
        ReplayFinding finding = only(report, ReplayFindingKind.FALSE_COMPLETE);
        assertThat(finding.sentence()).isEqualTo("017_add_machine_id.up.sql is recorded, but index "
                + "idx_agents_machine_id_unique is missing (FALSE COMPLETE).");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.replayDefinition()).isEqualTo("CREATE UNIQUE INDEX idx_agents_machine_id_unique ON agents "
                + "USING btree (machine_id) WHERE (machine_id IS NOT NULL)");

        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.steps()).extracting(RepairStep::sql).containsExactly(finding.replayDefinition());
        assertThat(plan.steps().get(0).outsideTransaction()).isFalse();
        assertFixed(db, plan);
    }

    @Test
    void aConcurrentlyScriptThatLeftAnInvalidIndexIsFoundAndRebuilt() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        String file = "034_unique_update_package.up.sql";
        String create = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_update_packages_unique "
                + "ON agent_update_packages (version, platform, architecture)";
        ReplayFixtures.write(folder, file, create + ";\n");
        // What a failed CREATE INDEX CONCURRENTLY leaves: the index, marked INVALID; and a record that claims it.
        db.execute(create);
        db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'idx_update_packages_unique'::regclass");
        db.execute("INSERT INTO schema_migrations (version) VALUES ('" + file + "')");

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(b) " + ReplayFixtures.describe(report));

        assertThat(verdict(report, file).verdict()).isEqualTo(Verdict.FALSE_COMPLETE);
        ReplayFinding missing = only(report, ReplayFindingKind.FALSE_COMPLETE);
        assertThat(missing.sentence()).isEqualTo(file + " is recorded, but index idx_update_packages_unique is INVALID "
                + "(left by a failed CREATE INDEX CONCURRENTLY): PostgreSQL never uses it, so it counts as missing.");
        assertThat(only(report, ReplayFindingKind.FAILS_IN_TRANSACTION).migration()).isEqualTo(file);

        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.steps()).extracting(RepairStep::sql).containsExactly(
                "DROP INDEX CONCURRENTLY IF EXISTS idx_update_packages_unique",
                "CREATE UNIQUE INDEX idx_update_packages_unique ON agent_update_packages USING btree (version, platform, architecture)");
        assertThat(plan.steps()).extracting(RepairStep::outsideTransaction).containsExactly(true, false);
        assertFixed(db, plan);
    }

    @Test
    void aScriptThatInsertsItsOwnRecordIsFalseCompleteAndItsRecordIsForgottenForARerunOfTheFixedFile() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        String fixed = ReplayFixtures.read(folder, ReplayFixtures.M021);
        ReplayFixtures.write(folder, ReplayFixtures.M021, fixed
                + "\nINSERT INTO schema_migrations (version) VALUES ('" + ReplayFixtures.M021 + "');\n");
        TestDatabase db = TestPostgres.newDatabase();
        var scripts = MigrationScripts.folder(folder);
        // The post-mortem: the file's own INSERT collides with the runner's, v0.1.18 records it anyway.
        new RedFlagRunner(db.dataSource(), RedFlagRunner.Behaviour.V0_1_18).run(scripts.stream()
                .filter(s -> RedFlagRunner.BYTE_ORDER.compare(s.name(), "022") < 0).toList());
        new RedFlagRunner(db.dataSource(), RedFlagRunner.Behaviour.LATER).run(scripts);

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(c) " + ReplayFixtures.describe(report));

        assertThat(only(report, ReplayFindingKind.SELF_RECORDING).sentence()).startsWith(ReplayFixtures.M021
                + " inserts its own schema_migrations row (line ");
        FileVerdict verdict = verdict(report, ReplayFixtures.M021);
        assertThat(verdict.verdict()).isEqualTo(Verdict.FALSE_COMPLETE);
        assertThat(verdict.missing()).contains("table storage_metrics", "index idx_storage_metrics_agent_mount");
        assertThat(report.findings(ReplayFindingKind.FALSE_COMPLETE)).allMatch(f -> f.migration().equals(ReplayFixtures.M021));

        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.steps()).extracting(RepairStep::sql)
                .containsExactly("DELETE FROM schema_migrations WHERE version = '" + ReplayFixtures.M021 + "'");
        assertThat(plan.steps().get(0).sentence()).contains("first remove the file's own INSERT INTO schema_migrations");
        RepairOutcome outcome = repairs.apply(plan, db.dataSource(), StepListener.NONE);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.after().clean()).as("021 is now simply pending").isTrue();

        ReplayFixtures.write(folder, ReplayFixtures.M021, fixed);
        new RedFlagRunner(db.dataSource(), RedFlagRunner.Behaviour.LATER).run(MigrationScripts.folder(folder));
        ReplayReport again = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        assertThat(again.clean()).isTrue();
        assertThat(again.findings(ReplayFindingKind.SELF_RECORDING)).isEmpty();
        assertThat(verdict(again, ReplayFixtures.M021).verdict()).isEqualTo(Verdict.EFFECTS_PRESENT);
    }

    @Test
    void aTablePresentButUnrecordedIsFoundAndRecorded() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        db.execute("DELETE FROM schema_migrations WHERE version = '" + ReplayFixtures.M021 + "'");

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(d) " + ReplayFixtures.describe(report));

        ReplayFinding finding = only(report, ReplayFindingKind.UNRECORDED_EFFECTS);
        assertThat(finding.migration()).isEqualTo(ReplayFixtures.M021);
        assertThat(finding.sentence()).startsWith(ReplayFixtures.M021 + " is not recorded, but all objects only it "
                + "makes are in the database: ").contains("table storage_metrics", "index idx_storage_metrics_agent_id");
        assertThat(report.verdicts()).hasSize(30);

        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.steps()).extracting(RepairStep::sql)
                .containsExactly("INSERT INTO schema_migrations (version) VALUES ('" + ReplayFixtures.M021 + "')");
        ReplayReport after = assertFixed(db, plan);
        assertThat(verdict(after, ReplayFixtures.M021).verdict()).isEqualTo(Verdict.EFFECTS_PRESENT);
    }

    @Test
    void aColumnWhoseTypeWasChangedByHandIsDriftedWithBothDefinitions() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        db.execute("ALTER TABLE agents ALTER COLUMN hostname TYPE varchar(100)");

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(e) " + ReplayFixtures.describe(report));

        ReplayFinding finding = only(report, ReplayFindingKind.DRIFTED);
        assertThat(finding.migration()).isEqualTo("001_initial_schema.up.sql");
        assertThat(finding.objectKey()).isEqualTo("column agents.hostname");
        assertThat(finding.targetDefinition()).isEqualTo("character varying(100) NOT NULL");
        assertThat(finding.replayDefinition()).isEqualTo("character varying(255) NOT NULL");
        assertThat(verdict(report, "001_initial_schema.up.sql").verdict()).isEqualTo(Verdict.DRIFTED);

        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.steps()).extracting(RepairStep::sql).containsExactly("ALTER TABLE agents ALTER COLUMN hostname "
                + "TYPE character varying(255) USING hostname::character varying(255)");
        assertFixed(db, plan);
    }

    @Test
    void twoFilesSharingAVersionPrefixAreARunnerHazardThatNeedsNoDatabaseRepair() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        ReplayFixtures.write(folder, "034_add_agent_notes.up.sql", "ALTER TABLE agents ADD COLUMN IF NOT EXISTS notes text;");
        ReplayFixtures.write(folder, "034_add_agent_owner.up.sql",
                "ALTER TABLE agents ADD COLUMN IF NOT EXISTS owner varchar(100);");
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);

        ReplayReport report = audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder));
        System.out.println("(f) " + ReplayFixtures.describe(report));

        assertThat(report.findings(ReplayFindingKind.DUPLICATE_VERSION)).extracting(ReplayFinding::sentence).contains(
                "2 files share version 034: 034_add_agent_notes.up.sql, 034_add_agent_owner.up.sql; the runner orders "
                        + "them by name, so their order is an accident of naming.");
        assertThat(verdict(report, "034_add_agent_owner.up.sql").verdict()).isEqualTo(Verdict.EFFECTS_PRESENT);
        RepairPlan plan = Repairs.plan(report);
        assertThat(plan.isEmpty()).isTrue();
        ReplayReport after = assertFixed(db, plan);
        assertThat(after.findings(ReplayFindingKind.DUPLICATE_VERSION)).as("a file matter: rename one").hasSize(3);
    }

    /** Applies the plan, one listener call before and after each step, and expects a clean re-audit. */
    private ReplayReport assertFixed(TestDatabase db, RepairPlan plan) throws Exception {
        List<String> calls = new ArrayList<>();
        RepairOutcome outcome = repairs.apply(plan, db.dataSource(), new StepListener() {
            @Override
            public void before(int index, int total, RepairStep step) {
                calls.add("before " + index);
            }

            @Override
            public void after(int index, int total, RepairStep step, StepResult result) {
                calls.add("after " + index + " " + result.succeeded());
            }
        });
        System.out.println("plan:\n" + plan.script() + "after: " + ReplayFixtures.describe(outcome.after()));
        assertThat(outcome.completed()).isTrue();
        assertThat(calls).hasSize(2 * plan.steps().size()).allMatch(c -> !c.endsWith("false"));
        assertThat(outcome.after().databaseProblems()).isEmpty();
        assertThat(outcome.after().verdicts()).allMatch(v -> v.verdict() == Verdict.EFFECTS_PRESENT);
        assertThat(ReplayFixtures.leftoverThrowaways(db)).isZero();
        return outcome.after();
    }

    private static FileVerdict verdict(ReplayReport report, String file) {
        return report.verdicts().stream().filter(v -> v.migration().equals(file)).findFirst().orElseThrow();
    }

    private static ReplayFinding only(ReplayReport report, ReplayFindingKind kind) {
        assertThat(report.findings(kind)).as(kind.label()).hasSize(1);
        return report.findings(kind).get(0);
    }
}
