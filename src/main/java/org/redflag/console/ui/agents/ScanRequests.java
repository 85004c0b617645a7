package org.redflag.console.ui.agents;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.redflag.console.causes.Causes;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.Formats;

/**
 * The way from a scan click to the scan service and back, shared by every view that has scan buttons, so a
 * click in the agents list and one in an agent's details share one click guard. Refusals and failures go
 * through the error door with the agent attached.
 */
public final class ScanRequests {

    /** What a click is about: one subsystem of one agent. */
    public record Key(UUID agentId, Subsystem subsystem) {
    }

    /** How a request ended, for the view that asked. Called on the FX thread. */
    public interface Answer {
        /** The request leaves for the database: called before any answer, on the caller's thread. */
        default void sending() {
        }

        void answered(ScanOutcome outcome);

        void notQueued(String reason);
    }

    static final ConsoleArea AREA = ConsoleArea.SCAN;
    /** The answer to a write while the health check finds the database away, instead of a long wait. */
    public static final String DATABASE_AWAY = "The database is unreachable: nothing was queued. The console "
            + "retries by itself; try again when the status bar is green.";

    private final ScanService scans;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final Clock clock;
    private final ClickGuard<Key> clickGuard;
    private final BooleanSupplier databaseUp;

    public ScanRequests(ScanService scans, BackgroundExecutor executor, ErrorReporter errors, Clock clock,
            ClickGuard<Key> clickGuard) {
        this(scans, executor, errors, clock, clickGuard, () -> true);
    }

    /** @param databaseUp whether the database answers now (the health check); writes are refused while not */
    public ScanRequests(ScanService scans, BackgroundExecutor executor, ErrorReporter errors, Clock clock,
            ClickGuard<Key> clickGuard, BooleanSupplier databaseUp) {
        this.databaseUp = databaseUp;
        this.scans = scans;
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        this.clickGuard = clickGuard;
    }

    /**
     * Asks for a scan unless the same one was just asked for.
     *
     * @return false when nothing was sent: the click was swallowed by the click guard, or refused (and answered
     *     already) because the database is away
     */
    public boolean request(UUID agentId, String hostname, Subsystem subsystem, Answer answer) {
        if (refusedWhileAway(agentId)) {
            answer.notQueued(DATABASE_AWAY);
            return false;
        }
        Key key = new Key(agentId, subsystem);
        if (!clickGuard.tryStart(key)) {
            return false;
        }
        answer.sending();
        executor.submit(() -> scans.requestScan(agentId, subsystem), outcome -> {
            clickGuard.finish(key);
            answer.answered(outcome);
        }, failure -> {
            clickGuard.finish(key);
            answer.notQueued(reportFailure(failure, agentId, "queue the " + subsystem + " scan for " + hostname));
        });
        return true;
    }

    /** Scans many agents in one background call; agents whose same scan is still in flight are left out. */
    public void requestMany(List<UUID> agentIds, Subsystem subsystem, Consumer<ScanService.BatchOutcome> done) {
        if (refusedWhileAway(null)) {
            return;
        }
        List<UUID> wanted = agentIds.stream().filter(id -> clickGuard.tryStart(new Key(id, subsystem))).toList();
        if (wanted.isEmpty()) {
            return;
        }
        executor.submit(() -> scans.requestScans(wanted, subsystem), batch -> {
            wanted.forEach(id -> clickGuard.finish(new Key(id, subsystem)));
            reportRefusals(batch);
            done.accept(batch);
        }, failure -> {
            wanted.forEach(id -> clickGuard.finish(new Key(id, subsystem)));
            reportFailure(failure, null, "queue the " + subsystem + " scans of " + wanted.size() + " agents");
        });
    }

    /** Whether this database can scan every matching agent in one statement, and why not when it cannot. */
    public java.util.Optional<String> allMatchingUnavailable() {
        return refusal(DatabaseRole.Action.QUEUE).or(() -> scans.scansAllMatching() ? java.util.Optional.empty()
                : java.util.Optional.of(ScanService.ALL_MATCHING_UNAVAILABLE));
    }

