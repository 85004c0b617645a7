package org.redflag.console.ui.history;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.SearchField;
import org.redflag.console.ui.TablePaging;

/**
 * The history table, newest first, one keyset page at a time, with filters that combine, a detail pane
 * with the selected entry's outputs, and CSV export of everything the filter matches.
 */
public final class HistoryView extends BorderPane {

    private static final Duration SEARCH_PAUSE = Duration.millis(300);

    private final HistoryViewModel model;

    private TextField hostnameSearch;
    private TextField outputSearch;
    private ComboBox<String> subsystem;
    private ComboBox<String> result;
    private DatePicker fromDate;
    private DatePicker toDate;
    private CheckBox consoleErrorsOnly;
    private Button refresh;
    private Button export;
    private Label summary;
    private Label filterMessage;
    private TableView<HistoryEntry> table;
    private Button loadMore;
    private Label detailTitle;
    private TabPane outputs;
    private Tab stderrTab;
    private Tab stdoutTab;
    private OutputPane stderrPane;
    private OutputPane stdoutPane;
    private Label noSelection;
    private HBox exportBar;
    private ProgressBar exportProgress;
    private Label exportStatus;
    private Button cancelExport;
    /** True while the view selects a row itself (to match a revealed entry): that is not a user's choice. */
    private boolean selectingForDetail;
    private UUID shownEntryId;

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

    private void initializeParts() {
        hostnameSearch = new SearchField("Agent hostname…");
        hostnameSearch.setId("history-hostname");
        hostnameSearch.setPrefColumnCount(14);
        outputSearch = new SearchField("Text in stdout/stderr…");
        outputSearch.setId("history-output-search");
        outputSearch.setPrefColumnCount(16);
        subsystem = choice("history-subsystem", "All subsystems", model.subsystemChoices());
        subsystem.setEditable(true);
        result = choice("history-result", "All results", model.resultChoices());
        fromDate = datePicker("history-from", "From date");
        toDate = datePicker("history-to", "To date");
        consoleErrorsOnly = new CheckBox("Console errors only");
        consoleErrorsOnly.setId("history-console-errors");
        refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        export = new Button("Export CSV…");
        export.setId("history-export");
        summary = new Label();
        summary.setId("history-summary");
        summary.getStyleClass().add("muted");
        filterMessage = new Label();
        filterMessage.setId("history-filter-message");
        filterMessage.getStyleClass().add("filter-message");
        filterMessage.setWrapText(true);
        loadMore = new Button("Load more");
        loadMore.setId("history-load-more");

        Clock clock = model.clock();
        table = new TableView<>(model.rows());
        table.setId("history-table");
        table.setPlaceholder(new Label("No history matches. Scans and console errors appear here; "
                + "clear a filter to see more."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", 165, e -> Formats.absolute(e.executedAt(), clock)));
        if (model.fixedAgentId() == null) {
            table.getColumns().add(column("Agent", 170, e -> e.hostname() == null ? "—" : e.hostname()));
        }
        table.getColumns().addAll(List.of(
                column("Subsystem", 100, HistoryEntry::subsystem),
                column("Action", 120, HistoryEntry::action),
                resultColumn(),
                column("Exit", 50, e -> e.exitCode() == null ? "" : e.exitCode().toString()),
                column("Duration", 90, e -> duration(e.durationSeconds())),
                column("Output", 320, e -> firstLine(e.stderr() != null && !e.stderr().isBlank()
                        ? e.stderr() : e.stdout()))));

        detailTitle = new Label();
        detailTitle.setId("history-detail-title");
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.setWrapText(true);
        stderrPane = new OutputPane("history-stderr", model::showAll);
        stdoutPane = new OutputPane("history-stdout", model::showAll);
        stderrTab = new Tab("stderr", stderrPane);
        stdoutTab = new Tab("stdout", stdoutPane);
        outputs = new TabPane(stderrTab, stdoutTab);
        outputs.setId("history-outputs");
        outputs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        noSelection = new Label("Select an entry to see its output.");
        noSelection.getStyleClass().add("muted");

        exportProgress = new ProgressBar();
        exportProgress.setId("history-export-progress");
        exportProgress.setPrefWidth(220);
        exportStatus = new Label();
        exportStatus.setId("history-export-status");
        cancelExport = new Button("Cancel");
        cancelExport.setId("history-export-cancel");
    }

    private void layoutParts() {
        Label title = new Label(model.fixedAgentId() == null ? "History" : "Agent history");
        title.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox searches = new HBox(10, title);
        if (model.fixedAgentId() == null) {
            searches.getChildren().add(hostnameSearch);
        }
        searches.getChildren().addAll(outputSearch, subsystem, result, spacer, summary);
        searches.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filterMessage, Priority.ALWAYS);
        filterMessage.setMaxWidth(Double.MAX_VALUE);
        Label fromLabel = new Label("From");
        Label toLabel = new Label("to");
        HBox ranges = new HBox(10, fromLabel, fromDate, toLabel, toDate, consoleErrorsOnly, filterMessage, refresh, export);
        for (Region fixed : List.of(title, summary, refresh, export, consoleErrorsOnly, fromDate, toDate, fromLabel,
                toLabel)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        ranges.setAlignment(Pos.CENTER_LEFT);
        VBox toolbar = new VBox(8, searches, ranges);
        toolbar.setPadding(new Insets(12, 16, 10, 16));

        HBox footer = new HBox(loadMore);
        footer.setAlignment(Pos.CENTER);
        footer.setPadding(new Insets(4));
        BorderPane list = new BorderPane(table);
        list.setBottom(footer);

        BorderPane detailPane = new BorderPane(outputs);
        detailPane.setId("history-detail");
        detailTitle.setPadding(new Insets(6, 10, 6, 10));
        detailPane.setTop(detailTitle);
        StackPane detail = new StackPane(noSelection, detailPane);
        SplitPane split = new SplitPane(list, detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);

        exportBar = new HBox(10, exportProgress, exportStatus, cancelExport);
        exportBar.setAlignment(Pos.CENTER_LEFT);
        exportBar.setPadding(new Insets(6, 16, 6, 16));

        setTop(toolbar);
        setCenter(split);
        setBottom(exportBar);
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        filterMessage.textProperty().bind(model.filterMessageProperty());
        loadMore.visibleProperty().bind(model.moreAvailableProperty());
        loadMore.managedProperty().bind(model.moreAvailableProperty());
        refresh.disableProperty().bind(model.loadingProperty());
        export.disableProperty().bind(model.exportingProperty());
        exportProgress.progressProperty().bind(model.exportProgressProperty());
        exportStatus.textProperty().bind(model.exportStatusProperty());
        exportProgress.visibleProperty().bind(model.exportingProperty());
        cancelExport.visibleProperty().bind(model.exportingProperty());
        exportBar.visibleProperty().bind(model.exportStatusProperty().isNotEmpty());
        exportBar.managedProperty().bind(exportBar.visibleProperty());
        // The filters are plain two-way state; the handlers below decide when that means a query.
        model.subsystemProperty().bind(subsystem.valueProperty().map(v -> v == null ? "" : v).orElse(""));
        model.resultProperty().bind(result.valueProperty().map(v -> v == null ? "" : v).orElse(""));
        model.fromDateProperty().bind(fromDate.valueProperty());
        model.toDateProperty().bind(toDate.valueProperty());
        model.consoleErrorsOnlyProperty().bind(consoleErrorsOnly.selectedProperty());
        model.hostnameSearchProperty().bind(hostnameSearch.textProperty());
        model.outputSearchProperty().bind(outputSearch.textProperty());
        noSelection.visibleProperty().bind(model.detailProperty().isNull());
        outputs.getParent().visibleProperty().bind(model.detailProperty().isNotNull());
    }

    private void setupEventHandlers() {
        // One query per pause in typing, not one per keystroke; choices query at once.
        PauseTransition pause = new PauseTransition(SEARCH_PAUSE);
        pause.setOnFinished(e -> model.reload());
        hostnameSearch.textProperty().addListener((obs, old, text) -> pause.playFromStart());
        outputSearch.textProperty().addListener((obs, old, text) -> pause.playFromStart());
        subsystem.valueProperty().addListener((obs, old, value) -> model.reload());
        result.valueProperty().addListener((obs, old, value) -> model.reload());
        fromDate.valueProperty().addListener((obs, old, value) -> model.reload());
        toDate.valueProperty().addListener((obs, old, value) -> model.reload());
        consoleErrorsOnly.selectedProperty().addListener((obs, old, value) -> model.reload());
        refresh.setOnAction(e -> model.reload());
        loadMore.setOnAction(e -> model.loadMore());
        TablePaging.onScrolledToEnd(table, model::loadMore);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (!selectingForDetail) {
                model.select(entry);
            }
        });
        model.detailProperty().addListener((obs, old, shown) -> showDetail(shown));
        export.setOnAction(e -> chooseExportFile());
        cancelExport.setOnAction(e -> model.cancelExport());
    }

