package org.redflag.console.ui.history;

import java.util.List;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.ui.SearchField;

/**
 * The history's toolbar: the filters that combine (hostname, output text, subsystem, result, dates, console
 * errors only), what they matched, and the refresh and export buttons. Each change of a filter is a query.
 */
final class HistoryFilterBar extends VBox {

    private static final Duration SEARCH_PAUSE = Duration.millis(300);

    private final HistoryViewModel model;
    private final Runnable onExport;

    private TextField hostnameSearch;
    private TextField outputSearch;
    private ComboBox<String> subsystem;
    private ComboBox<String> result;
    private DatePicker fromDate;
    private DatePicker toDate;
    private TextField fromTime;
    private TextField toTime;
    private ComboBox<HistoryDateRange.Preset> presets;
    private CheckBox consoleErrorsOnly;
    private Button refresh;
    private Button export;
    private Label summary;
    private Label filterMessage;
    /** One query per pause in typing, not one per keystroke. */
    private final PauseTransition typingPause = new PauseTransition(SEARCH_PAUSE);
    /** True while a request sets every input: their listeners leave the one query to {@link #show}. */
    private boolean showingRequest;

    /** @param onExport what the export button does (asking for the file is the export bar's part) */
    HistoryFilterBar(HistoryViewModel model, Runnable onExport) {
        this.model = model;
        this.onExport = onExport;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        hostnameSearch = new SearchField("Agent hostname…");
        hostnameSearch.setId("history-hostname");
        hostnameSearch.getStyleClass().add(ViewKeys.SEARCH);
        hostnameSearch.setPrefColumnCount(14);
        outputSearch = new SearchField("Text in stdout/stderr…");
        outputSearch.setId("history-output-search");
        outputSearch.setPrefColumnCount(16);
        subsystem = choice("history-subsystem", "All subsystems", model.subsystemChoices());
        subsystem.setEditable(true);
        result = choice("history-result", "All results", model.resultChoices());
        fromDate = DateFields.picker("history-from", "From date", model.range(), HistoryDateRange.Side.FROM);
        toDate = DateFields.picker("history-to", "To date", model.range(), HistoryDateRange.Side.TO);
        fromTime = DateFields.timeField("history-from-time", model.range(), HistoryDateRange.Side.FROM);
        toTime = DateFields.timeField("history-to-time", model.range(), HistoryDateRange.Side.TO);
        presets = new ComboBox<>();
        presets.setId("history-presets");
        presets.setPromptText("Range…");
        presets.getItems().setAll(HistoryDateRange.Preset.values());
        consoleErrorsOnly = new CheckBox("Console errors only");
        consoleErrorsOnly.setId("history-console-errors");
        refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        export = new Button("Export CSV…");
        export.setId("history-export");
        summary = new Label();
        summary.setId("history-summary");
        summary.getStyleClass().add("muted");
        filterMessage = new Label();
        filterMessage.setId("history-filter-message");
        filterMessage.getStyleClass().add("filter-message");
        filterMessage.setWrapText(true);
    }

