package org.redflag.console.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** How a plan is applied: CONCURRENTLY on a big table, and the stop at the first failing step. */
class RepairApplyTest {

    @TempDir
    Path tmp;

    private final ReplayAudit audit = ReplayFixtures.audit();

    @Test
    void aMissingIndexOnABigTableIsBuiltConcurrentlyOutsideATransaction() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        db.execute("INSERT INTO agents (hostname, os_type, agent_version) VALUES ('big', 'linux', '1')");
        db.execute("INSERT INTO storage_metrics (agent_id, mountpoint) SELECT a.id, '/m' || g FROM agents a, "
                + "generate_series(1, 120000) g");
        db.execute("ANALYZE storage_metrics");
        db.execute("DROP INDEX idx_storage_metrics_mountpoint");

        RepairPlan plan = Repairs.plan(audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder)));

        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.sql()).isEqualTo("CREATE INDEX CONCURRENTLY idx_storage_metrics_mountpoint ON storage_metrics "
                    + "USING btree (mountpoint)");
            assertThat(step.outsideTransaction()).isTrue();
        });
        RepairOutcome outcome = new Repairs(audit).apply(plan, db.dataSource(), StepListener.NONE);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.after().clean()).isTrue();
    }

    @Test
    void applyingStopsAtTheFirstFailingStepAndTheReauditShowsWhatIsLeft() throws Exception {
        Path folder = ReplayFixtures.scriptsFolder(tmp);
        TestDatabase db = TestPostgres.newDatabase();
        ReplayFixtures.buildLater(db, folder);
        db.execute("DROP INDEX idx_agents_machine_id_unique");
        db.execute("ALTER TABLE agents DROP CONSTRAINT agents_machine_id_key");
        db.execute("ALTER TABLE agents ALTER COLUMN hostname TYPE varchar(100)");
        // Two agents with one machine id: 016's unique key cannot come back until a person decides.
        db.execute("INSERT INTO agents (hostname, os_type, agent_version, machine_id) VALUES "
                + "('a', 'linux', '1', 'm-1'), ('b', 'linux', '1', 'm-1')");

        RepairPlan plan = Repairs.plan(audit.audit(db.dataSource(), ReplaySource.redFlagFolder(folder)));
        assertThat(plan.steps()).extracting(RepairStep::objectKey).containsExactly("column agents.hostname",
                "constraint agents_machine_id_key on table agents", "index idx_agents_machine_id_unique");
        // The failing step first, so the test shows the steps after a failure do not run.
        plan = new RepairPlan(plan.source(), List.of(plan.steps().get(1), plan.steps().get(0), plan.steps().get(2)));
        List<String> calls = new ArrayList<>();
        RepairOutcome outcome = new Repairs(audit).apply(plan, db.dataSource(), new StepListener() {
            @Override
            public void before(int index, int total, RepairStep step) {
                calls.add("before " + index + "/" + total);
            }

            @Override
            public void after(int index, int total, RepairStep step, StepResult result) {
                calls.add("after " + index + "/" + total + " " + (result.succeeded() ? "ok" : result.sqlState()));
            }
        });

        assertThat(outcome.completed()).isFalse();
        assertThat(calls).containsExactly("before 0/3", "after 0/3 23505");
        assertThat(outcome.results()).singleElement().satisfies(r -> assertThat(r.error()).contains("m-1"));
        assertThat(outcome.after().findings(ReplayFindingKind.FALSE_COMPLETE)).extracting(ReplayFinding::objectKey)
                .containsExactlyInAnyOrder("index idx_agents_machine_id_unique",
                        "constraint agents_machine_id_key on table agents");
        assertThat(outcome.after().findings(ReplayFindingKind.DRIFTED)).as("the step after the failure did not run")
                .hasSize(1);
    }
}
