package org.redflag.console.migration;

/** How urgent a finding is. Errors and warnings make the headless audit exit 1; notes do not. */
public enum Severity {
    /** The schema is not what it claims to be: something recorded as done is missing. */
    ERROR,
    /** The record and the schema disagree in a way that will bite later, or nobody checked. */
    WARNING,
    /** Worth knowing, nothing to fix. */
    NOTE;

    public boolean needsAttention() {
        return this != NOTE;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