    /** Why the connected database role may not do this, for the tooltip of a disabled control; empty when it may. */
    public java.util.Optional<String> refusal(DatabaseRole.Action action) {
        return scans.roleRefusal(action);
    }

    /** Counts the agents the search matches, for the confirmation that names the number. */
    public void countMatching(String hostnameFilter, Consumer<Long> counted) {
        executor.submit(() -> scans.countMatching(hostnameFilter), counted::accept,
                failure -> reportFailure(failure, null, "count the agents matching the search"));
    }

    /** Scans every agent the search matches in one statement (long work: it may cover 100,000 agents). */
    public void requestAllMatching(String hostnameFilter, Subsystem subsystem,
            Consumer<org.redflag.console.scan.CommandRepository.MatchingScans> done) {
        if (refusedWhileAway(null)) {
            return;
        }
        executor.submitLong(() -> scans.requestScansMatching(hostnameFilter, subsystem), done::accept,
                failure -> reportFailure(failure, null, "queue the " + subsystem + " scans of every matching agent"));
    }

    public void cancel(AgentCommand command, Runnable done) {
        if (refusedWhileAway(command.agentId())) {
            done.run();
            return;
        }
        executor.submit(() -> scans.cancel(command.id()), cancelled -> done.run(), failure -> {
            reportFailure(failure, command.agentId(), "cancel the " + command.what() + " command");
            done.run();
        });
    }

    public void retry(AgentCommand command, Consumer<ScanOutcome> done) {
        if (refusedWhileAway(command.agentId())) {
            return;
        }
        executor.submit(() -> scans.retry(command.id()), done::accept,
                failure -> reportFailure(failure, command.agentId(), "retry the " + command.what() + " command"));
    }

    /** "queued" or "already queued (since 12:03)". */
    public String describe(ScanOutcome outcome) {
        return outcome.isNew()
                ? "queued"
                : "already queued (since " + Formats.clockTime(outcome.command().createdAt(), clock) + ")";
    }

    /** "completed 12:04", "running", "failed 12:05": a command's state in a few words. */
    public String describe(AgentCommand command) {
        return command.status().label()
                + (command.completedAt() == null ? "" : " " + Formats.clockTime(command.completedAt(), clock));
    }

    public Clock clock() {
        return clock;
    }

    /**
     * While the database is away a write would wait out the pool's timeout and fail: say so at once instead.
     * The sentence goes through the door once (it waits in the spool, as the history is away too).
     */
    private boolean refusedWhileAway(UUID agentId) {
        if (databaseUp.getAsBoolean()) {
            return false;
        }
        errors.report(AREA, DATABASE_AWAY, null, agentId);
        return true;
    }

    /** One report for the whole batch, so scanning 200 agents cannot raise 200 notifications. */
    private void reportRefusals(ScanService.BatchOutcome batch) {
        var refused = batch.refused();
        if (refused.isEmpty()) {
            return;
        }
        var first = refused.entrySet().iterator().next();
        String message = refused.size() == 1
                ? first.getValue()
                : refused.size() + " agents were not scanned for " + batch.subsystem() + ". The first: "
                        + first.getValue();
        errors.report(AREA, message, null, refused.size() == 1 ? first.getKey() : null);
    }

    /** A refusal is reported as its own sentence; anything else gets what we tried and what to do. */
    private String reportFailure(Throwable failure, UUID agentId, String whatWeTried) {
        if (failure instanceof ScanRefused refused) {
            // A refusal is an answer, not a fault: its sentence is the whole story, without a stack trace.
            errors.report(AREA, refused.getMessage(), null, agentId);
            return refused.getMessage();
        }
        String message = "Could not " + whatWeTried + ": " + Causes.rootMessage(failure)
                + ". Check the database connection and try again.";
        errors.report(AREA, message, failure, agentId);
        return message;
    }
}
