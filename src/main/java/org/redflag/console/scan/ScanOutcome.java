package org.redflag.console.scan;

/**
 * The answer to a scan request: either a new command was queued, or one for the same agent and subsystem
 * was already waiting and that one is returned. Both are success; the database decided which.
 */
public record ScanOutcome(Kind kind, AgentCommand command) {

    public enum Kind {
        QUEUED,
        ALREADY_QUEUED
    }

    public boolean isNew() {
        return kind == Kind.QUEUED;
    }
}
