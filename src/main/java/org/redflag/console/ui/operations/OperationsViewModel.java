package org.redflag.console.ui.operations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.causes.Causes;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.operations.Operation;
import org.redflag.console.operations.OperationsFilter;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.KeysetPages;

/**
 * The Operations view's state: the fleet's commands newest first, a page at a time, filtered in SQL by status,
 * type and "stuck only"; and cancel, retry and archive of the chosen ones, each answered in a sentence. Live
 * changes read the rows on screen again in one query, at most once per quiet period however many arrive.
 */
public final class OperationsViewModel {

    static final int PAGE_SIZE = 100;
    static final String ALL_TYPES = "All types";
    static final ConsoleArea AREA = ConsoleArea.OPERATIONS;
    static final String DATABASE_AWAY = "The database is unreachable: no command was changed. The console "
            + "retries by itself; try again when the status bar is green.";

    /** A choice of the status filter: its words, and the statuses it lists (empty: all). */
    public record StatusChoice(String label, Set<CommandStatus> statuses) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final OperationsService service;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final Clock clock;
    private final BooleanSupplier databaseUp;
    private final Consumer<Runnable> afterQuietPeriod;
    private final KeysetPages<OperationsFilter, Operation> pages;

    private final ObservableList<StatusChoice> statusChoices = FXCollections.observableArrayList();
    private final ObjectProperty<StatusChoice> status = new SimpleObjectProperty<>(this, "status");
    private final ObservableList<String> commandTypes = FXCollections.observableArrayList(ALL_TYPES);
    private final ObjectProperty<String> commandType = new SimpleObjectProperty<>(this, "commandType", ALL_TYPES);
    private final BooleanProperty stuckOnly = new SimpleBooleanProperty(this, "stuckOnly");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private boolean resyncScheduled;
    private BooleanSupplier onScreen = () -> true;
    /** Set while a request or the type choices change the filter's properties: one reload follows, not one each. */
    private boolean applying;

    /**
     * @param databaseUp       whether the database answers now; writes are refused at once while it does not
     * @param afterQuietPeriod runs its argument after a short pause (live changes are gathered meanwhile)
     */
    public OperationsViewModel(OperationsService service, BackgroundExecutor executor, ErrorReporter errors,
            Clock clock, BooleanSupplier databaseUp, Consumer<Runnable> afterQuietPeriod) {
        this.service = service;
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        this.databaseUp = databaseUp;
        this.afterQuietPeriod = afterQuietPeriod;
        this.pages = new KeysetPages<>(service::page, executor, PAGE_SIZE, this::summarise,
                failure -> errors.report(AREA, failure));
        StatusChoice inFlight = new StatusChoice("In flight", service.inFlight());
        statusChoices.add(inFlight);
        service.statuses().forEach(s -> statusChoices.add(new StatusChoice(s.label(), Set.of(s))));
        statusChoices.add(new StatusChoice("All statuses", Set.of()));
        status.set(inFlight);
    }

    /** Reads the first page of what the filter asks for, and the type choices (one cheap query each). */
    public void reload() {
        pages.reload(filter());
        executor.submit(service::commandTypes, this::offerTypes, failure -> errors.report(AREA, failure));
    }

    /** The status, type or "stuck only" changed: the first page of the new filter (not when set by a request). */
    public void filterChanged() {
        if (!applying) {
            pages.reload(filter());
        }
    }

    public void loadMore() {
        pages.loadMore();
    }

    /** Shows what another view asks for: a status (null: in flight), a type (null: all), stuck only. */
    public void open(OperationsRequest request) {
        applying = true;
        try {
            apply(request);
        } finally {
            applying = false;
        }
        reload();
    }

    private void apply(OperationsRequest request) {
        CommandStatus wanted = request.status() == null ? null : CommandStatus.fromId(request.status());
        status.set(statusChoices.stream().filter(c -> wanted != null && c.statuses().equals(Set.of(wanted)))
                .findFirst().orElse(statusChoices.get(0)));
        String type = request.commandType() == null || request.commandType().isBlank() ? ALL_TYPES
                : request.commandType().strip();
        if (!commandTypes.contains(type)) {
            commandTypes.add(type);
        }
        commandType.set(type);
        stuckOnly.set(request.stuckOnly());
    }

    /** Where the rows are on screen, so changes are worth a query: out of sight (or closed) they are not. */
    public void shownWhile(BooleanSupplier onScreen) {
        this.onScreen = onScreen;
    }

    /** A command changed somewhere: the rows on screen are read again once the changes pause. */
    public void changed(ChangeNotice notice) {
        boolean commands = notice.reloadsEverything() || "agent_commands".equals(notice.table());
        if (!commands || resyncScheduled || !onScreen.getAsBoolean()) {
            return;
        }
        resyncScheduled = true;
        afterQuietPeriod.accept(() -> {
            resyncScheduled = false;
            // The window may have closed (or the view gone out of sight) during the pause.
            if (onScreen.getAsBoolean()) {
                pages.resync();
            }
        });
    }

    /** Reads again the rows on screen (the view came back into sight). */
    public void resync() {
        pages.resync();
    }

    /** Cancels the chosen commands that are pending or sent, in one statement. */
    public void cancel(List<Operation> chosen) {
        List<UUID> ids = chosen.stream().filter(Operation::cancellable).map(Operation::id).toList();
        if (ids.isEmpty() || refusedWhileAway()) {
            return;
        }
        executor.submit(() -> service.cancel(ids), result -> {
            outcome.set(OutcomeSentences.cancelled(result));
            pages.resync();
        }, failure -> reportFailure(failure, "cancel " + OutcomeSentences.count(ids.size())));
    }

