package org.redflag.console.ui.history;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.TablePaging;

/**
 * The history table, newest first, one keyset page at a time, with filters that combine, a detail pane
 * with the selected entry's outputs, and CSV export of everything the filter matches.
 */
public final class HistoryView extends BorderPane implements org.redflag.console.ui.RequestableView {

    private final HistoryViewModel model;

    private HistoryFilterBar filters;
    private TableView<HistoryEntry> table;
    private Button loadMore;
    private HistoryDetailPane detail;
    private HistoryExportBar exportBar;
    /** True while the view selects a row itself (to match a revealed entry): that is not a user's choice. */
    private boolean selectingForDetail;

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    /** The whole history (fixed agent none), for the main window. */
    public static HistoryView of(HistoryRepository history, BackgroundExecutor executor, Clock clock,
            ErrorReporter errors) {
        return forAgent(history, executor, clock, errors, null);
    }

    /**
     * The whole history, loaded, and kept current: new history rows, the slow poll and a reconnect of the live
     * connection read again what it shows, in one query.
     */
    public static HistoryView following(org.redflag.console.live.ChangeBus changes, HistoryRepository history,
            BackgroundExecutor executor, Clock clock, ErrorReporter errors) {
        HistoryView view = of(history, executor, clock, errors);
        view.reload();
        changes.onChange(javafx.application.Platform::runLater, notice -> {
            if (notice.reloadsEverything() || "update_logs".equals(notice.table())) {
                view.model.resync();
            }
        });
        return view;
    }

    /** One agent's history, for the agent detail; call {@link #reload()} when it is shown. */
    public static HistoryView forAgent(HistoryRepository history, BackgroundExecutor executor, Clock clock,
            ErrorReporter errors, UUID agentId) {
        return new HistoryView(new HistoryViewModel(history, executor, clock, errors, agentId));
    }

    public HistoryViewModel model() {
        return model;
    }

    public void reload() {
        model.reload();
    }

    /** Another view asked for this filter (an Overview bar, a link): the bar shows it and the list is read again. */
    @Override
    public void open(org.redflag.console.ui.ViewRequest request) {
        if (request instanceof HistoryRequest history) {
            filters.show(history.filter());
        }
    }

    private void initializeParts() {
        exportBar = new HistoryExportBar(model);
        filters = new HistoryFilterBar(model, exportBar::chooseFileAndExport);
        loadMore = new Button("Load more");
        loadMore.setId("history-load-more");

        Clock clock = model.clock();
        // Registered before the table's own listener: its clearing of the selection is not the user's.
        model.rows().addListener((javafx.collections.ListChangeListener<HistoryEntry>) c -> selectingForDetail = true);
        table = new TableView<>(model.rows());
        keepTheShownEntrySelected();
        table.setId("history-table");
        table.setPlaceholder(new Label("No history matches. Scans and console errors appear here; "
                + "clear a filter to see more."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", 165, e -> Formats.absolute(e.executedAt(), clock)));
        table.getColumns().get(0).setMinWidth(165);
        if (model.fixedAgentId() == null) {
            table.getColumns().add(column("Agent", 170, e -> e.hostname() == null ? "—" : e.hostname()));
        }
        table.getColumns().addAll(List.of(
                column("Subsystem", 100, HistoryEntry::subsystem),
                column("Action", 120, HistoryEntry::action),
                resultColumn(),
                column("Exit", 50, e -> e.exitCode() == null ? "" : e.exitCode().toString()),
                column("Duration", 90, e -> Formats.duration(e.durationSeconds())),
                column("Output", 320, e -> Formats.firstLine(e.stderr() != null && !e.stderr().isBlank()
                        ? e.stderr() : e.stdout()))));

        detail = new HistoryDetailPane(model);
    }

    private void layoutParts() {
        HBox footer = org.redflag.console.ui.TablePaging.loadMoreFooter(loadMore);
        BorderPane list = new BorderPane(table);
        list.setBottom(footer);

        SplitPane split = new SplitPane(list, detail);
        split.setOrientation(Orientation.VERTICAL);
        // In an agent's details the list shares a tab with the output: give the rows the larger part.
        split.setDividerPositions(model.fixedAgentId() == null ? 0.55 : 0.68);

        setTop(filters);
        setCenter(split);
        setBottom(exportBar);
    }

    private void setupBindings() {
        loadMore.visibleProperty().bind(model.moreAvailableProperty());
        loadMore.managedProperty().bind(model.moreAvailableProperty());
    }

    private void setupEventHandlers() {
        loadMore.setOnAction(e -> model.loadMore());
        TablePaging.onScrolledToEnd(table, model::loadMore);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (!selectingForDetail) {
                model.select(entry);
            }
        });
        model.detailProperty().addListener((obs, old, shown) -> showDetail(shown));
        // Enter or a double click opens the row's whole output beside the list.
        table.setOnKeyPressed(e -> {
            HistoryEntry chosen = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && chosen != null) {
                OutputWindow.open(getScene().getWindow(), model, chosen);
                e.consume();
            }
        });
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<HistoryEntry> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    OutputWindow.open(getScene().getWindow(), model, row.getItem());
                }
            });
            return row;
        });
    }

    /**
     * When the rows are read again (live, or a filter that still matches it), the entry in the detail stays
     * selected, by id; one that is no longer listed is let go, and the detail with it.
     */
    private void keepTheShownEntrySelected() {
        model.rows().addListener((javafx.collections.ListChangeListener<HistoryEntry>) c -> {
            HistoryViewModel.Detail shown = model.detailProperty().get();
            try {
                var again = shown == null ? java.util.Optional.<HistoryEntry>empty()
                        : model.rows().stream().filter(r -> r.id().equals(shown.entry().id())).findFirst();
                again.ifPresent(entry -> table.getSelectionModel().select(entry));
                if (again.isEmpty() && shown != null) {
                    model.select(null);
                }
            } finally {
                selectingForDetail = false;
            }
        });
    }

    private void showDetail(HistoryViewModel.Detail shown) {
        if (shown == null) {
            return;
        }
        detail.show(shown);
        HistoryEntry e = shown.entry();
        HistoryEntry selected = table.getSelectionModel().getSelectedItem();
        if (selected == null || !selected.id().equals(e.id())) {
            selectingForDetail = true;
            try {
                model.rows().stream().filter(r -> r.id().equals(e.id())).findFirst().ifPresentOrElse(row -> {
                    table.getSelectionModel().select(row);
                    table.scrollTo(row);
                }, () -> table.getSelectionModel().clearSelection());
            } finally {
                selectingForDetail = false;
            }
        }
    }

    private static TableColumn<HistoryEntry, HistoryEntry> resultColumn() {
        TableColumn<HistoryEntry, HistoryEntry> column = org.redflag.console.ui.Columns.badge("Result", 90,
                HistoryEntry::result, entry -> badgeStyle(entry.result()));
        // A badge cut to "s…" says nothing: below this width the table scrolls sideways instead.
        column.setMinWidth(80);
        return column;
    }

    /** The badge says how it went: done, half done, or not done. */
    static String badgeStyle(String result) {
        return switch (result) {
            case "success" -> "badge-success";
            case "partial" -> "badge-warning";
            case "failed" -> "badge-danger";
            default -> "badge-muted";
        };
    }

    private static TableColumn<HistoryEntry, String> column(String title, double width,
            Function<HistoryEntry, String> value) {
        return org.redflag.console.ui.Columns.text(title, width, value);
    }
}
