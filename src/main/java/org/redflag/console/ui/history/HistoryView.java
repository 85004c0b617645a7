package org.redflag.console.ui.history;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.TablePaging;

/** The history table, newest first, one keyset page at a time. */
public final class HistoryView extends BorderPane {

    private static final int PAGE_SIZE = 200;

    private final HistoryRepository history;
    private final BackgroundExecutor executor;
    private final Clock clock;
    private final Consumer<Throwable> onError;

    private final TableView<HistoryEntry> table = new TableView<>();
    private final Button refresh = new Button("Refresh");
    private boolean loading;
    private boolean moreAvailable;

    public HistoryView(HistoryRepository history, BackgroundExecutor executor, Clock clock, Consumer<Throwable> onError) {
        this.history = history;
        this.executor = executor;
        this.clock = clock;
        this.onError = onError;
        table.setId("history-table");
        table.setPlaceholder(new Label("No history yet: scans and console errors appear here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(
                column("Time", 150, e -> Formats.absolute(e.executedAt(), clock)),
                column("Agent", 200, e -> e.hostname() == null ? "—" : e.hostname()),
                column("Subsystem", 100, HistoryEntry::subsystem),
                column("Action", 140, HistoryEntry::action),
                column("Result", 80, HistoryEntry::result),
                column("Exit", 50, e -> e.exitCode() == null ? "" : e.exitCode().toString()),
                column("Duration", 80, e -> e.durationSeconds() == null ? "" : e.durationSeconds() + " s"),
                column("Output", 300, e -> firstLine(e.stderr() != null && !e.stderr().isBlank() ? e.stderr() : e.stdout())));
        Label title = new Label("History");
        title.getStyleClass().add("view-title");
        HBox toolbar = new HBox(10, title, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        setTop(toolbar);
        setCenter(table);
        refresh.setOnAction(e -> reload());
        TablePaging.onScrolledToEnd(table, this::loadMore);
    }

    public void reload() {
        load(null, true);
    }

    private void loadMore() {
        if (!loading && moreAvailable && !table.getItems().isEmpty()) {
            load(HistoryRepository.PageKey.after(table.getItems().get(table.getItems().size() - 1)), false);
        }
    }

    private void load(HistoryRepository.PageKey after, boolean replace) {
        loading = true;
        executor.submit(() -> history.page(after, PAGE_SIZE), (List<HistoryEntry> page) -> {
            if (replace) {
                table.getItems().setAll(page);
            } else {
                table.getItems().addAll(page);
            }
            moreAvailable = page.size() == PAGE_SIZE;
            loading = false;
        }, failure -> {
            loading = false;
            onError.accept(failure);
        });
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static TableColumn<HistoryEntry, String> column(String title, double width,
            Function<HistoryEntry, String> value) {
        TableColumn<HistoryEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
