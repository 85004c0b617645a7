package org.redflag.console.scan;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;

/**
 * Asking agents to scan, and looking after the commands that asks for: cancel, retry, and timing out
 * commands an agent took but never answered. Safe from any thread and from several consoles at once,
 * because the one-active-scan rule lives in the database.
 */
public final class ScanService {

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofHours(2);
    static final String SOURCE_MANUAL = "manual";

    private final CommandRepository commands;
    private final SubsystemRepository subsystems;
    private final AgentRepository agents;
    private final Clock clock;
    private final Duration commandTimeout;
    private final Capabilities capabilities;
    private final Optional<ScanRoute> route;

    /** Scans on the console's own schema. */
    public ScanService(CommandRepository commands, SubsystemRepository subsystems, AgentRepository agents,
            Clock clock, Duration commandTimeout) {
        this(commands, subsystems, agents, clock, commandTimeout, Capabilities.CONSOLE_SCHEMA, Optional.empty());
    }

    /**
     * @param route the RedFlag server's trigger route, used where the schema's commands must be signed
     */
    public ScanService(CommandRepository commands, SubsystemRepository subsystems, AgentRepository agents,
            Clock clock, Duration commandTimeout, Capabilities capabilities, Optional<ScanRoute> route) {
        this.commands = commands;
        this.subsystems = subsystems;
        this.agents = agents;
        this.clock = clock;
        this.commandTimeout = commandTimeout;
        this.capabilities = capabilities;
        this.route = route;
    }

    /** What agents of this database can scan: RedFlag's first generation knows only updates. */
    public List<Subsystem> scannableSubsystems() {
        return capabilities.isFirstGeneration() ? List.of(Subsystem.UPDATES) : List.of(Subsystem.values());
    }

    /** Why scans cannot be asked for on this database at all, or empty when they can. */
    public Optional<String> scanningOff() {
        if (capabilities.scansNeedTheServer() && route.isEmpty()) {
            return Optional.of("Scanning is off for this database: its RedFlag server signs every command, and agents "
                    + "reject a command the console wrote itself. Start the console with --server-url (and "
                    + "REDFLAG_SERVER_TOKEN, or REDFLAG_SERVER_USER and REDFLAG_SERVER_PASSWORD) so scans go "
                    + "through the server.");
        }
        return Optional.empty();
    }

    /**
     * Why the connected role may not do this to commands, in the sentence a view shows beside its disabled
     * button and the service refuses with; empty when it may. Where the RedFlag server queues (signed
     * commands), the server's rights count for scans and retries, not the role's.
     */
    public Optional<String> roleRefusal(DatabaseRole.Action action) {
        boolean serverQueues = capabilities.scansNeedTheServer()
                && (action == DatabaseRole.Action.QUEUE || action == DatabaseRole.Action.RETRY);
        return capabilities.role().profileRefusal()
                .or(() -> serverQueues ? Optional.empty() : capabilities.role().refusal(action));
    }

    private void requireRole(DatabaseRole.Action action) throws ScanRefused {
        Optional<String> refused = roleRefusal(action);
        if (refused.isPresent()) {
            throw new ScanRefused(refused.get());
        }
    }

