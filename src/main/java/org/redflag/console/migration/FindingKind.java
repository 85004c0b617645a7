package org.redflag.console.migration;

/** What sort of disagreement between claims and reality a finding is about. */
public enum FindingKind {
    /** Recorded as applied, but its effects are not in the schema. */
    FALSE_COMPLETE("false complete"),
    /** Its effects are in the schema, but nothing records that it ran. */
    UNRECORDED("not recorded"),
    /** Two migration files share one version prefix, so their order is an accident of naming. */
    DUPLICATE_VERSION("duplicate version"),
    /** Recorded, but the console's catalog does not know what it should have done: not checked. */
    UNKNOWN("unknown"),
    /** A migration file writes to schema_migrations itself, fighting the runner. */
    SELF_RECORDING("writes own record"),
    /** A Flyway migration recorded as successful created something that is gone now. */
    DRIFT("drift");

    private final String label;

    FindingKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
