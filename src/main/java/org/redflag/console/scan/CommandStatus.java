package org.redflag.console.scan;

import java.util.Locale;

/**
 * Where a command is in its life. The console's command_status domain holds the first seven; RedFlag adds
 * archived_failed (010) and received (033, the agent confirmed it has the command).
 */
public enum CommandStatus {
    PENDING(true, false),
    SENT(true, false),
    RECEIVED(false, false),
    RUNNING(false, false),
    COMPLETED(false, true),
    FAILED(false, true),
    TIMED_OUT(false, true),
    CANCELLED(false, true),
    ARCHIVED_FAILED(false, true),
    /** A status a newer RedFlag added that this console does not know: shown, never acted on. */
    OTHER(false, false);

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

    /** RedFlag's status column is nullable with the default 'pending'; a NULL is a command nobody took yet. */
    public static CommandStatus fromId(String id) {
        if (id == null) {
            return PENDING;
        }
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }

    /** "timed out" rather than "timed_out" on screen. */
    public String label() {
        return id().replace('_', ' ');
    }
}
