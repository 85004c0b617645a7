package org.redflag.console.ui.updates;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.redflag.console.causes.Causes;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.updates.AffectedAgent;
import org.redflag.console.updates.InstallOutcome;
import org.redflag.console.updates.InstallRefused;
import org.redflag.console.updates.PackageGroup;
import org.redflag.console.updates.PackageKey;
import org.redflag.console.updates.UpdatesFilter;
import org.redflag.console.updates.UpdatesService;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.KeysetPages;

/**
 * The Updates view's state: the groups the filter matches (keyset pages), the chosen group's agents (keyset
 * pages), and installing the chosen group's package on its agents. Every failure goes through the error door.
 */
public final class UpdatesViewModel {

    static final int PAGE_SIZE = 100;
    /** The severity choice that filters nothing. */
    static final String ALL_SEVERITIES = "All severities";
    static final String DATABASE_AWAY = "The database is unreachable: nothing was queued. The console retries by "
            + "itself; try again when the status bar is green.";

    private final UpdatesService updates;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final BooleanSupplier databaseUp;
    private final ClickGuard<PackageKey> clickGuard;

    private final StringProperty searchText = new SimpleStringProperty(this, "searchText", "");
    private final ObjectProperty<String> severity = new SimpleObjectProperty<>(this, "severity", ALL_SEVERITIES);
    private final ReadOnlyObjectWrapper<PackageGroup> chosen = new ReadOnlyObjectWrapper<>(this, "chosen");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper installSummary = new ReadOnlyStringWrapper(this, "installSummary", "");
    private final KeysetPages<UpdatesFilter, PackageGroup> groups;
    private final KeysetPages<PackageKey, AffectedAgent> agents;

