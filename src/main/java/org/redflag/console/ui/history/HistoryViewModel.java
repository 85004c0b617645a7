package org.redflag.console.ui.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryOutput;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The History's state: the filter the user built, one growing list of keyset pages from the database, the
 * selected row's outputs, and a running CSV export. With a fixed agent it is that agent's history (the
 * agent detail embeds it); otherwise the whole fleet's and the console's.
 */
public final class HistoryViewModel {

    static final int PAGE_SIZE = 200;

    /** The detail shows this much of an output at first; "show all" loads the rest on demand. */
    static final int DETAIL_PREVIEW_CHARS = 256 * 1024;

    /** The selected row with its outputs (the first part of them until "show all"). */
    public record Detail(HistoryEntry entry, OutputText stdout, OutputText stderr) {
        public boolean complete() {
            return stdout.complete() && stderr.complete();
        }
    }

    private final HistoryRepository history;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final ErrorReporter errors;
    private final UUID fixedAgentId;
    private final HistoryExportModel export;
    private final HistoryDateRange range;

    private final StringProperty hostnameSearch = new SimpleStringProperty(this, "hostnameSearch", "");
    private final StringProperty subsystem = new SimpleStringProperty(this, "subsystem", "");
    private final StringProperty result = new SimpleStringProperty(this, "result", "");
    private final StringProperty outputSearch = new SimpleStringProperty(this, "outputSearch", "");
    private final BooleanProperty consoleErrorsOnly = new SimpleBooleanProperty(this, "consoleErrorsOnly");

    private final ObservableList<HistoryEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper moreAvailable = new ReadOnlyBooleanWrapper(this, "moreAvailable");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper filterMessage = new ReadOnlyStringWrapper(this, "filterMessage", "");
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>(this, "detail");

    /** Bumped by every reload, so a slow page that arrives after a newer filter is dropped. */
    private long generation;
    /** Bumped by every selection, so outputs that arrive after the user moved on are dropped. */
    private long detailGeneration;
    private String lastReportedProblem;

    /**
     * @param fixedAgentId only this agent's history (and no hostname search), or null for all
     */
    public HistoryViewModel(HistoryRepository history, BackgroundExecutor executor, Clock clock, ErrorReporter errors,
            UUID fixedAgentId) {
        this.history = history;
        this.executor = executor;
        this.clock = clock;
        this.errors = errors;
        this.fixedAgentId = fixedAgentId;
        this.export = new HistoryExportModel(history, executor, errors, fixedAgentId);
        this.range = new HistoryDateRange(clock, errors, fixedAgentId, this::reload);
    }

    /**
     * The filter as the inputs say now. Dates are whole days in the clock's zone, both ends included, unless a
     * time of day narrows them; an end whose text could not be read is left out (the summary says so).
     */
    public HistoryFilter filter() {
        String output = outputSearch.get() == null ? "" : outputSearch.get();
        boolean outputLongEnough = output.strip().length() >= HistoryFilter.MIN_OUTPUT_SEARCH;
        return new HistoryFilter(fixedAgentId, fixedAgentId == null ? hostnameSearch.get() : "", subsystem.get(),
                result.get(), range.from(), range.until(),
                outputLongEnough ? output : "", consoleErrorsOnly.get());
    }

    /** Replaces the list with the newest page that matches the filter. */
    public void reload() {
        long requested = ++generation;
        HistoryFilter filter = filter();
        Optional<String> problem = filter.problem();
        if (problem.isPresent()) {
            rows.clear();
            loading.set(false);
            moreAvailable.set(false);
            filterMessage.set(problem.get());
            summary.set("");
            // Bad input in a form is a user-visible error like any other, but once per mistake, not per refresh.
            if (!problem.get().equals(lastReportedProblem)) {
                lastReportedProblem = problem.get();
                errors.report("history", problem.get(), null, fixedAgentId);
            }
            return;
        }
        lastReportedProblem = null;
        filterMessage.set(range.problem().isEmpty() ? shortSearchHint() : range.problem());
        loading.set(true);
        executor.submit(() -> history.page(filter, null, PAGE_SIZE), page -> {
            if (requested == generation) {
                rows.setAll(page);
                finishLoad(page.size());
            }
        }, failure -> failed(requested, failure));
    }

    /** Appends the next page, if there is one and none is on its way. */
    public void loadMore() {
        if (loading.get() || !moreAvailable.get() || rows.isEmpty()) {
            return;
        }
        long requested = generation;
        HistoryFilter filter = filter();
        if (filter.problem().isPresent()) {
            return;
        }
        HistoryRepository.PageKey after = HistoryRepository.PageKey.after(rows.get(rows.size() - 1));
        loading.set(true);
        executor.submit(() -> history.page(filter, after, PAGE_SIZE), page -> {
            if (requested == generation) {
                rows.addAll(page);
                finishLoad(page.size());
            }
        }, failure -> failed(requested, failure));
    }

