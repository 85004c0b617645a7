package org.redflag.console.ui.migrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.app.DatabaseAudit;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.AuditReport;
import org.redflag.console.migration.RepairPlan;
import org.redflag.console.migration.RepairStep;
import org.redflag.console.migration.Repairs;
import org.redflag.console.migration.ReplayFindingKind;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.ReplaySource;
import org.redflag.console.migration.StepListener;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The Audit tab's state and commands: the replay audit (or, without scripts, the hand catalog, which says so),
 * its per-file verdicts and findings, the selected finding's two definitions, the repair plan, and applying it
 * with progress and a step log. All database work runs on the background executor.
 */
public final class AuditViewModel {

    static final String NO_SCRIPTS = "No scripts: checked against the console's hand catalog of RedFlag 015–023a only. "
            + "Choose RedFlag's migrations folder for the truth by replay.";
    static final String MISSING = "missing";
    static final String NO_SCRIPT_MAKES_IT = "no script makes it";

    private static final ConsoleArea AREA = ConsoleArea.MIGRATIONS;

    private final DatabaseAudit audit;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final CompanionViewModel.SchemaChanged schemaChanged;
    private final Runnable afterSchemaChange;

    private final ObjectProperty<Path> scriptsFolder = new SimpleObjectProperty<>(this, "scriptsFolder");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper applying = new ReadOnlyBooleanWrapper(this, "applying");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source",
            "Run the audit to compare what the record claims with what its scripts really make. It only reads.");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<AuditRows.Verdict> verdicts = FXCollections.observableArrayList();
    private final ObservableList<AuditRows.Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AuditRows.Finding> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper targetDefinition = new ReadOnlyStringWrapper(this, "targetDefinition", "");
    private final ReadOnlyStringWrapper replayDefinition = new ReadOnlyStringWrapper(this, "replayDefinition", "");
    private final ReadOnlyStringWrapper findingRepair = new ReadOnlyStringWrapper(this, "findingRepair", "");
    private final ReadOnlyObjectWrapper<RepairPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyBooleanWrapper planEmpty = new ReadOnlyBooleanWrapper(this, "planEmpty", true);
    private final ReadOnlyStringWrapper planScript = new ReadOnlyStringWrapper(this, "planScript", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyBooleanWrapper outcomeFailed = new ReadOnlyBooleanWrapper(this, "outcomeFailed");

    /**
     * @param schemaChanged runs off the FX thread after a repair changed the schema (the context looks again)
     * @param afterSchemaChange runs on the FX thread after that (the status bar and the record refresh)
     */
    public AuditViewModel(DatabaseAudit audit, Optional<Path> scriptsFolder, BackgroundExecutor executor,
            ErrorReporter errors, CompanionViewModel.SchemaChanged schemaChanged, Runnable afterSchemaChange) {
        this.audit = audit;
        this.executor = executor;
        this.errors = errors;
        this.schemaChanged = schemaChanged;
        this.afterSchemaChange = afterSchemaChange;
        this.scriptsFolder.set(scriptsFolder.orElse(null));
    }

    /** What one audit found, whichever way it was made. */
    private record Result(ReplayReport replay, AuditReport handCatalog) {
    }

    /** Replays the scripts that fit the database (RedFlag's from the chosen folder), else the hand catalog. */
    public void runAudit() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        Optional<Path> folder = Optional.ofNullable(scriptsFolder.get());
        source.set("Auditing…");
        executor.submitLong(() -> {
            Optional<ReplaySource> scripts = audit.source(folder);
            return scripts.isPresent() ? new Result(audit.replay(scripts.get()), null)
                    : new Result(null, audit.handCatalog(folder));
        }, (Result result) -> {
            if (result.replay() != null) {
                show(result.replay());
            } else {
                show(result.handCatalog());
            }
            busy.set(false);
        }, this::failed);
    }

    /** Shows a finding's two definitions and its repair; null clears them. */
    public void select(AuditRows.Finding finding) {
        selected.set(finding);
        if (finding == null) {
            targetDefinition.set("");
            replayDefinition.set("");
            findingRepair.set("");
            return;
        }
        boolean definitions = finding.replayed() && finding.objectKey() != null;
        targetDefinition.set(!definitions ? "" : finding.targetDefinition() == null ? MISSING : finding.targetDefinition());
        replayDefinition.set(!definitions ? "" : finding.replayDefinition() == null ? NO_SCRIPT_MAKES_IT
                : finding.replayDefinition());
        findingRepair.set(finding.repairSql().isEmpty() ? "-- No repair step for this finding." : finding.repairSql());
    }

    /** Every statement of the plan, numbered, for the confirmation; the view asks before {@link #applyPlan}. */
    public List<String> planStatements() {
        RepairPlan current = plan.get();
        List<String> out = new ArrayList<>();
        if (current == null) {
            return out;
        }
        List<RepairStep> steps = current.steps();
        for (int i = 0; i < steps.size(); i++) {
            RepairStep step = steps.get(i);
            out.add((i + 1) + ". " + step.sql() + ";" + (step.outsideTransaction()
                    ? "   (outside a transaction, alone)" : "   (in its own transaction)"));
        }
        return out;
    }

    /** Applies the plan shown, then shows the re-audit. */
    public void applyPlan() {
        RepairPlan current = plan.get();
        if (busy.get() || current == null || current.isEmpty()) {
            return;
        }
        busy.set(true);
        applying.set(true);
        progress.set(0);
        outcome.set("");
        outcomeFailed.set(false);
        log.clear();
        log.add("Applying " + AuditTexts.plural(current.steps().size(), "step") + ", stopping at the first failure…");
        executor.submitLong(() -> audit.apply(current, new LogOnFxThread()), this::applied, failure -> {
            applying.set(false);
            outcomeFailed.set(true);
            outcome.set("The repair could not run: " + failure.getMessage());
            failed(failure);
        });
    }

    private void applied(DatabaseAudit.Applied applied) {
        var result = applied.outcome();
        int total = plan.get() == null ? result.results().size() : plan.get().steps().size();
        long succeeded = result.results().stream().filter(StepListener.StepResult::succeeded).count();
        applying.set(false);
        busy.set(false);
        show(result.after());
        String after = result.after().clean() ? "the re-audit finds the database what its record claims."
                : "the re-audit shows what is left: " + AuditTexts.summaryOf(result.after());
        if (result.completed()) {
            progress.set(1);
            outcome.set(AuditTexts.plural((int) succeeded, "step") + " applied; " + after);
        } else {
            var failedStep = result.results().get(result.results().size() - 1);
            outcomeFailed.set(true);
            outcome.set("Stopped at step " + result.results().size() + " of " + total + " (" + failedStep.error()
                    + "); " + after);
            errors.report(AREA, "The repair stopped at step " + result.results().size() + " of " + total + ": "
                    + failedStep.error(), null, null);
        }
        log.add(outcome.get());
        for (String failure : applied.historyFailures()) {
            errors.report(AREA, "A repair step's history row could not be written (" + failure + ")", null, null);
        }
        executor.submit(() -> {
            schemaChanged.afterChange();
            return Boolean.TRUE;
        }, done -> afterSchemaChange.run(), this::failed);
    }

    private void show(ReplayReport report) {
        int scripts = report.source().scripts().size();
        source.set(String.format(Locale.ROOT, "Replayed %s on %s in %.1f s; the database is on %s.",
                AuditTexts.plural(scripts, "script"), AuditTexts.shortVersion(report.replayServerVersion()),
                report.replayMillis() / 1000.0, AuditTexts.shortVersion(report.targetServerVersion())));
        warning.set(report.findings(ReplayFindingKind.SERVER_VERSION).stream().findFirst()
                .map(f -> f.sentence()).orElse(""));
        summary.set(AuditTexts.summaryOf(report));
        verdicts.setAll(report.verdicts().stream().map(AuditRows.Verdict::of).toList());
        findings.setAll(report.findings().stream().map(AuditRows.Finding::of).toList());
        select(null);
        RepairPlan repairs = Repairs.plan(report);
        plan.set(repairs);
        planEmpty.set(repairs.isEmpty());
        planScript.set(!repairs.isEmpty() ? repairs.script() : report.clean()
                ? "-- Nothing to repair: the database is what its record claims."
                : "-- No repair step: what is left is about the scripts or made by hand, and is fixed there.");
    }

    private void show(AuditReport report) {
        source.set(NO_SCRIPTS);
        warning.set("");
        summary.set(report.clean() ? "Clean: " + report.summary() : report.summary());
        verdicts.setAll(report.verdicts().stream().map(AuditRows.Verdict::of).toList());
        findings.setAll(report.findings().stream().map(AuditRows.Finding::of).toList());
        select(null);
        plan.set(null);
        planEmpty.set(true);
        planScript.set("-- The hand catalog makes no repair plan. Choose RedFlag's migrations folder: the replay makes one.");
    }

    private void failed(Throwable failure) {
        busy.set(false);
        if (source.get().equals("Auditing…")) {
            source.set("The audit could not run: " + failure.getMessage());
        }
        errors.report(AREA, failure);
    }

    /** The engine calls this on the applying thread; every change to the view's state goes to the FX thread. */
    private final class LogOnFxThread implements StepListener {
        @Override
        public void after(int index, int total, RepairStep step, StepResult result) {
            String line = "[" + (index + 1) + "/" + total + "] " + AuditTexts.firstLine(step.sql()) + " — "
                    + (result.succeeded() ? "done in " + result.millis() + " ms" : "failed: " + result.error());
            executor.onUiThread(() -> {
                log.add(line);
                progress.set((double) (index + 1) / total);
            });
        }
    }

    public ObjectProperty<Path> scriptsFolderProperty() {
        return scriptsFolder;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyingProperty() {
        return applying.getReadOnlyProperty();
    }

    /** Which scripts replayed, on which server, how long it took; or the hand catalog's "No scripts" line. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The server-version warning, or "". */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<AuditRows.Verdict> verdicts() {
        return FXCollections.unmodifiableObservableList(verdicts);
    }

    public ObservableList<AuditRows.Finding> findings() {
        return FXCollections.unmodifiableObservableList(findings);
    }

    public ReadOnlyObjectProperty<AuditRows.Finding> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected finding's object "In the database"; "missing" when it is not there. */
    public ReadOnlyStringProperty targetDefinitionProperty() {
        return targetDefinition.getReadOnlyProperty();
    }

    /** The selected finding's object "As the scripts make it"; "no script makes it" for hand drift. */
    public ReadOnlyStringProperty replayDefinitionProperty() {
        return replayDefinition.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty findingRepairProperty() {
        return findingRepair.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RepairPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty planEmptyProperty() {
        return planEmpty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty planScriptProperty() {
        return planScript.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ObservableList<String> log() {
        return FXCollections.unmodifiableObservableList(log);
    }

    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty outcomeFailedProperty() {
        return outcomeFailed.getReadOnlyProperty();
    }
}
