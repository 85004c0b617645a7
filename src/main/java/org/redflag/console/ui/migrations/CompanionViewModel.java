package org.redflag.console.ui.migrations;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.Companion;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The console's companion on a RedFlag database, for the Migrations view: what is installed, what installing
 * would create, and the actions, each run only after the view's confirmation.
 */
public final class CompanionViewModel {

    /** Runs after an action changed the schema (blocking, off the FX thread): look again at what is there. */
    @FunctionalInterface
    public interface SchemaChanged {
        void afterChange() throws Exception;
    }

    private static final ConsoleArea AREA = ConsoleArea.MIGRATIONS;

    private final Companion companion;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final SchemaChanged schemaChanged;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper pendingIndex = new ReadOnlyStringWrapper(this, "pendingIndex", "");
    private final ReadOnlyBooleanWrapper installed = new ReadOnlyBooleanWrapper(this, "installed");
    private final ReadOnlyBooleanWrapper indexPresent = new ReadOnlyBooleanWrapper(this, "indexPresent");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> wouldCreate = FXCollections.observableArrayList();
    private final ObservableList<String> removal = FXCollections.observableArrayList();

    public CompanionViewModel(Companion companion, BackgroundExecutor executor, ErrorReporter errors,
            SchemaChanged schemaChanged) {
        this.companion = companion;
        this.executor = executor;
        this.errors = errors;
        this.schemaChanged = schemaChanged;
    }

    private record Snapshot(Companion.Status status, List<String> removal) {
    }

    public void refresh() {
        busy.set(true);
        executor.submit(() -> new Snapshot(companion.status(), companion.removal()), this::show, this::failed);
    }

    public void install() {
        act(companion::install);
    }

    public void remove() {
        act(companion::remove);
    }

    public void addOnePendingIndex() {
        act(companion::addOnePendingIndex);
    }

    private interface Action {
        void run() throws Exception;
    }

    private void act(Action action) {
        busy.set(true);
        executor.submitLong(() -> {
            action.run();
            schemaChanged.afterChange();
            return new Snapshot(companion.status(), companion.removal());
        }, this::show, failure -> {
            failed(failure);
            refresh();
        });
    }

    private void show(Snapshot snapshot) {
        Companion.Status status = snapshot.status();
        installed.set(status.installed());
        state.set(status.installedVersion().map(v -> "Installed at V" + v
                + (status.pending().isEmpty() ? "." : "; an upgrade would add what is listed below."))
                .orElse("Not installed. The console works without it: it polls for changes and reads on RedFlag's "
                        + "own indexes. Installing creates only what is listed below, in its own schema."));
        wouldCreate.setAll(status.pending());
        removal.setAll(snapshot.removal());
        indexPresent.set(status.onePendingIndex());
        pendingIndex.set(status.onePendingIndex()
                ? "RedFlag 023a's one-pending-command index is present: the database itself keeps one pending scan "
                        + "per agent and type."
                : "RedFlag 023a's one-pending-command index is missing: the console keeps its own scans single with "
                        + "an advisory lock, but RedFlag's server and other tools can still queue duplicates."
                        + (status.duplicatePending() > 0 ? " " + status.duplicatePending()
                                + " agent/type pairs already have more than one pending command; cancel the extras first." : ""));
        busy.set(false);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        errors.report(AREA, failure);
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pendingIndexProperty() {
        return pendingIndex.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty installedProperty() {
        return installed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty indexPresentProperty() {
        return indexPresent.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<String> wouldCreate() {
        return wouldCreate;
    }

    public ObservableList<String> removal() {
        return removal;
    }
}
