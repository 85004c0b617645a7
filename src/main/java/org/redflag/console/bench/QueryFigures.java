package org.redflag.console.bench;

/**
 * One timed query of the report: the console's repository call, the raw run of the very SQL it sent, and that
 * SQL's plan.
 *
 * @param page             a list page of a view, held to the page goal
 * @param raw              null where there is no one statement to repeat (a write path of several statements)
 * @param rawBytes         the bytes one raw run fetched (the columns' wire bytes, without protocol framing)
 * @param plan             null where no statement was recorded
 * @param readsAllByNature a plan that reads every row is what the query asks for (a count), not a missing index
 * @param note             what the report adds after the figures (throughput, duplicates)
 */
record QueryFigures(String name, boolean page, Timing.Measured console, Timing.Measured raw, long rawBytes,
        QueryPlan plan, boolean readsAllByNature, String note) {

    /** The console may take this much longer than raw before the report explains why. */
    static final double RATIO_GOAL = 1.15;

    /** A page's p95 above this is explained too. */
    static final double PAGE_P95_GOAL_MILLIS = 2.0;

    /** Console median over raw median; NaN without a raw figure. */
    double ratio() {
        return raw == null || raw.timing().medianMillis() <= 0 ? Double.NaN
                : console.timing().medianMillis() / raw.timing().medianMillis();
    }

    boolean overRatio() {
        return ratio() > RATIO_GOAL;
    }

    boolean overPageGoal() {
        return page && console.timing().p95Millis() > PAGE_P95_GOAL_MILLIS;
    }
}
