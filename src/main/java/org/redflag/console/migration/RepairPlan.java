package org.redflag.console.migration;

import java.util.List;

/**
 * The steps that make a database what its record claims, in the order they run, and the source to audit
 * again with afterwards.
 */
public record RepairPlan(ReplaySource source, List<RepairStep> steps) {

    public RepairPlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as one script to review or copy; non-transactional steps are marked. */
    public String script() {
        StringBuilder out = new StringBuilder();
        for (RepairStep step : steps) {
            out.append("-- ").append(step.sentence()).append(step.outsideTransaction()
                    ? " (outside a transaction)" : "").append('\n').append(step.sql()).append(";\n\n");
        }
        return out.toString();
    }
}
