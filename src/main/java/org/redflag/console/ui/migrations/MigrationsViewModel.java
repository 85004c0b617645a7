package org.redflag.console.ui.migrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.InvalidIndex;
import org.redflag.console.migration.MigrationOutcome;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.migration.MigrationProgress;
import org.redflag.console.migration.MigrationService;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.migration.ValidationProblem;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The Migrations view's state and commands: Flyway's table with a summary, Validate in words, a watched
 * Migrate with progress, elapsed time and a log (the audit has its own model). All database work runs
 * on the background executor; news from a running migrate comes back through {@code fxThread}.
 */
public final class MigrationsViewModel {

    private static final ConsoleArea AREA = ConsoleArea.MIGRATIONS;

    private final MigrationService migrations;
    private final String database;
    private final BackgroundExecutor executor;
    private final Executor fxThread;
    private final Clock clock;
    private final ErrorReporter errors;
    private final Runnable afterMigrate;

    private final ObservableList<MigrationStatus> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyLongWrapper pendingCount = new ReadOnlyLongWrapper(this, "pendingCount");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private final ObservableList<String> validation = FXCollections.observableArrayList();
    private final ObservableList<String> invalidIndexes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper validationSummary = new ReadOnlyStringWrapper(this, "validationSummary",
            "Validate compares Flyway's history with this build's scripts.");
    private final ReadOnlyBooleanWrapper validated = new ReadOnlyBooleanWrapper(this, "validated");

    private final ReadOnlyBooleanWrapper migrating = new ReadOnlyBooleanWrapper(this, "migrating");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper outcomeFailed = new ReadOnlyBooleanWrapper(this, "outcomeFailed");
    private final ObservableList<String> log = FXCollections.observableArrayList();


    private Instant migrateStarted;
    private int planned;
    private int done;

    public MigrationsViewModel(MigrationService migrations, String database,
            BackgroundExecutor executor, Executor fxThread, Clock clock, ErrorReporter errors, Runnable afterMigrate) {
        this.migrations = migrations;
        this.database = database;
        this.executor = executor;
        this.fxThread = fxThread;
        this.clock = clock;
        this.errors = errors;
        this.afterMigrate = afterMigrate;
    }

    public void refresh() {
        busy.set(true);
        executor.submit(() -> {
            MigrationOverview overview = migrations.overview();
            return new Refreshed(overview, migrations.invalidIndexes(overview));
        }, refreshed -> {
            show(refreshed.overview());
            invalidIndexes.setAll(refreshed.invalid().stream().map(InvalidIndex::sentence).toList());
            busy.set(false);
        }, this::failed);
    }

    /** Flyway's record and what an interrupted CREATE INDEX CONCURRENTLY left behind, read together. */
    private record Refreshed(MigrationOverview overview, List<InvalidIndex> invalid) {
    }

    public void validate() {
        busy.set(true);
        executor.submit(migrations::validate, (List<ValidationProblem> problems) -> {
            validation.setAll(problems.stream().map(ValidationProblem::sentence).toList());
            validationSummary.set(problems.isEmpty() ? "Valid: Flyway's history matches this build's scripts."
                    : problems.size() + (problems.size() == 1 ? " validation problem:" : " validation problems:"));
            validated.set(true);
            busy.set(false);
        }, this::failed);
    }

    /** Runs the pending migrations; the view asks for confirmation first. */
    public void migrate() {
        if (migrating.get()) {
            return;
        }
        migrateStarted = clock.instant();
        planned = 0;
        done = 0;
        migrating.set(true);
        busy.set(true);
        progress.set(-1);
        outcome.set("");
        outcomeFailed.set(false);
        log.clear();
        logLine("Migrating " + database + "…");
        tick();
        executor.submitLong(() -> migrations.migrate(new ProgressOnFxThread()), this::migrated, failure -> {
            migrating.set(false);
            failed(failure);
        });
    }

    /** Updates the elapsed time of a running migrate; the view calls it on a timer. */
    public void tick() {
        if (migrateStarted != null) {
            Duration took = Duration.between(migrateStarted, clock.instant());
            elapsed.set(String.format("%.1f s", took.toMillis() / 1000.0));
        }
    }

    private void migrated(MigrationOutcome result) {
        tick();
        migrating.set(false);
        progress.set(result.succeeded() ? 1 : progress.get() < 0 ? 0 : progress.get());
        outcome.set(result.message());
        outcomeFailed.set(!result.clean());
        logLine(result.message());
        if (!result.clean()) {
            errors.report(AREA, result.message(), result.failure(), null);
        }
        refresh();
        afterMigrate.run();
    }

    private void show(MigrationOverview overview) {
        rows.setAll(overview.migrations());
        summary.set(overview.summary());
        pendingCount.set(overview.pendingCount());
    }

    private void failed(Throwable failure) {
        busy.set(false);
        errors.report(AREA, failure);
    }

    private void logLine(String line) {
        String at = migrateStarted == null ? "" : String.format("[%5.1f s] ",
                Duration.between(migrateStarted, clock.instant()).toMillis() / 1000.0);
        log.add(at + line);
    }

    /** Flyway calls this on the migrating thread; every change to the view's state goes to the FX thread. */
    private final class ProgressOnFxThread implements MigrationProgress {
        @Override
        public void planned(List<String> pending) {
            fxThread.execute(() -> {
                planned = pending.size();
                progress.set(planned == 0 ? 1 : 0);
                logLine(pending.isEmpty() ? "Nothing is pending." : pending.size() + " pending: " + String.join(", ", pending));
            });
        }

        @Override
        public void started(String migration) {
            fxThread.execute(() -> {
                tick();
                logLine("Applying " + migration + "…");
            });
        }

        @Override
        public void finished(String migration) {
            fxThread.execute(() -> {
                done++;
                progress.set(planned == 0 ? 1 : (double) done / planned);
                tick();
                logLine(migration + " applied.");
            });
        }

        @Override
        public void failed(String migration, String reason) {
            fxThread.execute(() -> logLine(migration + " FAILED: " + reason));
        }
    }

    public ObservableList<MigrationStatus> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty pendingCountProperty() {
        return pendingCount.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A sentence per INVALID index (what it is, which migration left it, what to do); empty when there is none. */
    public ObservableList<String> invalidIndexes() {
        return FXCollections.unmodifiableObservableList(invalidIndexes);
    }

    public ObservableList<String> validation() {
        return FXCollections.unmodifiableObservableList(validation);
    }

    /** Whether Validate has run: until then an empty problem list means nothing. */
    public javafx.beans.property.ReadOnlyBooleanProperty validatedProperty() {
        return validated.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validationSummaryProperty() {
        return validationSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty migratingProperty() {
        return migrating.getReadOnlyProperty();
    }

    /** -1 while the plan is not known yet (indeterminate), then the share of planned scripts applied. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty outcomeFailedProperty() {
        return outcomeFailed.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return FXCollections.unmodifiableObservableList(log);
    }

    public String database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }
}