    /**
     * Queues a scan of one subsystem on one agent, or answers with the scan already queued for it.
     *
     * @throws ScanRefused when the role may not queue commands, or the agent does not exist or that subsystem
     *     is missing or disabled on it
     */
    public ScanOutcome requestScan(UUID agentId, Subsystem subsystem) throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.QUEUE);
        return enqueue(agentId, subsystem, null);
    }

    private ScanOutcome enqueue(UUID agentId, Subsystem subsystem, UUID retriedFromId) throws ScanRefused, SQLException {
        Optional<String> off = scanningOff();
        if (off.isPresent()) {
            throw new ScanRefused(off.get());
        }
        if (capabilities.scansNeedTheServer()) {
            return throughServer(route.orElseThrow(), agentId, subsystem);
        }
        Optional<ScanOutcome> outcome = commands.enqueueScan(agentId, subsystem, SOURCE_MANUAL, retriedFromId);
        if (outcome.isEmpty()) {
            throw refusal(agentId, subsystem);
        }
        return outcome.get();
    }

    /**
     * The server's route answers an error, not "already queued", when a scan of that type is pending (its
     * unique index refuses the second row), so the pending one is looked for first, and again after a failure.
     */
    private ScanOutcome throughServer(ScanRoute server, UUID agentId, Subsystem subsystem) throws ScanRefused, SQLException {
        Agent agent = agents.find(agentId)
                .orElseThrow(() -> new ScanRefused("That agent no longer exists (it may have been removed); refresh the list."));
        String type = RedFlagCommandTypes.scanType(subsystem, agent.osType(), capabilities.isFirstGeneration())
                .orElseThrow(() -> refusalNow(agentId, subsystem));
        Optional<AgentCommand> pending = commands.findPending(agentId, type);
        if (pending.isPresent()) {
            return new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, pending.get());
        }
        UUID stored;
        try {
            stored = server.trigger(agentId, subsystem);
        } catch (ScanRoute.Unavailable failure) {
            Optional<AgentCommand> raced = commands.findPending(agentId, type);
            if (raced.isPresent()) {
                return new ScanOutcome(ScanOutcome.Kind.ALREADY_QUEUED, raced.get());
            }
            throw failure;
        }
        AgentCommand command = commands.find(stored).orElseThrow(() -> new SQLException("The RedFlag server at "
                + server.describe() + " answered with command " + stored + ", but this database has no such command: "
                + "is the console connected to the same database as that server?"));
        return new ScanOutcome(ScanOutcome.Kind.QUEUED, command);
    }

    private ScanRefused refusalNow(UUID agentId, Subsystem subsystem) {
        try {
            return refusal(agentId, subsystem);
        } catch (SQLException e) {
            return new ScanRefused("The " + subsystem + " scan cannot be queued on this agent.");
        }
    }

    /**
     * The same for many agents; agents that cannot run this scan are listed with the reason, not thrown.
     *
     * @throws ScanRefused when the role may not queue commands at all (nothing is tried)
     */
    public BatchOutcome requestScans(Collection<UUID> agentIds, Subsystem subsystem) throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.QUEUE);
        List<ScanOutcome> outcomes = new ArrayList<>(agentIds.size());
        Map<UUID, String> refused = new LinkedHashMap<>();
        for (UUID agentId : agentIds) {
            try {
                outcomes.add(requestScan(agentId, subsystem));
            } catch (ScanRefused e) {
                refused.put(agentId, e.getMessage());
            }
        }
        return new BatchOutcome(subsystem, outcomes, refused);
    }

    /** How many agents the search matches: what a scan of all of them would cover. */
    public long countMatching(String hostnameFilter) throws SQLException {
        return agents.countMatching(hostnameFilter);
    }

    /**
     * Why {@link #requestScansMatching} does not work here: RedFlag's command types depend on each agent's OS and
     * its scans may need the server's signature, so those go agent by agent, through Scan selected.
     */
    public static final String ALL_MATCHING_UNAVAILABLE = "On a RedFlag database, scans are queued agent by agent: "
            + "select the agents and use Scan selected.";

    /** Whether {@link #requestScansMatching} works on this database (one set-based statement: the console's schema). */
    public boolean scansAllMatching() {
        return capabilities.isConsole();
    }

    /**
     * Queues the scan on every agent whose hostname contains {@code hostnameFilter} (blank: the whole fleet) in
     * one statement, never one agent at a time: what "Scan all matching" does at 100,000 agents.
     */
    public CommandRepository.MatchingScans requestScansMatching(String hostnameFilter, Subsystem subsystem)
            throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.QUEUE);
        if (!scansAllMatching()) {
            throw new ScanRefused(ALL_MATCHING_UNAVAILABLE);
        }
        return commands.enqueueScansMatching(AgentRepository.containsPattern(hostnameFilter), subsystem,
                SOURCE_MANUAL);
    }

    /**
     * Queues the same scan again after it failed, timed out or was cancelled; the new command remembers the
     * old one in retried_from_id. If one is already queued, that one is the answer.
     */
    public ScanOutcome retry(UUID commandId) throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.RETRY);
        AgentCommand original = commands.find(commandId)
                .orElseThrow(() -> new ScanRefused("That command no longer exists; refresh the agent's commands."));
        if (!original.status().isRetryable()) {
            throw new ScanRefused("The " + original.what() + " command is " + original.status().label()
                    + "; only failed, timed-out or cancelled commands can be retried.");
        }
        Subsystem subsystem = original.subsystem().orElseThrow(() -> new ScanRefused(
                "Only scans can be retried from the console; \"" + original.commandType() + "\" is not a scan."));
        return enqueue(original.agentId(), subsystem, commandId);
    }

    /** Cancels a command no agent has started (pending or sent). */
    public AgentCommand cancel(UUID commandId) throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.CANCEL);
        Optional<AgentCommand> cancelled = commands.cancel(commandId, clock.instant());
        if (cancelled.isPresent()) {
            return cancelled.get();
        }
        AgentCommand current = commands.find(commandId)
                .orElseThrow(() -> new ScanRefused("That command no longer exists; refresh the agent's commands."));
        throw new ScanRefused("The " + current.what() + " command is already " + current.status().label()
                + "; only pending or sent commands can be cancelled.");
    }

    /**
     * Cancels many commands at once, each only while it is pending or sent (one statement, guarded by status).
     *
     * @return the commands that were cancelled; the rest had already moved on (taken, finished or gone)
     */
    public List<AgentCommand> cancelAll(Collection<UUID> commandIds) throws ScanRefused, SQLException {
        requireRole(DatabaseRole.Action.CANCEL);
        return commandIds.isEmpty() ? List.of() : commands.cancelAll(commandIds, clock.instant());
    }

    /**
     * Marks commands sent longer ago than the command timeout as timed out, each with a history row saying so,
     * so they stop blocking new scans and show up as something to retry. On a RedFlag database it writes nothing.
     *
     * @return how many commands timed out
     */
    public int sweepTimedOut() throws SQLException {
        if (!capabilities.isConsole() || !capabilities.role().may(DatabaseRole.Action.CANCEL)) {
            // A RedFlag server times its own commands out; the console writes nothing of the kind into its tables.
            // A viewer's console leaves it to consoles whose role may change commands.
            return 0;
        }
        Instant now = clock.instant();
        return commands.timeOut(now.minus(commandTimeout), now,
                "No answer within " + describe(commandTimeout) + " of sending; timed out by the console");
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    private ScanRefused refusal(UUID agentId, Subsystem subsystem) throws SQLException {
        Optional<Agent> agent = agents.find(agentId);
        if (agent.isEmpty()) {
            return new ScanRefused("That agent no longer exists (it may have been removed); refresh the list.");
        }
        String host = agent.get().hostname();
        if (capabilities.isFirstGeneration() && subsystem != Subsystem.UPDATES) {
            return new ScanRefused("This RedFlag database is of the first generation (v0.1.x), whose agents scan "
                    + "updates only; " + subsystem + " scans arrived with RedFlag's later server.");
        }
        Optional<AgentSubsystem> known = subsystems.find(agentId, subsystem);
        if (known.isEmpty()) {
            return new ScanRefused(host + " does not report a " + subsystem + " subsystem, so it cannot scan "
                    + subsystem + ". Pick a subsystem the agent lists in its details.");
        }
        return new ScanRefused("The " + subsystem + " subsystem is disabled on " + host
                + ", so it was not scanned. Enable it in the agent's configuration, then scan again.");
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    /** What a scan of many agents did: one outcome per agent that could scan, a reason per agent that could not. */
    public record BatchOutcome(Subsystem subsystem, List<ScanOutcome> outcomes, Map<UUID, String> refused) {

        public long queued() {
            return outcomes.stream().filter(ScanOutcome::isNew).count();
        }

        public long alreadyQueued() {
            return outcomes.size() - queued();
        }
    }
}
