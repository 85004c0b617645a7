package org.redflag.console.ui.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.KeysetPages;

/**
 * The History's state: the filter the user built, one growing list of keyset pages from the database, the
 * selected row's outputs, and a running CSV export. With a fixed agent it is that agent's history (the
 * agent detail embeds it); otherwise the whole fleet's and the console's.
 */
public final class HistoryViewModel {

    static final int PAGE_SIZE = 200;


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

    private final KeysetPages<HistoryFilter, HistoryEntry> pages;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper filterMessage = new ReadOnlyStringWrapper(this, "filterMessage", "");
    private final HistoryDetails details;

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
        this.details = new HistoryDetails(history, executor, errors, fixedAgentId);
        this.pages = new KeysetPages<>((filter, after, limit) -> history.page(filter,
                after == null ? null : HistoryRepository.PageKey.after(after), limit), executor, PAGE_SIZE,
                this::summarise, failure -> errors.report(ConsoleArea.HISTORY, failure));
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
        HistoryFilter filter = filter();
        Optional<String> problem = filter.problem();
        if (problem.isPresent()) {
            pages.clear();
            filterMessage.set(problem.get());
            summary.set("");
            // Bad input in a form is a user-visible error like any other, but once per mistake, not per refresh.
            if (!problem.get().equals(lastReportedProblem)) {
                lastReportedProblem = problem.get();
                errors.report(ConsoleArea.HISTORY, problem.get(), null, fixedAgentId);
            }
            return;
        }
        lastReportedProblem = null;
        filterMessage.set(range.problem().isEmpty() ? shortSearchHint() : range.problem());
        pages.reload(filter);
    }

    /** Appends the next page of what the list shows, if there is one and none is on its way. */
    public void loadMore() {
        pages.loadMore();
    }

    /** Shows this row's outputs in the detail (the first part of each); null clears the detail. */
    public void select(HistoryEntry entry) {
        details.select(entry);
    }

    /** Loads the selected row's outputs in full: only ever on the user's request, and off the FX thread. */
    public void showAll() {
        details.showAll();
    }

    /** Loads a row's outputs in full for a window of their own, whatever the detail shows meanwhile. */
    public void loadInFull(HistoryEntry entry, java.util.function.Consumer<Detail> loaded) {
        details.loadInFull(entry, loaded);
    }

    /** Opens one row in the detail, e.g. from a notification's "Details"; selects it if it is listed. */
    public void reveal(UUID entryId) {
        details.reveal(entryId);
    }

    /**
     * Reads again the rows the list shows, in one query, keeping as many as are loaded: after the live
     * connection came back, on the slow poll, or when history rows arrive. A failure waits for the next one.
     */
    public void resync() {
        pages.resync();
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

    private void summarise() {
        List<HistoryEntry> rows = pages.rows();
        long failed = rows.stream().filter(r -> "failed".equals(r.result())).count();
        summary.set(range.ignoredNote() + rows.size() + (pages.moreAvailableProperty().get() ? "+" : "")
                + " entries shown · " + failed + " failed");
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
        return pages.rows();
    }

    public List<String> subsystemChoices() {
        // The subsystems of both schemas, then the console's own areas: the words its errors are recorded under.
        List<String> choices = new ArrayList<>(List.of("", "updates", "storage", "system", "docker", "apt", "dnf", "winget"));
        choices.addAll(ConsoleArea.words());
        return List.copyOf(choices);
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
        return pages.loadingProperty();
    }

    public ReadOnlyBooleanProperty moreAvailableProperty() {
        return pages.moreAvailableProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why the filter cannot run, or a hint about it; empty when there is nothing to say. */
    public ReadOnlyStringProperty filterMessageProperty() {
        return filterMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return details.property();
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
