package org.redflag.console.ui.history;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryCsvExport;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The History's CSV export: one at a time, in the background, with progress and an outcome to show and a
 * way to cancel. The rows are whatever the filter it is given matches, not only the pages loaded.
 */
final class HistoryExportModel {

    private final HistoryRepository history;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final UUID fixedAgentId;

    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(this, "exportProgress");
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper(this, "exportStatus", "");

    /** Read by the export's thread between rows. */
    private volatile boolean exportCancelled;

    HistoryExportModel(HistoryRepository history, BackgroundExecutor executor, ErrorReporter errors,
            UUID fixedAgentId) {
        this.history = history;
        this.executor = executor;
        this.errors = errors;
        this.fixedAgentId = fixedAgentId;
    }

    /** Writes every row matching {@code filter} to {@code target}, in the background; nothing while one runs. */
    void exportCsv(HistoryFilter filter, Path target) {
        if (exporting.get()) {
            return;
        }
        Optional<String> problem = filter.problem();
        if (problem.isPresent()) {
            errors.report(ConsoleArea.HISTORY, problem.get(), null, fixedAgentId);
            return;
        }
        exportCancelled = false;
        exporting.set(true);
        exportProgress.set(-1);
        exportStatus.set("Exporting to " + target.getFileName() + "…");
        HistoryCsvExport.Progress progress = new HistoryCsvExport.Progress() {
            @Override
            public void rowsWritten(long written, Optional<Long> total) {
                executor.onUiThread(() -> {
                    exportProgress.set(total.filter(t -> t > 0).map(t -> (double) written / t).orElse(-1.0));
                    exportStatus.set("Exported " + written + total.map(t -> " of " + t).orElse("") + " rows…");
                });
            }

            @Override
            public boolean cancelled() {
                return exportCancelled;
            }
        };
        executor.submitLong(() -> new HistoryCsvExport(history).export(filter, target, progress), outcome -> {
            exporting.set(false);
            exportProgress.set(outcome.completed() ? 1 : 0);
            exportStatus.set(outcome.completed()
                    ? "Exported " + outcome.rows() + " rows to " + target
                    : "Export cancelled; no file was written.");
        }, failure -> {
            exporting.set(false);
            exportProgress.set(0);
            exportStatus.set("Export failed.");
            errors.report(ConsoleArea.HISTORY, "The export to " + target + " failed: " + failure.getMessage()
                    + ". Choose a folder you can write to and try again.", failure, fixedAgentId);
        });
    }

    void cancelExport() {
        exportCancelled = true;
    }

    ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the total is unknown. */
    ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus.getReadOnlyProperty();
    }

    /**
     * A file name that says what the export holds and when it was made, e.g.
     * "history-docker-failed-2026-11-26-1452.csv", so several exports do not overwrite each other.
     */
    static String suggestedName(HistoryFilter filter, java.time.Clock clock) {
        StringBuilder name = new StringBuilder("history");
        for (String part : new String[] {filter.consoleErrorsOnly() ? "console-errors" : "", filter.hostnameContains(),
                filter.subsystem(), filter.result()}) {
            String safe = part.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
            if (!safe.isEmpty()) {
                name.append('-').append(safe.length() > 40 ? safe.substring(0, 40) : safe);
            }
        }
        name.append('-').append(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")
                .format(java.time.ZonedDateTime.now(clock)));
        return name.append(".csv").toString();
    }
}
