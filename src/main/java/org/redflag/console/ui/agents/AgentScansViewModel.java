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
import org.redflag.console.ui.BackgroundExecutor;

/**
 * Scans from the agents list: the subsystem to scan, one state line per agent that was asked ("storage
 * queued" → "storage completed 12:04"), kept current from the database's change notifications.
 */
public final class AgentScansViewModel {

    /** What the list shows for an agent that was asked to scan. */
    public record RowState(String text, boolean busy, UUID commandId) {
        static final RowState IDLE = new RowState("", false, null);
    }

    private final ScanRequests requests;
    private final CommandRepository commands;
    private final BackgroundExecutor executor;
    private final AgentDetailViewModel.Factory details;

    private final ObjectProperty<Subsystem> subsystem = new SimpleObjectProperty<>(this, "subsystem", Subsystem.STORAGE);
    private final ObservableMap<UUID, RowState> states = FXCollections.observableHashMap();
    private final ObservableMap<UUID, RowState> readOnlyStates = FXCollections.unmodifiableObservableMap(states);
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
        boolean sent = requests.request(agentId, row.agent().hostname(), chosen, new ScanRequests.Answer() {
            @Override
            public void answered(ScanOutcome outcome) {
                states.put(agentId, new RowState(chosen + " " + requests.describe(outcome), false,
                        outcome.command().id()));
            }

            @Override
            public void notQueued(String reason) {
                states.put(agentId, new RowState(chosen + " not queued", false, null));
            }
        });
        if (sent) {
            states.put(agentId, new RowState(chosen + " …", true, null));
        }
    }

    /** Scans the chosen subsystem on every selected agent in one request. */
    public void scanAll(List<AgentRow> rows) {
        Subsystem chosen = subsystem.get();
        List<UUID> ids = rows.stream().map(r -> r.agent().id()).distinct().toList();
        requests.requestMany(ids, chosen, batch -> {
            batch.outcomes().forEach(outcome -> states.put(outcome.command().agentId(), new RowState(
                    chosen + " " + requests.describe(outcome), false, outcome.command().id())));
            batch.refused().keySet().forEach(id -> states.put(id, new RowState(chosen + " not queued", false, null)));
            batchSummary.set("Scan " + chosen + " on " + ids.size() + (ids.size() == 1 ? " agent: " : " agents: ")
                    + batch.queued() + " queued, " + batch.alreadyQueued() + " already queued, "
                    + batch.refused().size() + " refused");
        });
    }

    /** A command this list shows changed: read it again and say where it is now. */
    public void changed(ChangeNotice notice) {
        for (Map.Entry<UUID, RowState> entry : Map.copyOf(states).entrySet()) {
            UUID commandId = entry.getValue().commandId();
            if (commandId != null && notice.concernsCommand(commandId)) {
                UUID agentId = entry.getKey();
                executor.submit(() -> commands.find(commandId), found -> found.ifPresent(command -> {
                    RowState current = states.get(agentId);
                    // While it waits, "queued" / "already queued (since …)" says more than "pending".
                    if (current != null && commandId.equals(current.commandId()) && !command.status().isActive()) {
                        states.put(agentId, new RowState(label(command), false, commandId));
                    }
                }), failure -> {
                    // The slow poll will try again; a lost refresh is not worth an error notification.
                });
            }
        }
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

    public ObservableMap<UUID, RowState> states() {
        return readOnlyStates;
    }

    public ReadOnlyStringProperty batchSummaryProperty() {
        return batchSummary.getReadOnlyProperty();
    }
}
