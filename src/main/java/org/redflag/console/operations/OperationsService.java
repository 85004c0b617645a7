package org.redflag.console.operations;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.schema.Feature;

/**
 * The commands in flight across the fleet, and what can be done to many of them at once: cancel (one statement,
 * guarded by status), retry (each through the scan service, the same path and rules as a scan click), and,
 * where RedFlag's schema has the status, archive. "Stuck" uses the scan service's command timeout, the one the
 * timeout sweep times commands out by.
 */
public final class OperationsService {

    /** Why Archive is off on a schema whose commands cannot be archived_failed. */
    public static final String ARCHIVE_UNAVAILABLE = "This database has no archived status for commands (RedFlag's "
            + "archived_failed): failed commands stay in the list. Filter them out by status instead.";

    private final OperationsRepository repository;
    private final ScanService scans;
    private final Capabilities capabilities;
    private final Clock clock;

    public OperationsService(OperationsRepository repository, ScanService scans, Capabilities capabilities, Clock clock) {
        this.repository = repository;
        this.scans = scans;
        this.capabilities = capabilities;
        this.clock = clock;
    }

    /** Every status this schema's commands can have, in the order of a command's life. */
    public List<CommandStatus> statuses() {
        List<CommandStatus> statuses = new ArrayList<>(List.of(CommandStatus.PENDING, CommandStatus.SENT));
        if (capabilities.has(Feature.RECEIVED_STATUS)) {
            statuses.add(CommandStatus.RECEIVED);
        }
        statuses.addAll(List.of(CommandStatus.RUNNING, CommandStatus.COMPLETED, CommandStatus.FAILED,
                CommandStatus.TIMED_OUT, CommandStatus.CANCELLED));
        if (capabilities.has(Feature.ARCHIVED_FAILED_STATUS)) {
            statuses.add(CommandStatus.ARCHIVED_FAILED);
        }
        return statuses;
    }

    /** Given to an agent or waiting for one, not finished: what the view opens on. */
    public Set<CommandStatus> inFlight() {
        Set<CommandStatus> inFlight = EnumSet.of(CommandStatus.PENDING, CommandStatus.RUNNING);
        inFlight.addAll(stuckStatuses());
        return inFlight;
    }

    /** Taken by the agent and not answered: sent, received (RedFlag 033) or running. */
    public Set<CommandStatus> stuckStatuses() {
        Set<CommandStatus> taken = EnumSet.of(CommandStatus.SENT, CommandStatus.RUNNING);
        if (capabilities.has(Feature.RECEIVED_STATUS)) {
            taken.add(CommandStatus.RECEIVED);
        }
        return taken;
    }

    /** How long a taken command may go unanswered before it counts as stuck. */
    public Duration timeout() {
        return scans.commandTimeout();
    }

    public List<Operation> page(OperationsFilter filter, Operation after, int limit) throws SQLException {
        Instant stuckBefore = clock.instant().minus(timeout());
        return repository.page(filter, stuckStatuses(), stuckBefore, after, limit);
    }

    /** The type choices: the types of the newest commands, and the scans this console queues. */
    public List<String> commandTypes() throws SQLException {
        TreeSet<String> types = new TreeSet<>(repository.recentCommandTypes());
        if (capabilities.isConsole()) {
            for (Subsystem subsystem : Subsystem.values()) {
                types.add(subsystem.commandType());
            }
        }
        return List.copyOf(types);
    }

    /** Why the connected role may not do this to commands, or empty when it may. */
    public Optional<String> refusal(DatabaseRole.Action action) {
        return scans.roleRefusal(action);
    }

    /** Why Archive cannot be used here (the role, or a schema without the status), or empty when it can. */
    public Optional<String> archiveUnavailable() {
        return refusal(DatabaseRole.Action.CANCEL)
                .or(() -> capabilities.has(Feature.ARCHIVED_FAILED_STATUS) ? Optional.empty()
                        : Optional.of(ARCHIVE_UNAVAILABLE));
    }

    /** Cancels those still pending or sent, in one statement; the others are counted as having moved on. */
    public CancelOutcome cancel(Collection<UUID> commandIds) throws ScanRefused, SQLException {
        List<AgentCommand> cancelled = scans.cancelAll(commandIds);
        return new CancelOutcome(commandIds.size(), cancelled);
    }

    /**
     * Queues each command again through the scan service, so a retry follows the scan rules (the subsystem
     * enabled, one active scan per agent and type, the RedFlag server where it signs). A retry whose scan is
     * queued already answers with that one; one that cannot be retried is listed with the reason.
     *
     * @throws ScanRefused when the role may not retry at all (nothing is tried)
     */
    public RetryOutcome retry(Collection<UUID> commandIds) throws ScanRefused, SQLException {
        Optional<String> refused = refusal(DatabaseRole.Action.RETRY);
        if (refused.isPresent()) {
            throw new ScanRefused(refused.get());
        }
        List<ScanOutcome> outcomes = new ArrayList<>();
        Map<UUID, String> notRetried = new LinkedHashMap<>();
        for (UUID id : commandIds) {
            try {
                outcomes.add(scans.retry(id));
            } catch (ScanRefused e) {
                notRetried.put(id, e.getMessage());
            }
        }
        return new RetryOutcome(outcomes, notRetried);
    }

    /**
     * Archives the failed and timed-out ones among these (RedFlag's archived_failed).
     *
     * @return how many were archived; the others were no longer failed or timed out
     * @throws ScanRefused where the role may not change commands or the schema has no such status
     */
    public int archive(Collection<UUID> commandIds) throws ScanRefused, SQLException {
        Optional<String> unavailable = archiveUnavailable();
        if (unavailable.isPresent()) {
            throw new ScanRefused(unavailable.get());
        }
        return commandIds.isEmpty() ? 0 : repository.archive(commandIds);
    }

    /** What a cancel of several commands did: how many were asked for, and which were cancelled. */
    public record CancelOutcome(int requested, List<AgentCommand> cancelled) {
        /** Taken, finished or removed meanwhile: no longer pending or sent when the cancel reached them. */
        public int movedOn() {
            return requested - cancelled.size();
        }
    }

    /** What a retry of several commands did: an outcome per retried command, a reason per one that was not. */
    public record RetryOutcome(List<ScanOutcome> outcomes, Map<UUID, String> notRetried) {
        public long queued() {
            return outcomes.stream().filter(ScanOutcome::isNew).count();
        }

        public List<ScanOutcome> alreadyQueued() {
            return outcomes.stream().filter(o -> !o.isNew()).toList();
        }
    }
}
