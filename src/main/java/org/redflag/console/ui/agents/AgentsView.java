package org.redflag.console.ui.agents;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.redflag.console.fleet.Presence;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.SearchField;
import org.redflag.console.ui.TablePaging;

/** The fleet at a glance: every agent, searchable by hostname, paged from the database. */
public final class AgentsView extends BorderPane {

    private static final Duration SEARCH_PAUSE = Duration.millis(300);

    private final AgentsViewModel model;

    private TextField search;
    private Button refresh;
    private Label summary;
    private TableView<AgentRow> table;
    private Button loadMore;

    public AgentsView(AgentsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        search = new SearchField("Search hostname…");
        search.setId("agents-search");
        search.setPrefColumnCount(24);
        refresh = new Button("Refresh");
        refresh.setId("agents-refresh");
        summary = new Label();
        summary.setId("agents-summary");
        summary.getStyleClass().add("muted");
        loadMore = new Button("Load more");
        loadMore.setId("agents-load-more");

        table = new TableView<>(model.rows());
        table.setId("agents-table");
        table.setPlaceholder(new Label("No agents match. Clear the search, or register an agent with the server."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(
                textColumn("Hostname", 260, row -> row.agent().hostname()),
                textColumn("OS", 260, row -> row.agent().osLabel()),
                textColumn("Agent version", 110, row -> row.agent().agentVersion()),
                statusColumn(),
                timeColumn("Last seen", row -> row.agent().lastSeen()),
                timeColumn("Last scan", row -> row.agent().lastScan()));
    }

    private void layoutParts() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label("Agents");
        title.getStyleClass().add("view-title");
        HBox toolbar = new HBox(10, title, search, refresh, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        HBox footer = new HBox(loadMore);
        footer.setAlignment(Pos.CENTER);
        footer.setPadding(new Insets(6));
        setTop(toolbar);
        setCenter(table);
        setBottom(footer);
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        loadMore.visibleProperty().bind(model.moreAvailableProperty());
        loadMore.managedProperty().bind(model.moreAvailableProperty());
        refresh.disableProperty().bind(model.loadingProperty());
    }

    private void setupEventHandlers() {
        // One query per pause in typing, not one per keystroke.
        PauseTransition pause = new PauseTransition(SEARCH_PAUSE);
        pause.setOnFinished(e -> model.reload());
        search.textProperty().addListener((obs, old, text) -> {
            model.searchTextProperty().set(text);
            pause.playFromStart();
        });
        refresh.setOnAction(e -> model.reload());
        loadMore.setOnAction(e -> model.loadMore());
        TablePaging.onScrolledToEnd(table, model::loadMore);
    }

    private static TableColumn<AgentRow, String> textColumn(String title, double width,
            java.util.function.Function<AgentRow, String> value) {
        TableColumn<AgentRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private TableColumn<AgentRow, Presence> statusColumn() {
        TableColumn<AgentRow, Presence> column = new TableColumn<>("Status");
        column.setPrefWidth(100);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().presence()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(Presence presence, boolean empty) {
                super.updateItem(presence, empty);
                if (empty || presence == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(presence.label());
                badge.getStyleClass().setAll("badge", presence == Presence.ONLINE ? "badge-success" : "badge-muted");
                setGraphic(badge);
            }
        });
        return column;
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
