package org.redflag.console.scan;

import java.util.Locale;

/** Where a command is in its life; the database's command_status domain holds the same names. */
public enum CommandStatus {
    PENDING(true, false),
    SENT(true, false),
    RUNNING(false, false),
    COMPLETED(false, true),
    FAILED(false, true),
    TIMED_OUT(false, true),
    CANCELLED(false, true);

    private final boolean active;
    private final boolean finished;

    CommandStatus(boolean active, boolean finished) {
        this.active = active;
        this.finished = finished;
    }

    /** Pending or sent: the only states that can be cancelled, and the ones the one-active index covers. */
    public boolean isActive() {
        return active;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Finished without a result: worth trying again. */
    public boolean isRetryable() {
        return this == FAILED || this == TIMED_OUT || this == CANCELLED;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CommandStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** "timed out" rather than "timed_out" on screen. */
    public String label() {
        return id().replace('_', ' ');
    }
}
