package org.redflag.console.history;

import java.time.Instant;
import java.util.UUID;

/**
 * An error the console showed to a user, as it is recorded in the history table.
 *
 * @param area    the part of the console where it happened ("agents", "migrations", "startup", ...)
 * @param message the sentence the user read
 * @param details the stack trace or other diagnostics
 * @param agentId the agent concerned, or null
 */
public record ConsoleError(
        Instant occurredAt,
        String area,
        String message,
        String details,
        UUID agentId,
        String host,
        String user,
        String consoleVersion) {
}
