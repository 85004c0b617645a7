package org.redflag.console.history;

import java.time.Instant;
import java.util.UUID;

/**
 * An error the console showed to a user, as it is recorded in the history table.
 *
 * @param idempotencyKey  made when the error happened; writing the same error twice keeps one row
 * @param area            the part of the console where it happened: a {@link ConsoleArea}'s word (text here,
 *                        since a spooled error may come from an older console)
 * @param message         the sentence the user read
 * @param details         the stack trace or other diagnostics
 * @param agentId         the agent concerned, or null
 * @param thread          the thread it happened on
 */
public record ConsoleError(
        UUID idempotencyKey,
        Instant occurredAt,
        String area,
        String message,
        String details,
        UUID agentId,
        String host,
        String user,
        String consoleVersion,
        String thread) {

    /** What the history row's stderr holds: the sentence the user read, then the diagnostics. */
    public String stderr() {
        return details == null || details.isEmpty() ? message : message + "\n\n" + details;
    }
}
