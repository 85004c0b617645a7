package org.redflag.console.ui.agents;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.fleet.AgentSort;
import org.redflag.console.fleet.Presence;
import org.redflag.console.ui.RequestableView;
import org.redflag.console.ui.ViewRequest;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.Reasons;
import org.redflag.console.ui.SearchField;
import org.redflag.console.ui.TablePaging;
import org.redflag.console.ui.history.HistoryView;

/**
 * The fleet at a glance: every agent, searchable by hostname, filtered and ordered by column in the database,
 * paged from it. Another view opens it filtered with an {@link AgentsRequest}.
 */
public final class AgentsView extends BorderPane implements RequestableView {

    private static final Duration SEARCH_PAUSE = Duration.millis(300);

    private final AgentsViewModel model;
    private final AgentScansViewModel scans;

    private TextField search;
    /** One query per pause in typing, not one per keystroke. */
    private final PauseTransition searchPause = new PauseTransition(SEARCH_PAUSE);
    private AgentFilterBar filterBar;
    private Button refresh;
    private Label summary;
    private TableView<AgentRow> table;
    private Button loadMore;
    private ChoiceBox<Subsystem> scanSubsystem;
    private Button scanSelected;
    private javafx.scene.layout.StackPane scanSelectedHolder;
    private Button details;
    private Label batchSummary;

    private final Function<UUID, HistoryView> agentHistory;