    public UpdatesViewModel(UpdatesService updates, BackgroundExecutor executor, ErrorReporter errors, Clock clock,
            BooleanSupplier databaseUp) {
        this.updates = updates;
        this.executor = executor;
        this.errors = errors;
        this.databaseUp = databaseUp;
        this.clickGuard = new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW);
        this.groups = new KeysetPages<>(updates::groups, executor, PAGE_SIZE, this::summarise,
                failure -> report("read the pending updates", failure));
        this.agents = new KeysetPages<>(updates::agents, executor, PAGE_SIZE, () -> { },
                failure -> report("read the agents of " + describe(chosen.get()), failure));
    }

    /** Reads the first page of groups for the filter as it stands now. */
    public void reload() {
        if (!updates.hasPackageData()) {
            groups.clear();
            summary.set(UpdatesService.NO_PACKAGE_DATA);
            return;
        }
        UpdatesFilter filter;
        try {
            filter = filter();
        } catch (IllegalArgumentException unknown) {
            groups.clear();
            summary.set(unknown.getMessage());
            return;
        }
        groups.reload(filter);
        PackageGroup group = chosen.get();
        if (group != null) {
            agents.reload(group.key());
        }
    }

    public void loadMoreGroups() {
        groups.loadMore();
    }

    public void loadMoreAgents() {
        agents.loadMore();
    }

    /** Something changed in the fleet (a scan reported, the slow poll): read again what is shown, one query each. */
    public void resync() {
        groups.resync();
        if (chosen.get() != null) {
            agents.resync();
        }
    }

    /** The group whose agents are listed (null: none). */
    public void choose(PackageGroup group) {
        PackageGroup was = chosen.get();
        chosen.set(group);
        if (group == null) {
            installSummary.set("");
            agents.clear();
        } else if (was == null || !was.key().equals(group.key())) {
            installSummary.set("");
            agents.reload(group.key());
        }
    }

    /** Applies a request from another view: the severity and the name search it names. */
    public void apply(String requestedSeverity, String packageName) {
        severity.set(requestedSeverity == null || requestedSeverity.isBlank() ? ALL_SEVERITIES
                : requestedSeverity.strip().toLowerCase(java.util.Locale.ROOT));
        searchText.set(packageName == null ? "" : packageName);
        choose(null);
        reload();
    }

    /** Whether the database keeps pending packages at all (the view says so instead of an empty list). */
    public boolean hasPackageData() {
        return updates.hasPackageData();
    }

    /** Why Install is unavailable on this database for this connection, or empty. */
    public Optional<String> installsOff() {
        return updates.installsOff();
    }

    /**
     * Queues the chosen group's install on {@code agentIds} (null: every agent of the group); the click guard
     * lets one request for that package through at a time. The answer comes back on the FX thread.
     */
    public void install(List<UUID> agentIds, Consumer<InstallOutcome> done) {
        PackageGroup group = chosen.get();
        if (group == null) {
            return;
        }
        if (!databaseUp.getAsBoolean()) {
            errors.report(ConsoleArea.INSTALL, DATABASE_AWAY, null, null);
            installSummary.set(DATABASE_AWAY);
            return;
        }
        PackageKey key = group.key();
        if (!clickGuard.tryStart(key)) {
            return;
        }
        installSummary.set("Queuing " + group.name() + "…");
        executor.submitLong(() -> updates.install(key, agentIds), outcome -> {
            clickGuard.finish(key);
            installSummary.set(describe(outcome));
            done.accept(outcome);
        }, failure -> {
            clickGuard.finish(key);
            installSummary.set(report("queue the install of " + describe(group), failure));
        });
    }

    /** "Install queued on 120 agents; 3 had it queued already; 1 is busy with another install." */
    static String describe(InstallOutcome outcome) {
        StringBuilder text = new StringBuilder(String.format("Install of %s queued on %,d %s", outcome.key().name(),
                outcome.queued(), outcome.queued() == 1 ? "agent" : "agents"));
        if (outcome.alreadyQueued() > 0) {
            text.append(String.format("; %,d had it queued already", outcome.alreadyQueued()));
        }
        if (outcome.busy() > 0) {
            text.append(String.format("; %,d busy with another package's install (one at a time per agent)",
                    outcome.busy()));
        }
        if (outcome.noLongerPending() > 0) {
            text.append(String.format("; %,d no longer have it pending", outcome.noLongerPending()));
        }
        return text.append('.').toString();
    }

    private UpdatesFilter filter() {
        String chosenSeverity = severity.get();
        return new UpdatesFilter(ALL_SEVERITIES.equals(chosenSeverity) ? null : chosenSeverity, searchText.get());
    }

    private void summarise() {
        int shown = groups.rows().size();
        summary.set(shown == 0 ? "No pending updates match."
                : String.format("%,d %s%s", shown, shown == 1 ? "package" : "packages",
                        groups.moreAvailableProperty().get() ? " shown, more below" : ""));
    }

    /** A refusal is its own sentence; anything else says what we tried and what to do. Returns what was reported. */
    private String report(String whatWeTried, Throwable failure) {
        if (failure instanceof InstallRefused refused) {
            errors.report(ConsoleArea.INSTALL, refused.getMessage(), null, null);
            return refused.getMessage();
        }
        String message = "Could not " + whatWeTried + ": " + Causes.rootMessage(failure)
                + ". Check the database connection and try again.";
        errors.report(ConsoleArea.INSTALL, message, failure, null);
        return message;
    }

    static String describe(PackageGroup group) {
        return group == null ? "the package" : group.name() + " (" + group.packageType() + ", " + group.severity() + ")";
    }

    public ObservableList<PackageGroup> groups() {
        return groups.rows();
    }

    public ObservableList<AffectedAgent> agents() {
        return agents.rows();
    }

    public KeysetPages<UpdatesFilter, PackageGroup> groupPages() {
        return groups;
    }

    public KeysetPages<PackageKey, AffectedAgent> agentPages() {
        return agents;
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public ObjectProperty<String> severityProperty() {
        return severity;
    }

    public ReadOnlyObjectProperty<PackageGroup> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty installSummaryProperty() {
        return installSummary.getReadOnlyProperty();
    }
}
