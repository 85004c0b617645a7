package org.redflag.console.ui.agents;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.BackgroundExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans from the agents list: the subsystem to scan, and per agent that was asked what became of each request
 * ("storage queued" → "storage completed 12:04"), kept current from the database's change notifications.
 */
public final class AgentScansViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AgentScansViewModel.class);

    private final ScanRequests requests;
    private final CommandRepository commands;
    private final BackgroundExecutor executor;
    private final AgentDetailViewModel.Factory details;

    private final ObjectProperty<Subsystem> subsystem = new SimpleObjectProperty<>(this, "subsystem", Subsystem.STORAGE);
    private final ObservableMap<UUID, RowScans> states = FXCollections.observableHashMap();
    private final ObservableMap<UUID, RowScans> readOnlyStates = FXCollections.unmodifiableObservableMap(states);
    private final ReadOnlyStringWrapper batchSummary = new ReadOnlyStringWrapper(this, "batchSummary", "");

    public AgentScansViewModel(ScanRequests requests, CommandRepository commands, BackgroundExecutor executor,
            AgentDetailViewModel.Factory details) {
        this.requests = requests;
        this.commands = commands;
        this.executor = executor;
        this.details = details;
        // What the last batch did is about the subsystem it scanned: choosing another one makes it old news.
        subsystem.addListener((obs, old, now) -> batchSummary.set(""));
    }

    /** Scans the chosen subsystem on one agent; a click while the same scan is in flight does nothing. */
    public void scan(AgentRow row) {
        Subsystem chosen = subsystem.get();
        UUID agentId = row.agent().id();
        requests.request(agentId, row.agent().hostname(), chosen, new ScanRequests.Answer() {
            @Override
            public void sending() {
                record(agentId, RowScans.Request.sending(chosen));
            }

            @Override
            public void answered(ScanOutcome outcome) {
                record(agentId, answer(chosen, outcome));
            }

            @Override
            public void notQueued(String reason) {
                record(agentId, refused(chosen));
            }
        });
    }

    /** Scans the chosen subsystem on every selected agent in one request. */
    public void scanAll(List<AgentRow> rows) {
        Subsystem chosen = subsystem.get();
        List<UUID> ids = rows.stream().map(r -> r.agent().id()).distinct().toList();
        requests.requestMany(ids, chosen, batch -> {
            batch.outcomes().forEach(outcome -> record(outcome.command().agentId(), answer(chosen, outcome)));
            batch.refused().keySet().forEach(id -> record(id, refused(chosen)));
            batchSummary.set("Scan " + chosen + " on " + ids.size() + (ids.size() == 1 ? " agent: " : " agents: ")
                    + batch.queued() + " queued, " + batch.alreadyQueued() + " already queued, "
                    + batch.refused().size() + " refused");
        });
    }

    /** Why the connected database role may not queue scans at all, or empty when it may. */
    public java.util.Optional<String> scanRefusal() {
        return requests.refusal(DatabaseRole.Action.QUEUE);
    }

    /** Why "Scan all matching" is not offered on this database, or empty when it is. */
    public java.util.Optional<String> allMatchingUnavailable() {
        return requests.allMatchingUnavailable();
    }

    /** How many agents the search matches, for the confirmation. */
    public void countMatching(String hostnameFilter, java.util.function.Consumer<Long> counted) {
        requests.countMatching(hostnameFilter, counted);
    }

    /**
     * Scans the chosen subsystem on every agent the search matches, in one statement: the list never holds
     * them, and the database announces the change once, so the list reloads in one query.
     */
    public void scanAllMatching(String hostnameFilter) {
        Subsystem chosen = subsystem.get();
        batchSummary.set("Scanning " + chosen + " on every matching agent…");
        requests.requestAllMatching(hostnameFilter, chosen, done -> batchSummary.set(String.format(
                "Scan %s on all %,d matching agents: %,d queued, %,d already queued, %,d cannot scan %s",
                chosen, done.matching(), done.queued(), done.alreadyQueued(), done.cannotScan(), chosen)));
    }

    /**
     * A command this list shows changed: read it again and say where it is now. Only requests still on their
     * way are read: one that completed, failed or was cancelled stays as it is, so a poll after scanning 200
     * agents does not read 200 commands again and again.
     */
    public void changed(ChangeNotice notice) {
        for (Map.Entry<UUID, RowScans> entry : Map.copyOf(states).entrySet()) {
            for (RowScans.Request request : entry.getValue().requests()) {
                if (request.watched() && notice.concernsCommand(request.commandId())) {
                    reread(entry.getKey(), request);
                }
            }
        }
    }

    private void reread(UUID agentId, RowScans.Request request) {
        UUID commandId = request.commandId();
        executor.submit(() -> commands.find(commandId), found -> found.ifPresent(command -> {
            RowScans.Request current = states.getOrDefault(agentId, RowScans.NONE).of(request.subsystem());
            // While it waits, "queued" / "already queued (since …)" says more than "pending".
            if (current != null && commandId.equals(current.commandId()) && !command.status().isActive()) {
                record(agentId, new RowScans.Request(request.subsystem(), label(command), false, commandId,
                        command.status().isFinished()));
            }
        }), failure -> LOG.debug("Could not read command {} again; the next poll will", commandId, failure));
    }

    /** News of the request on its way (or of its command) keeps its place; anything else is a new request. */
    private void record(UUID agentId, RowScans.Request request) {
        RowScans shown = states.getOrDefault(agentId, RowScans.NONE);
        RowScans.Request previous = shown.of(request.subsystem());
        boolean news = previous != null && !request.busy() && (previous.busy()
                || previous.commandId() != null && previous.commandId().equals(request.commandId()));
        states.put(agentId, news ? shown.updated(request) : shown.asked(request));
    }

    private RowScans.Request answer(Subsystem chosen, ScanOutcome outcome) {
        return new RowScans.Request(chosen, chosen + " " + requests.describe(outcome), false, outcome.command().id(),
                outcome.command().status().isFinished());
    }

    private static RowScans.Request refused(Subsystem chosen) {
        return new RowScans.Request(chosen, chosen + " not queued", false, null, true);
    }

    private String label(AgentCommand command) {
        return command.what() + " " + requests.describe(command);
    }

    public AgentDetailViewModel details(AgentRow row) {
        return details.create(row.agent().id(), row.agent().hostname());
    }

    private final javafx.collections.ObservableList<Subsystem> offered =
            javafx.collections.FXCollections.observableArrayList(Subsystem.values());

    /** The subsystems this database's agents can scan; storage stays the default where it is one of them. */
    public void offer(java.util.List<Subsystem> scannable) {
        offered.setAll(scannable);
        if (!scannable.contains(subsystem.get())) {
            subsystem.set(scannable.get(0));
        }
    }

    public javafx.collections.ObservableList<Subsystem> offered() {
        return offered;
    }

    public ObjectProperty<Subsystem> subsystemProperty() {
        return subsystem;
    }

    public ObservableMap<UUID, RowScans> states() {
        return readOnlyStates;
    }

    public ReadOnlyStringProperty batchSummaryProperty() {
        return batchSummary.getReadOnlyProperty();
    }
}