    public AgentsView(AgentsViewModel model, AgentScansViewModel scans,
            Function<UUID, HistoryView> agentHistory) {
        this.model = model;
        this.scans = scans;
        this.agentHistory = agentHistory;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        search = new SearchField("Search hostname…");
        search.setId("agents-search");
        search.getStyleClass().add(ViewKeys.SEARCH);
        search.setPrefColumnCount(24);
        refresh = new Button("Refresh");
        refresh.setId("agents-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        search.setTooltip(new Tooltip("Hostnames that contain this text (Ctrl+F)"));
        filterBar = new AgentFilterBar(model.filters(), model.knowsReboot());
        filterBar.setId("agents-filters");
        summary = new Label();
        summary.setId("agents-summary");
        summary.getStyleClass().add("muted");
        loadMore = new Button("Load more");
        loadMore.setId("agents-load-more");
        scanSubsystem = new ChoiceBox<>(scans.offered());
        scanSubsystem.setId("scan-subsystem");
        scanSubsystem.setTooltip(new Tooltip("What the scan buttons scan"));
        scanSelected = new Button("Scan selected");
        scanSelected.setTooltip(new Tooltip("Scan every selected agent (Ctrl+Enter in the list); Enter opens the details"));
        scanSelected.setId("scan-selected");
        scanSelectedHolder = Reasons.holder(scanSelected);
        details = new Button("Details…");
        details.setId("agent-details");
        batchSummary = new Label();
        batchSummary.setId("scan-batch-summary");
        batchSummary.getStyleClass().add("muted");

        // Registered before the table's own listener on the rows: see keepSelectionOnTheSameAgents.
        model.rows().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> restoringSelection = true);
        table = new TableView<>(model.rows());
        table.setId("agents-table");
        table.setPlaceholder(new Label(
                "No agents match. Clear the search or the filters, or register an agent with the server."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setRowFactory(t -> {
            TableRow<AgentRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openDetails(row.getItem());
                }
            });
            return row;
        });
        table.getColumns().addAll(
                textColumn("Hostname", 200, row -> row.agent().hostname()),
                textColumn("OS", 200, row -> row.agent().osLabel()),
                textColumn("Version", 90, row -> row.agent().agentVersion()),
                statusColumn(),
                timeColumn("Last seen", row -> row.agent().lastSeen()),
                timeColumn("Last scan", row -> row.agent().lastScan()),
                ScanColumn.create(scans));
        // A narrow window cuts text (its tooltip has it all) but never a badge or a time: below these widths
        // the table scrolls sideways instead.
        table.getColumns().get(0).setMinWidth(120);
        table.getColumns().get(2).setMinWidth(60);
        table.getColumns().get(3).setMinWidth(82);
        table.getColumns().get(4).setMinWidth(90);
        table.getColumns().get(5).setMinWidth(90);
        // Last scan is not offered: it is an aggregate over each agent's subsystems (or history), no index orders it.
        var columns = table.getColumns();
        ServerSortedColumns.install(table, model, java.util.Map.of(columns.get(0), AgentSort.HOSTNAME,
                columns.get(1), AgentSort.OS, columns.get(2), AgentSort.VERSION, columns.get(4), AgentSort.LAST_SEEN));
    }

    private final VBox toolbar = new VBox(8);

    /** A standing notice above the list, e.g. why scanning is off for this database. */
    public void showNotice(String text) {
        Label notice = new Label(text);
        notice.setId("agents-notice");
        notice.setWrapText(true);
        notice.getStyleClass().add("notice");
        toolbar.getChildren().add(0, notice);
    }

    private void layoutParts() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label("Agents");
        title.getStyleClass().add("view-title");
        HBox searchBar = new HBox(10, title, search, refresh, spacer, summary);
        // At the smallest window the search box gives way, never the words on the buttons and labels.
        for (Region fixed : java.util.List.<Region>of(title, refresh, summary, scanSubsystem, scanSelected, details)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        search.setMinWidth(160);
        HBox.setHgrow(search, Priority.SOMETIMES);
        searchBar.setAlignment(Pos.CENTER_LEFT);
        Label scanLabel = new Label("Scan subsystem");
        scanLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox scanBar = new HBox(10, scanLabel, scanSubsystem, scanSelectedHolder,
                ScanAllMatching.control(scans, model::shownFilter, model.narrowedProperty()), details, batchSummary);
        scanBar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getChildren().setAll(searchBar, filterBar, scanBar);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        HBox footer = org.redflag.console.ui.TablePaging.loadMoreFooter(loadMore);
        setTop(toolbar);
        setCenter(table);
        setBottom(footer);
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        loadMore.visibleProperty().bind(model.moreAvailableProperty());
        loadMore.managedProperty().bind(model.moreAvailableProperty());
        refresh.disableProperty().bind(model.loadingProperty());
        scanSubsystem.valueProperty().bindBidirectional(scans.subsystemProperty());
        var nothingSelected = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        // A role that may not queue commands never gets the button, whatever is selected (Ctrl+Enter fires it).
        var refused = scans.scanRefusal();
        scanSelected.disableProperty().bind(refused.isPresent() ? Bindings.createBooleanBinding(() -> true)
                : nothingSelected);
        Reasons.show(scanSelectedHolder, scanSelected, refused.orElse(null));
        details.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        batchSummary.textProperty().bind(scans.batchSummaryProperty());
    }

    private void setupEventHandlers() {
        searchPause.setOnFinished(e -> model.reload());
        search.textProperty().addListener((obs, old, text) -> {
            model.searchTextProperty().set(text);
            searchPause.playFromStart();
        });
        refresh.setOnAction(e -> {
            model.reload();
            model.loadChoices();
        });
        loadMore.setOnAction(e -> model.loadMore());
        scanSelected.setOnAction(e -> scans.scanAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
        details.setOnAction(e -> openDetails(table.getSelectionModel().getSelectedItem()));
        TablePaging.onScrolledToEnd(table, model::loadMore);
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.isShortcutDown()) {
                scanSelected.fire();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openDetails(table.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        keepSelectionOnTheSameAgents();
    }

    /**
     * A reload replaces the rows; the selection (and the focused row) stay on the same agents, by id, not on
     * whatever agents now sit at the same positions.
     */
    private void keepSelectionOnTheSameAgents() {
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> {
            if (!restoringSelection) {
                chosenAgents.clear();
                table.getSelectionModel().getSelectedItems().forEach(r -> chosenAgents.add(r.agent().id()));
            }
        });
        table.getFocusModel().focusedItemProperty().addListener((obs, old, row) -> {
            if (!restoringSelection && row != null) {
                focusedAgent = row.agent().id();
            }
        });
        // Runs after the table's own reaction to the new rows (listeners run in the order they were added).
        model.rows().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> {
            try {
                table.getSelectionModel().clearSelection();
                for (int i = 0; i < table.getItems().size(); i++) {
                    java.util.UUID id = table.getItems().get(i).agent().id();
                    if (chosenAgents.contains(id)) {
                        table.getSelectionModel().select(i);
                    }
                    if (id.equals(focusedAgent)) {
                        table.getFocusModel().focus(i);
                    }
                }
            } finally {
                restoringSelection = false;
            }
        });
    }

    /** An {@link AgentsRequest}: its filters, the search cleared, from the first page in the order shown. */
    @Override
    public void open(ViewRequest request) {
        if (request instanceof AgentsRequest agents) {
            search.setText("");
            searchPause.stop();
            model.open(agents);
        }
    }

    /** The agents chosen in the list and the one with the focus, by id, kept across reloads. */
    private final java.util.Set<java.util.UUID> chosenAgents = new java.util.LinkedHashSet<>();
    private java.util.UUID focusedAgent;
    /** Set before the table reacts to new rows, so its clearing of the selection is not taken for the user's. */
    private boolean restoringSelection;

    private void openDetails(AgentRow row) {
        if (row != null) {
            AgentDetailView.show(getScene().getWindow(), scans.details(row), agentHistory.apply(row.agent().id()));
        }
    }

    private static TableColumn<AgentRow, String> textColumn(String title, double width,
            java.util.function.Function<AgentRow, String> value) {
        return Columns.text(title, width, value);
    }

    private static TableColumn<AgentRow, AgentRow> statusColumn() {
        return Columns.badge("Status", 100, row -> row.presence().label(),
                row -> row.presence() == Presence.ONLINE ? "badge-success" : "badge-muted");
    }

    private TableColumn<AgentRow, java.time.Instant> timeColumn(String title,
            java.util.function.Function<AgentRow, java.time.Instant> value) {
        TableColumn<AgentRow, java.time.Instant> column = new TableColumn<>(title);
        column.setPrefWidth(120);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(java.time.Instant instant, boolean empty) {
                super.updateItem(instant, empty);
                if (empty) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(Formats.ago(instant, model.clock()));
                setTooltip(instant == null ? null : new Tooltip(Formats.absolute(instant, model.clock())));
            }
        });
        return column;
    }
}