    private void showDetail(HistoryViewModel.Detail shown) {
        if (shown == null) {
            return;
        }
        HistoryEntry e = shown.entry();
        detailTitle.setText(String.join(" · ", Formats.absolute(e.executedAt(), model.clock()),
                e.hostname() == null ? "console" : e.hostname(), String.valueOf(e.subsystem()), e.action(),
                e.result()) + (e.exitCode() == null ? "" : " · exit " + e.exitCode())
                + (e.durationSeconds() == null ? "" : " · " + duration(e.durationSeconds())));
        stderrPane.show(shown.stderr());
        stdoutPane.show(shown.stdout());
        stderrTab.setText("stderr" + (shown.stderr().fullLength() == 0 ? " (empty)" : ""));
        stdoutTab.setText("stdout" + (shown.stdout().fullLength() == 0 ? " (empty)" : ""));
        if (!e.id().equals(shownEntryId)) {
            shownEntryId = e.id();
            outputs.getSelectionModel().select(shown.stderr().fullLength() > 0 || shown.stdout().fullLength() == 0
                    ? stderrTab : stdoutTab);
        }
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

    private void chooseExportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the filtered history to CSV");
        chooser.setInitialFileName("history.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }

    private static ComboBox<String> choice(String id, String allLabel, List<String> values) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.setPromptText(allLabel);
        box.setPrefWidth(165);
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isEmpty() ? allLabel : value;
            }

            @Override
            public String fromString(String text) {
                return text == null || text.isBlank() || text.equals(allLabel) ? "" : text.strip();
            }
        });
        return box;
    }

    private static DatePicker datePicker(String id, String prompt) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPromptText(prompt);
        picker.setPrefWidth(140);
        return picker;
    }

    private TableColumn<HistoryEntry, String> resultColumn() {
        TableColumn<HistoryEntry, String> column = column("Result", 90, HistoryEntry::result);
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                if (empty || value == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(value);
                badge.getStyleClass().setAll("badge", badgeStyle(value));
                setGraphic(badge);
            }
        });
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

    static String duration(Integer seconds) {
        if (seconds == null) {
            return "";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
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