    private void layoutParts() {
        Label title = new Label(model.fixedAgentId() == null ? "History" : "Agent history");
        title.getStyleClass().add("view-title");
        // The inputs wrap onto a second line rather than shrink: a squeezed box shows neither its text nor
        // its choice. The count stays on the right of the first line.
        FlowPane inputs = new FlowPane(10, 6, title);
        if (model.fixedAgentId() == null) {
            inputs.getChildren().add(hostnameSearch);
        }
        inputs.getChildren().addAll(outputSearch, subsystem, result);
        inputs.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(inputs, Priority.ALWAYS);
        HBox searches = new HBox(10, inputs, summary);
        searches.setAlignment(Pos.CENTER_LEFT);
        // On its own line under the inputs: a sentence squeezed between them wrapped into a tall column.
        filterMessage.setMaxWidth(Double.MAX_VALUE);
        filterMessage.managedProperty().bind(filterMessage.textProperty().isNotEmpty());
        filterMessage.visibleProperty().bind(filterMessage.managedProperty());
        Label fromLabel = new Label("From");
        Label toLabel = new Label("to");
        // Wraps rather than clips: with a time beside each date the row is wider than the smallest window.
        HBox dates = new HBox(6, presets, fromLabel, fromDate, fromTime, toLabel, toDate, toTime);
        dates.setAlignment(Pos.CENTER_LEFT);
        FlowPane ranges = new FlowPane(10, 6, dates, consoleErrorsOnly, refresh, export);
        for (Region fixed : List.of(title, summary, refresh, export, consoleErrorsOnly, fromDate, toDate, fromLabel,
                toLabel, fromTime, toTime, presets, hostnameSearch, outputSearch, subsystem, result)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        ranges.setAlignment(Pos.CENTER_LEFT);
        dates.setMinWidth(Region.USE_PREF_SIZE);
        setSpacing(8);
        getChildren().setAll(searches, ranges, filterMessage);
        setPadding(new Insets(12, 16, 10, 16));
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        filterMessage.textProperty().bind(model.filterMessageProperty());
        refresh.disableProperty().bind(model.loadingProperty());
        export.disableProperty().bind(model.exportingProperty());
        // The filters are plain two-way state; the handlers below decide when that means a query.
        model.subsystemProperty().bind(subsystem.valueProperty().map(v -> v == null ? "" : v).orElse(""));
        model.resultProperty().bind(result.valueProperty().map(v -> v == null ? "" : v).orElse(""));
        // Both ways: a preset sets the pickers, and the pickers set the filter.
        fromDate.valueProperty().bindBidirectional(model.fromDateProperty());
        toDate.valueProperty().bindBidirectional(model.toDateProperty());
        model.consoleErrorsOnlyProperty().bind(consoleErrorsOnly.selectedProperty());
        model.hostnameSearchProperty().bind(hostnameSearch.textProperty());
        model.outputSearchProperty().bind(outputSearch.textProperty());
    }

    private void setupEventHandlers() {
        // One query per pause in typing, not one per keystroke; choices query at once.
        typingPause.setOnFinished(e -> model.reload());
        hostnameSearch.textProperty().addListener((obs, old, text) -> typingPause.playFromStart());
        outputSearch.textProperty().addListener((obs, old, text) -> typingPause.playFromStart());
        subsystem.valueProperty().addListener((obs, old, value) -> reloadUnlessShowingRequest());
        result.valueProperty().addListener((obs, old, value) -> reloadUnlessShowingRequest());
        for (HistoryDateRange.Side side : HistoryDateRange.Side.values()) {
            model.range().date(side).addListener((obs, old, value) -> rangeChanged());
            model.range().time(side).addListener((obs, old, value) -> rangeChanged());
        }
        presets.setOnAction(e -> {
            if (presets.getValue() != null) {
                model.range().apply(presets.getValue());
            }
        });
        consoleErrorsOnly.selectedProperty().addListener((obs, old, value) -> reloadUnlessShowingRequest());
        refresh.setOnAction(e -> model.reload());
        export.setOnAction(e -> onExport.run());
    }

    private void reloadUnlessShowingRequest() {
        if (!showingRequest) {
            model.reload();
        }
    }

    /**
     * Sets every input to what {@code filter} asks (another view's request), then queries once. The main History
     * has no fixed agent to show, so the filter's agent is left to its hostname.
     */
    void show(org.redflag.console.history.HistoryFilter filter) {
        showingRequest = true;
        try {
            if (model.fixedAgentId() == null) {
                hostnameSearch.setText(filter.hostnameContains());
            }
            outputSearch.setText(filter.outputContains());
            subsystem.setValue(filter.subsystem());
            result.setValue(filter.result());
            consoleErrorsOnly.setSelected(filter.consoleErrorsOnly());
            presets.setValue(null);
            model.range().show(filter.from(), filter.until());
        } finally {
            showingRequest = false;
        }
        typingPause.stop();
        model.reload();
    }

    /** A date or time the admin set is no longer the preset's range, so the preset box stops naming one. */
    private void rangeChanged() {
        if (!model.range().applyingPreset()) {
            presets.setValue(null);
        }
        model.inputChanged();
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
}
