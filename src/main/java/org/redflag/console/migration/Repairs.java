package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Plans and applies repairs. Applying is the only thing in the replay audit that writes to the target:
 * each step in its own transaction (a CONCURRENTLY step alone, in autocommit), stopping at the first
 * failure, and then the audit runs again to show what is left.
 */
public final class Repairs {

    private final ReplayAudit audit;

    public Repairs(ReplayAudit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Every finding's steps, without duplicates, in creation order (tables before their indexes…). */
    public static RepairPlan plan(ReplayReport report) {
        Map<String, RepairStep> steps = new LinkedHashMap<>();
        for (ReplayFinding finding : report.findings()) {
            for (RepairStep step : finding.repair()) {
                steps.putIfAbsent(step.sql(), step);
            }
        }
        List<RepairStep> ordered = new ArrayList<>(steps.values());
        ordered.sort(Comparator.comparingInt(RepairStep::order));
        return new RepairPlan(report.source(), ordered);
    }

    /** Blocking. Runs the plan on {@code target}, then audits again with the plan's source. */
    public RepairOutcome apply(RepairPlan plan, DataSource target, StepListener listener) throws SQLException {
        List<StepListener.StepResult> results = new ArrayList<>();
        boolean completed = true;
        int total = plan.steps().size();
        try (Connection c = target.getConnection()) {
            for (int i = 0; i < total; i++) {
                RepairStep step = plan.steps().get(i);
                listener.before(i, total, step);
                StepListener.StepResult result = run(c, step);
                results.add(result);
                listener.after(i, total, step, result);
                if (!result.succeeded()) {
                    completed = false;
                    break;
                }
            }
        }
        return new RepairOutcome(results, completed, audit.audit(target, plan.source()));
    }

    private static StepListener.StepResult run(Connection c, RepairStep step) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = c.createStatement()) {
            if (step.outsideTransaction()) {
                c.setAutoCommit(true);
                for (String statement : SqlStatements.split(step.sql())) {
                    s.execute(statement);
                }
            } else {
                c.setAutoCommit(false);
                s.execute(step.sql());
                c.commit();
            }
            return new StepListener.StepResult(step, true, null, null, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return new StepListener.StepResult(step, false, e.getMessage(), e.getSQLState(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            c.setAutoCommit(true);
        }
    }
}
