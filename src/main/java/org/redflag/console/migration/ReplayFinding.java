package org.redflag.console.migration;

import java.util.List;
import java.util.Objects;

/**
 * One thing the replay audit found.
 *
 * @param migration the file (RedFlag) or "V&lt;n&gt;" (console) it is about, or "-" for hand drift
 * @param objectKey the object compared ("index idx_x"), or null for a finding about a whole file
 * @param targetDefinition the object in the audited database, null when missing there
 * @param replayDefinition the object as the scripts make it, null when no script makes it
 * @param repair the steps that make the database what its record claims; empty when none is needed or
 *        possible (hazards are fixed in the files, hand drift is left to a person)
 */
public record ReplayFinding(String migration, ReplayFindingKind kind, Severity severity, String sentence,
        String objectKey, String targetDefinition, String replayDefinition, List<RepairStep> repair) {

    public ReplayFinding {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sentence, "sentence");
        repair = List.copyOf(repair);
    }
}
