package org.redflag.console.ui.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.redflag.console.operations.Operation;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.Reasons;
import org.redflag.console.ui.RequestableView;
import org.redflag.console.ui.TablePaging;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.ui.ViewRequest;

/**
 * The commands in flight across the fleet: filtered by status, type and "stuck only", several chosen at once
 * to cancel (after a confirmation that lists them), retry or archive. A button the role or the schema does not
 * allow is disabled, its tooltip saying why.
 */
public final class OperationsView extends BorderPane implements RequestableView {

    private final OperationsViewModel model;

    private ComboBox<OperationsViewModel.StatusChoice> status;
    private ComboBox<String> commandType;
    private CheckBox stuckOnly;
    private Button refresh;
    private Label summary;
    private TableView<Operation> table;
    private Button cancel;
    private Button retry;
    private Button archive;
    private StackPane cancelHolder;
    private StackPane retryHolder;
    private StackPane archiveHolder;
    private Label outcome;
    private Button loadMore;

    public OperationsView(OperationsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    @Override
    public void open(ViewRequest request) {
        if (request instanceof OperationsRequest wanted) {
            model.open(wanted);
        }
    }

    private void initializeParts() {
        status = new ComboBox<>(model.statusChoices());
        status.setId("operations-status");
        status.getStyleClass().add(ViewKeys.SEARCH);
        status.setTooltip(new Tooltip("Which statuses to list (Ctrl+F)"));
        commandType = new ComboBox<>(model.commandTypes());
        commandType.setId("operations-type");
        commandType.setTooltip(new Tooltip("Which command type to list"));
        stuckOnly = new CheckBox("Stuck only");
        stuckOnly.setId("operations-stuck");
        stuckOnly.setTooltip(new Tooltip(model.stuckMeaning()));
        refresh = new Button("Refresh");
        refresh.setId("operations-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        summary = new Label();
        summary.setId("operations-summary");
        summary.getStyleClass().add("muted");
        cancel = new Button("Cancel…");
        cancel.setId("operations-cancel");
        cancel.setTooltip(new Tooltip("Cancel the selected commands that are pending or sent (Delete)"));
        retry = new Button("Retry");
        retry.setId("operations-retry");
        retry.setTooltip(new Tooltip("Queue the selected failed, timed-out or cancelled scans again (Ctrl+R)"));
        archive = new Button("Archive");
        archive.setId("operations-archive");
        archive.setTooltip(new Tooltip("Move the selected failed and timed-out commands to archived"));
        cancelHolder = Reasons.holder(cancel);
        retryHolder = Reasons.holder(retry);
        archiveHolder = Reasons.holder(archive);
        outcome = new Label();
        outcome.setId("operations-outcome");
        outcome.getStyleClass().add("muted");
        outcome.setWrapText(true);
        loadMore = new Button("Load more");
        loadMore.setId("operations-load-more");

        table = new TableView<>(model.rows());
        table.setId("operations-table");
        table.setPlaceholder(new Label("No command matches. Choose another status or type, or clear Stuck only."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().addAll(
                Columns.text("Agent", 170, o -> o.hostname() == null ? "(agent removed)" : o.hostname()),
                Columns.text("Command", 130, Operation::commandType),
                Columns.badge("Status", 130, OperationsView::statusText, OperationsView::statusStyle),
                Columns.text("Source", 70, Operation::source),
                timeColumn("Created", Operation::createdAt),
                timeColumn("Sent", Operation::sentAt),
                Columns.text("Result", 220, o -> Formats.firstLine(o.summary())));
        table.getColumns().get(2).setMinWidth(100);
    }

    private void layoutParts() {
        Label title = new Label("Operations");
        title.getStyleClass().add("view-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Region fixed : List.<Region>of(title, status, commandType, stuckOnly, refresh, summary, cancel, retry,
                archive)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        // At the smallest window the filters wrap onto another line rather than shrink.
        FlowPane filters = new FlowPane(10, 8, title, status, commandType, stuckOnly, refresh);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filters, Priority.ALWAYS);
        HBox filterBar = new HBox(10, filters, summary);
        filterBar.setAlignment(Pos.CENTER_LEFT);
        HBox actionBar = new HBox(10, cancelHolder, retryHolder, archiveHolder, outcome);
        actionBar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(outcome, Priority.ALWAYS);
        VBox toolbar = new VBox(8, filterBar, actionBar);
        toolbar.setPadding(new Insets(12, 16, 12, 16));
        HBox footer = org.redflag.console.ui.TablePaging.loadMoreFooter(loadMore);
        setTop(toolbar);
        setCenter(table);
        setBottom(footer);
    }

    private void setupBindings() {
        status.valueProperty().bindBidirectional(model.statusProperty());
        commandType.valueProperty().bindBidirectional(model.commandTypeProperty());
        stuckOnly.selectedProperty().bindBidirectional(model.stuckOnlyProperty());
        summary.textProperty().bind(model.summaryProperty());
        outcome.textProperty().bind(model.outcomeProperty());
        refresh.disableProperty().bind(model.loadingProperty());
        loadMore.visibleProperty().bind(model.moreAvailableProperty());
        loadMore.managedProperty().bind(model.moreAvailableProperty());
        bindAction(cancel, cancelHolder, model.refusal(DatabaseRole.Action.CANCEL), Operation::cancellable);
        bindAction(retry, retryHolder, model.refusal(DatabaseRole.Action.RETRY), Operation::retryable);
        bindAction(archive, archiveHolder, model.archiveUnavailable(), Operation::archivable);
    }

    /** Disabled for good, with the reason, where refused; else while no selected command is one it acts on. */
    private void bindAction(Button button, StackPane holder, Optional<String> refused, Predicate<Operation> actsOn) {
        var selected = table.getSelectionModel().getSelectedItems();
        button.disableProperty().bind(refused.isPresent() ? Bindings.createBooleanBinding(() -> true)
                : Bindings.createBooleanBinding(() -> selected.stream().noneMatch(actsOn), selected));
        Reasons.show(holder, button, refused.orElse(null));
    }

    private void setupEventHandlers() {
        status.valueProperty().addListener((obs, was, now) -> model.filterChanged());
        commandType.valueProperty().addListener((obs, was, now) -> {
            if (now != null && !now.equals(was)) {
                model.filterChanged();
            }
        });
        stuckOnly.selectedProperty().addListener((obs, was, now) -> model.filterChanged());
        refresh.setOnAction(e -> model.reload());
        loadMore.setOnAction(e -> model.loadMore());
        TablePaging.onScrolledToEnd(table, model::loadMore);
        cancel.setOnAction(e -> {
            List<Operation> chosen = selected().stream().filter(Operation::cancellable).toList();
            if (!chosen.isEmpty() && CancelConfirmation.confirmed(this, chosen)) {
                model.cancel(chosen);
            }
        });
        retry.setOnAction(e -> model.retry(selected()));
        archive.setOnAction(e -> model.archive(selected()));
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && !cancel.isDisabled()) {
                cancel.fire();
                e.consume();
            } else if (e.getCode() == KeyCode.R && e.isShortcutDown() && !retry.isDisabled()) {
                retry.fire();
                e.consume();
            }
        });
        // Rows read again keep the chosen commands chosen, by id.
        model.rows().addListener((ListChangeListener<Operation>) c -> restoreSelection());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Operation>) c -> {
            if (!restoring) {
                chosen.clear();
                table.getSelectionModel().getSelectedItems().forEach(o -> chosen.add(o.id()));
            }
        });
        // Out of sight, the view ignores changes; back in sight, it reads its rows again once.
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                model.resync();
            }
        });
    }

    private final java.util.Set<java.util.UUID> chosen = new java.util.LinkedHashSet<>();
    private boolean restoring;

    private void restoreSelection() {
        restoring = true;
        try {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (chosen.contains(table.getItems().get(i).id())) {
                    table.getSelectionModel().select(i);
                }
            }
        } finally {
            restoring = false;
        }
    }

    private List<Operation> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    /** Whether the view is on screen: changes are only worth a query while it is. */
    public boolean isShown() {
        return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
    }

    private static String statusText(Operation o) {
        String label = o.status() == CommandStatus.OTHER ? o.rawStatus() : o.status().label();
        return o.stuck() ? label + " · stuck" : label;
    }

    /** Colour from meaning: stuck warns, failure alarms, success reassures, the rest is quiet. */
    private static String statusStyle(Operation o) {
        if (o.stuck()) {
            return "badge-warning";
        }
        return switch (o.status()) {
            case COMPLETED -> "badge-success";
            case FAILED, TIMED_OUT -> "badge-danger";
            default -> "badge-muted";
        };
    }

    private TableColumn<Operation, Instant> timeColumn(String title, Function<Operation, Instant> value) {
        TableColumn<Operation, Instant> column = new TableColumn<>(title);
        column.setPrefWidth(100);
        column.setMinWidth(80);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant instant, boolean empty) {
                super.updateItem(instant, empty);
                setText(empty ? null : instant == null ? "—" : Formats.ago(instant, model.clock()));
                setTooltip(empty || instant == null ? null : new Tooltip(Formats.absolute(instant, model.clock())));
            }
        });
        return column;
    }
}
