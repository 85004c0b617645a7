package org.redflag.console.migration;

/**
 * What a replay audit finding is about. Database findings say the schema is not what its record claims;
 * hazards are properties of the script files (what the runner would hit) that no database repair removes.
 */
public enum ReplayFindingKind {
    /** Recorded as applied, but an object the file makes is missing (or is an INVALID index). */
    FALSE_COMPLETE("false complete", false),
    /** Present, but its definition differs from what the recorded scripts make. */
    DRIFTED("drifted", false),
    /** The objects only an unrecorded script makes are in the database. */
    UNRECORDED_EFFECTS("unrecorded effects", false),
    /** In the database, but no script makes it. */
    HAND_DRIFT("made by hand", false),
    /** A recorded migration whose script is not among the scripts given: its effects are not checked. */
    SCRIPT_MISSING("script missing", false),
    /** The script fails inside a transaction (CREATE INDEX CONCURRENTLY): the runner cannot apply it. */
    FAILS_IN_TRANSACTION("fails in a transaction", true),
    /** The script inserts its own schema_migrations row, fighting the runner's own INSERT. */
    SELF_RECORDING("writes own record", true),
    /** Run a second time, the script fails: the v0.1.18 runner would take that as "applied". */
    CANNOT_RUN_TWICE("cannot run twice", true),
    /** Two files share a version prefix, so their order is an accident of naming. */
    DUPLICATE_VERSION("duplicate version", true),
    /** The script fails on an empty database in the recorded order. */
    REPLAY_FAILED("fails on replay", true),
    /** The replay server's major version differs from the target's: deparsed definitions may differ. */
    SERVER_VERSION("server version", true);

    private final String label;
    private final boolean hazard;

    ReplayFindingKind(String label, boolean hazard) {
        this.label = label;
        this.hazard = hazard;
    }

    public String label() {
        return label;
    }

    /** True for properties of the scripts or the replay, which a repair of the database cannot remove. */
    public boolean hazard() {
        return hazard;
    }
}
