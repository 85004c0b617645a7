package org.redflag.console.migration;

/**
 * Told before and after each repair step: for progress, and for the one history row per step the caller
 * writes (the step carries the file, object, SQL and sentence; the result says how it went).
 */
public interface StepListener {

    /** Nothing to tell. */
    StepListener NONE = new StepListener() {
    };

    /** @param index 0-based; {@code total} steps in the plan */
    default void before(int index, int total, RepairStep step) {
    }

    default void after(int index, int total, RepairStep step, StepResult result) {
    }

    /** How one step went. {@code error} is null when it succeeded. */
    record StepResult(RepairStep step, boolean succeeded, String error, String sqlState, long millis) {
    }
}
