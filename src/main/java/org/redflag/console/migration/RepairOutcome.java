package org.redflag.console.migration;

import java.util.List;

/**
 * What applying a plan did: the results of the steps that ran (the last one failed when
 * {@code completed} is false, and the steps after it did not run), and the audit made afterwards.
 */
public record RepairOutcome(List<StepListener.StepResult> results, boolean completed, ReplayReport after) {

    public RepairOutcome {
        results = List.copyOf(results);
    }
}
