package org.redflag.console.history;

import java.time.Instant;
import java.util.UUID;

/** One row of update_logs, with the agent's hostname resolved for display. */
public record HistoryEntry(
        UUID id,
        Instant executedAt,
        UUID agentId,
        String hostname,
        String subsystem,
        String action,
        String result,
        Integer exitCode,
        Integer durationSeconds,
        String stdout,
        String stderr) {
}
