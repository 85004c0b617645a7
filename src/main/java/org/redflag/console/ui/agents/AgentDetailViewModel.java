package org.redflag.console.ui.agents;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.AgentSubsystem;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.DockerImage;
import org.redflag.console.scan.PendingPackage;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanResultRepository;
import org.redflag.console.scan.StorageMetric;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.scan.SystemInfo;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * One agent in detail: its subsystems with a scan button each, its newest commands (cancel, retry), its
 * latest storage measurements, pending packages, container images and newest system scan. Reloads when the database says this agent changed.
 */
public final class AgentDetailViewModel {

    static final int COMMANDS_SHOWN = 50;
    static final int PACKAGES_SHOWN = 200;

    /** Builds a detail model for an agent; the window's wiring provides the repositories. */
    public interface Factory {
        AgentDetailViewModel create(UUID agentId, String hostname);
    }

    private record Snapshot(List<AgentSubsystem> subsystems, List<AgentCommand> commands, List<StorageMetric> storage,
            List<PendingPackage> packages, List<DockerImage> images, java.util.Optional<SystemInfo> system) {
    }

    private final UUID agentId;
    private final String hostname;
    private final SubsystemRepository subsystemRepository;
    private final CommandRepository commandRepository;
    private final ScanResultRepository results;
    private final ScanRequests requests;
    private final BackgroundExecutor executor;
    private final Consumer<Throwable> onError;

    private final ObservableList<AgentSubsystem> subsystems = FXCollections.observableArrayList();
    private final ObservableList<AgentCommand> commands = FXCollections.observableArrayList();
    private final ObservableList<StorageMetric> storage = FXCollections.observableArrayList();
    private final ObservableList<PendingPackage> packages = FXCollections.observableArrayList();
    private final ObservableList<DockerImage> images = FXCollections.observableArrayList();
    /** The newest system scan, null before the first. */
    private final javafx.beans.property.ReadOnlyObjectWrapper<SystemInfo> system =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "system");
    private final ObservableMap<Subsystem, String> scanStates = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private boolean reloadAgain;
    private Runnable onClose = () -> { };

    public AgentDetailViewModel(UUID agentId, String hostname, SubsystemRepository subsystemRepository,
            CommandRepository commandRepository, ScanResultRepository results, ScanRequests requests,
            BackgroundExecutor executor, Consumer<Throwable> onError) {
        this.agentId = agentId;
        this.hostname = hostname;
        this.subsystemRepository = subsystemRepository;
        this.commandRepository = commandRepository;
        this.results = results;
        this.requests = requests;
        this.executor = executor;
        this.onError = onError;
    }

    /** Reads everything the details show; changes arriving meanwhile lead to one more read, not one each. */
    public void reload() {
        if (loading.get()) {
            reloadAgain = true;
            return;
        }
        loading.set(true);
        executor.submit(() -> new Snapshot(subsystemRepository.forAgent(agentId),
                commandRepository.recentForAgent(agentId, COMMANDS_SHOWN), results.latestStorage(agentId),
                results.pendingPackages(agentId, PACKAGES_SHOWN), results.dockerImages(agentId, PACKAGES_SHOWN),
                results.latestSystem(agentId)), snapshot -> {
                    subsystems.setAll(snapshot.subsystems());
                    commands.setAll(snapshot.commands());
                    storage.setAll(snapshot.storage());
                    packages.setAll(snapshot.packages());
                    images.setAll(snapshot.images());
                    system.set(snapshot.system().orElse(null));
                    followAskedScans(snapshot.commands());
                    finishLoad();
                }, failure -> {
                    finishLoad();
                    onError.accept(failure);
                });
    }

    /** A scan asked for here says where it got to once it has left the queue ("completed 12:04"). */
    private void followAskedScans(List<AgentCommand> newestFirst) {
        for (Subsystem asked : List.copyOf(scanStates.keySet())) {
            newestFirst.stream()
                    .filter(c -> c.subsystem().filter(asked::equals).isPresent())
                    .findFirst()
                    .filter(c -> !c.status().isActive())
                    .ifPresent(c -> scanStates.put(asked, requests.describe(c)));
        }
    }

    private void finishLoad() {
        loading.set(false);
        if (reloadAgain) {
            reloadAgain = false;
            reload();
        }
    }

    public void changed(ChangeNotice notice) {
        if (notice.concernsAgent(agentId)) {
            reload();
        }
    }

    public void scan(Subsystem subsystem) {
        requests.request(agentId, hostname, subsystem, new ScanRequests.Answer() {
            @Override
            public void sending() {
                scanStates.put(subsystem, "…");
            }

            @Override
            public void answered(ScanOutcome outcome) {
                scanStates.put(subsystem, requests.describe(outcome));
                reload();
            }

            @Override
            public void notQueued(String reason) {
                scanStates.put(subsystem, "not queued");
            }
        });
    }

    public void cancel(AgentCommand command) {
        requests.cancel(command, this::reload);
    }

    public void retry(AgentCommand command) {
        requests.retry(command, outcome -> {
            command.subsystem().ifPresent(s -> scanStates.put(s, requests.describe(outcome)));
            reload();
        });
    }

    /** Why the connected database role may not scan, cancel or retry here, or empty when it may. */
    public java.util.Optional<String> refusal(DatabaseRole.Action action) {
        return requests.refusal(action);
    }

    /** What to undo when the details are closed (the subscription to changes). */
    public void whenClosed(Runnable action) {
        this.onClose = action;
    }

    public void close() {
        onClose.run();
    }

    public String hostname() {
        return hostname;
    }

    public ObservableList<AgentSubsystem> subsystems() {
        return FXCollections.unmodifiableObservableList(subsystems);
    }

    public ObservableList<AgentCommand> commands() {
        return FXCollections.unmodifiableObservableList(commands);
    }

    public ObservableList<StorageMetric> storage() {
        return FXCollections.unmodifiableObservableList(storage);
    }

    /** The agent's container images, those with an update first. */
    public ObservableList<DockerImage> images() {
        return FXCollections.unmodifiableObservableList(images);
    }

    /** The newest system scan (CPU, memory, disks, uptime); null before the first. */
    public javafx.beans.property.ReadOnlyObjectProperty<SystemInfo> systemProperty() {
        return system.getReadOnlyProperty();
    }

    public ObservableList<PendingPackage> packages() {
        return FXCollections.unmodifiableObservableList(packages);
    }

    public ObservableMap<Subsystem, String> scanStates() {
        return FXCollections.unmodifiableObservableMap(scanStates);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public java.time.Clock clock() {
        return requests.clock();
    }
}
