package org.redflag.console.operations;

import java.time.Instant;
import java.util.UUID;
import org.redflag.console.scan.CommandStatus;

/**
 * One command of the fleet as the Operations view lists it: whose it is, what, where it got to, and whether it
 * looks stuck (taken by the agent longer ago than the command timeout, and not answered).
 *
 * @param hostname  the agent's hostname; null where RedFlag kept a command whose agent is gone
 * @param rawStatus the status as the database has it, for statuses newer than this console
 * @param summary   the one-line result, or null while there is none
 */
public record Operation(
        UUID id,
        UUID agentId,
        String hostname,
        String commandType,
        CommandStatus status,
        String rawStatus,
        String source,
        Instant createdAt,
        Instant sentAt,
        Instant completedAt,
        String summary,
        boolean stuck) {

    /** Pending or sent: what a cancel can still stop. */
    public boolean cancellable() {
        return status.isActive();
    }

    /** Finished without a result (failed, timed out, cancelled): what a retry queues again. */
    public boolean retryable() {
        return status.isRetryable();
    }

    /** Failed or timed out: what RedFlag's archive moves out of sight. */
    public boolean archivable() {
        return status == CommandStatus.FAILED || status == CommandStatus.TIMED_OUT;
    }

    /** "web-01 · scan_storage · pending": one line naming the command, for confirmations and reports. */
    public String describe() {
        return (hostname == null ? "(agent removed)" : hostname) + " · " + commandType + " · "
                + (status == CommandStatus.OTHER ? rawStatus : status.label());
    }
}
