package org.redflag.console.migration;

import java.util.Objects;

/**
 * One thing the audit found, with a sentence a person can act on.
 *
 * @param migration the migration it is about: "017" for a RedFlag file, "V2" for one of ours
 */
public record Finding(String migration, FindingKind kind, Severity severity, String sentence) {

    public Finding {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(sentence, "sentence");
    }
}
