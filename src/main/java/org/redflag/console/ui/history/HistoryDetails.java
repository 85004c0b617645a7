package org.redflag.console.ui.history;

import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryOutput;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The History's selected row with its outputs: the first part of each at first, all of it on request, and
 * in full for a window of its own. Outputs that arrive after the user moved on are dropped.
 */
final class HistoryDetails {

    /** The detail shows this much of an output at first; "show all" loads the rest on demand. */
    static final int PREVIEW_CHARS = 256 * 1024;

    private final HistoryRepository history;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final UUID fixedAgentId;
    private final ReadOnlyObjectWrapper<HistoryViewModel.Detail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    /** Bumped by every selection, so outputs that arrive after the user moved on are dropped. */
    private long generation;

    HistoryDetails(HistoryRepository history, BackgroundExecutor executor, ErrorReporter errors, UUID fixedAgentId) {
        this.history = history;
        this.executor = executor;
        this.errors = errors;
        this.fixedAgentId = fixedAgentId;
    }

    void select(HistoryEntry entry) {
        long requested = ++generation;
        if (entry == null) {
            detail.set(null);
            return;
        }
        load(entry, PREVIEW_CHARS, requested);
    }

    void showAll() {
        HistoryViewModel.Detail shown = detail.get();
        if (shown != null && !shown.complete()) {
            load(shown.entry(), Integer.MAX_VALUE, ++generation);
        }
    }

    void loadInFull(HistoryEntry entry, Consumer<HistoryViewModel.Detail> loaded) {
        executor.submit(() -> read(entry, Integer.MAX_VALUE), loaded::accept,
                failure -> errors.report(ConsoleArea.HISTORY, failure));
    }

    void reveal(UUID entryId) {
        long requested = ++generation;
        executor.submit(() -> history.find(entryId), found -> {
            if (requested != generation) {
                return;
            }
            if (found.isEmpty()) {
                errors.report(ConsoleArea.HISTORY, "History entry " + entryId + " no longer exists. It may have been "
                        + "deleted; refresh the History to see what is there.", null, fixedAgentId);
                return;
            }
            load(found.get(), PREVIEW_CHARS, requested);
        }, failure -> errors.report(ConsoleArea.HISTORY, failure));
    }

    ReadOnlyObjectProperty<HistoryViewModel.Detail> property() {
        return detail.getReadOnlyProperty();
    }

    private void load(HistoryEntry entry, int maxChars, long requested) {
        executor.submit(() -> read(entry, maxChars), loaded -> {
            if (requested == generation) {
                detail.set(loaded);
            }
        }, failure -> errors.report(ConsoleArea.HISTORY, failure));
    }

    private HistoryViewModel.Detail read(HistoryEntry entry, int maxChars) throws Exception {
        HistoryOutput output = history.output(entry.id(), maxChars).orElse(new HistoryOutput(null, 0, null, 0));
        return new HistoryViewModel.Detail(entry, OutputText.of(output.stdout(), output.stdoutLength()),
                OutputText.of(output.stderr(), output.stderrLength()));
    }
}