    /** Shows this row's outputs in the detail (the first part of each); null clears the detail. */
    public void select(HistoryEntry entry) {
        long requested = ++detailGeneration;
        if (entry == null) {
            detail.set(null);
            return;
        }
        loadDetail(entry, DETAIL_PREVIEW_CHARS, requested);
    }

    /** Loads the selected row's outputs in full: only ever on the user's request, and off the FX thread. */
    public void showAll() {
        Detail shown = detail.get();
        if (shown != null && !shown.complete()) {
            loadDetail(shown.entry(), Integer.MAX_VALUE, ++detailGeneration);
        }
    }

    /** Loads a row's outputs in full for a window of their own, whatever the detail shows meanwhile. */
    public void loadInFull(HistoryEntry entry, java.util.function.Consumer<Detail> loaded) {
        executor.submit(() -> readDetail(entry, Integer.MAX_VALUE), loaded::accept,
                failure -> errors.report("history", failure));
    }

    /** Opens one row in the detail, e.g. from a notification's "Details"; selects it if it is listed. */
    public void reveal(UUID entryId) {
        long requested = ++detailGeneration;
        executor.submit(() -> history.find(entryId), found -> {
            if (requested != detailGeneration) {
                return;
            }
            if (found.isEmpty()) {
                errors.report("history", "History entry " + entryId + " no longer exists. It may have been "
                        + "deleted; refresh the History to see what is there.", null, fixedAgentId);
                return;
            }
            loadDetail(found.get(), DETAIL_PREVIEW_CHARS, requested);
        }, failure -> errors.report("history", failure));
    }

    private void loadDetail(HistoryEntry entry, int maxChars, long requested) {
        executor.submit(() -> readDetail(entry, maxChars), loaded -> {
            if (requested == detailGeneration) {
                detail.set(loaded);
            }
        }, failure -> errors.report("history", failure));
    }

    private Detail readDetail(HistoryEntry entry, int maxChars) throws Exception {
        HistoryOutput output = history.output(entry.id(), maxChars).orElse(new HistoryOutput(null, 0, null, 0));
        return new Detail(entry, OutputText.of(output.stdout(), output.stdoutLength()),
                OutputText.of(output.stderr(), output.stderrLength()));
    }

    /** Writes every row matching the current filter to {@code target}, in the background. */
    public void exportCsv(Path target) {
        export.exportCsv(filter(), target);
    }

    public void cancelExport() {
        export.cancelExport();
    }

    private String shortSearchHint() {
        String output = outputSearch.get() == null ? "" : outputSearch.get().strip();
        return !output.isEmpty() && output.length() < HistoryFilter.MIN_OUTPUT_SEARCH
                ? "Type at least " + HistoryFilter.MIN_OUTPUT_SEARCH + " characters to search the outputs."
                : "";
    }

    private void finishLoad(int pageSize) {
        loading.set(false);
        moreAvailable.set(pageSize == PAGE_SIZE);
        long failed = rows.stream().filter(r -> "failed".equals(r.result())).count();
        summary.set(range.ignoredNote() + rows.size() + (moreAvailable.get() ? "+" : "") + " entries shown · " + failed + " failed");
    }

    private void failed(long requested, Throwable failure) {
        if (requested == generation) {
            loading.set(false);
        }
        errors.report("history", failure);
    }

    public UUID fixedAgentId() {
        return fixedAgentId;
    }

    /** A file name after the filter and the time, e.g. "history-docker-failed-2026-11-26-1452.csv". */
    public String suggestedExportName() {
        HistoryFilter filter;
        try {
            filter = filter();
        } catch (RuntimeException e) {
            filter = HistoryFilter.all();
        }
        return HistoryExportModel.suggestedName(filter, clock);
    }

    public Clock clock() {
        return clock;
    }

    public ObservableList<HistoryEntry> rows() {
        return readOnlyRows;
    }

    public List<String> subsystemChoices() {
        return List.of("", "updates", "storage", "system", "docker", "apt", "dnf", "winget", "console", "agents", "history", "migrations",
                "scans", "startup");
    }

    public List<String> resultChoices() {
        return List.of("", "success", "failed", "partial");
    }

    public StringProperty hostnameSearchProperty() {
        return hostnameSearch;
    }

    public StringProperty subsystemProperty() {
        return subsystem;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return range.date(HistoryDateRange.Side.FROM);
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return range.date(HistoryDateRange.Side.TO);
    }

    /** The date range's inputs beyond the two dates: times of day, typed text, presets. */
    HistoryDateRange range() {
        return range;
    }

    /** For the bar's listeners: an input changed; one preset changing four inputs is one query, not four. */
    void inputChanged() {
        if (!range.applyingPreset()) {
            reload();
        }
    }

    public StringProperty outputSearchProperty() {
        return outputSearch;
    }

    public BooleanProperty consoleErrorsOnlyProperty() {
        return consoleErrorsOnly;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return moreAvailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the filter cannot run, or a hint about it; empty when there is nothing to say. */
    public ReadOnlyStringProperty filterMessageProperty() {
        return filterMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return export.exportingProperty();
    }

    /** 0..1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return export.exportProgressProperty();
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return export.exportStatusProperty();
    }
}