    /** Queues the chosen failed, timed-out or cancelled scans again, each by the scan rules. */
    public void retry(List<Operation> chosen) {
        List<Operation> retryable = chosen.stream().filter(Operation::retryable).toList();
        if (retryable.isEmpty() || refusedWhileAway()) {
            return;
        }
        List<UUID> ids = retryable.stream().map(Operation::id).toList();
        executor.submit(() -> service.retry(ids), result -> {
            outcome.set(OutcomeSentences.retried(result, retryable, clock));
            if (!result.notRetried().isEmpty()) {
                reportNotRetried(retryable, result.notRetried());
            }
            pages.resync();
        }, failure -> reportFailure(failure, "retry " + OutcomeSentences.count(ids.size())));
    }

    /** Archives the chosen failed and timed-out commands (RedFlag's archived_failed). */
    public void archive(List<Operation> chosen) {
        List<UUID> ids = chosen.stream().filter(Operation::archivable).map(Operation::id).toList();
        if (ids.isEmpty() || refusedWhileAway()) {
            return;
        }
        executor.submit(() -> service.archive(ids), archived -> {
            outcome.set(OutcomeSentences.archived(ids.size(), archived));
            pages.resync();
        }, failure -> reportFailure(failure, "archive " + OutcomeSentences.count(ids.size())));
    }

    /** Why the connected role may not do this, for the tooltip of its disabled button; empty when it may. */
    public Optional<String> refusal(DatabaseRole.Action action) {
        return service.refusal(action);
    }

    /** Why Archive is off here (the role, or a schema without the status), or empty. */
    public Optional<String> archiveUnavailable() {
        return service.archiveUnavailable();
    }

    private OperationsFilter filter() {
        StatusChoice chosen = status.get() == null ? statusChoices.get(0) : status.get();
        String type = ALL_TYPES.equals(commandType.get()) ? null : commandType.get();
        return new OperationsFilter(chosen.statuses(), type, stuckOnly.get());
    }

    private void offerTypes(List<String> types) {
        String chosen = commandType.get();
        List<String> offered = new ArrayList<>();
        offered.add(ALL_TYPES);
        offered.addAll(types);
        if (chosen != null && !offered.contains(chosen)) {
            offered.add(chosen);
        }
        applying = true;
        try {
            commandTypes.setAll(offered);
            commandType.set(chosen);
        } finally {
            applying = false;
        }
    }

    private void summarise() {
        long stuck = pages.rows().stream().filter(Operation::stuck).count();
        summary.set(OutcomeSentences.count(pages.rows().size()) + (pages.moreAvailableProperty().get() ? "+" : "")
                + " shown"
                + (stuck == 0 ? "" : " · " + stuck + " stuck"));
    }

    private boolean refusedWhileAway() {
        if (databaseUp.getAsBoolean()) {
            return false;
        }
        outcome.set(DATABASE_AWAY);
        errors.report(AREA, DATABASE_AWAY, null, null);
        return true;
    }

    /** One report for the whole batch, so retrying 200 commands cannot raise 200 notifications. */
    private void reportNotRetried(List<Operation> chosen, java.util.Map<UUID, String> notRetried) {
        var first = notRetried.entrySet().iterator().next();
        Operation firstOne = chosen.stream().filter(o -> o.id().equals(first.getKey())).findFirst().orElseThrow();
        String message = notRetried.size() == 1 ? first.getValue()
                : notRetried.size() + " commands were not retried. The first (" + firstOne.describe() + "): "
                        + first.getValue();
        errors.report(AREA, message, null, notRetried.size() == 1 ? firstOne.agentId() : null);
    }

    /** A refusal is its own sentence; anything else says what we tried and what to do. */
    private void reportFailure(Throwable failure, String whatWeTried) {
        if (failure instanceof ScanRefused refused) {
            outcome.set(refused.getMessage());
            errors.report(AREA, refused.getMessage(), null, null);
            return;
        }
        String message = "Could not " + whatWeTried + ": " + Causes.rootMessage(failure)
                + ". Check the database connection and try again.";
        outcome.set(message);
        errors.report(AREA, message, failure, null);
    }

    public ObservableList<Operation> rows() {
        return pages.rows();
    }

    public ObservableList<StatusChoice> statusChoices() {
        return FXCollections.unmodifiableObservableList(statusChoices);
    }

    public ObjectProperty<StatusChoice> statusProperty() {
        return status;
    }

    public ObservableList<String> commandTypes() {
        return FXCollections.unmodifiableObservableList(commandTypes);
    }

    public ObjectProperty<String> commandTypeProperty() {
        return commandType;
    }

    public BooleanProperty stuckOnlyProperty() {
        return stuckOnly;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the last cancel, retry or archive did, in a sentence. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return pages.loadingProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return pages.moreAvailableProperty();
    }

    /** "Stuck: taken by its agent more than 2 h ago and not answered", for the tooltip. */
    public String stuckMeaning() {
        long minutes = service.timeout().toMinutes();
        return "Stuck: taken by its agent more than " + (minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min")
                + " ago (the command timeout) and not answered";
    }

    public Clock clock() {
        return clock;
    }
}
