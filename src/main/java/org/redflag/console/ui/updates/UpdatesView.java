package org.redflag.console.ui.updates;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.redflag.console.live.ChangeBus;
import org.redflag.console.updates.AffectedAgent;
import org.redflag.console.updates.PackageGroup;
import org.redflag.console.updates.Severities;
import org.redflag.console.updates.UpdatesService;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Reasons;
import org.redflag.console.ui.RequestableView;
import org.redflag.console.ui.SearchField;
import org.redflag.console.ui.TablePaging;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.ui.ViewRequest;

/**
 * Pending updates across the fleet: one row per package and severity with the number of agents that have it
 * pending, most severe first; the chosen row's agents beside it; "Install…" queues the package's install on the
 * selected agents, or on all of them, after a confirmation that says what will happen.
 */
public final class UpdatesView extends BorderPane implements RequestableView {

    private static final Duration SEARCH_PAUSE = Duration.ofMillis(300);

    private final UpdatesViewModel model;

    private SearchField search;
    private ComboBox<String> severity;
    private Button refresh;
    private Label summary;
    private TableView<PackageGroup> groups;
    private TableView<AffectedAgent> agents;
    private Label chosenTitle;
    private Button install;
    private StackPane installHolder;
    private Label installSummary;
    private Button moreGroups;
    private Button moreAgents;

    public UpdatesView(UpdatesViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    /** The view, loaded, and kept current: scans that report (a history row each) and the slow poll read it again. */
    public static UpdatesView following(ChangeBus changes, UpdatesViewModel model) {
        UpdatesView view = new UpdatesView(model);
        model.reload();
        changes.onChange(Platform::runLater, notice -> {
            if (notice.reloadsEverything() || "update_logs".equals(notice.table())) {
                model.resync();
            }
        });
        return view;
    }

    @Override
    public void open(ViewRequest request) {
        if (request instanceof UpdatesRequest updates) {
            model.apply(updates.severity(), updates.packageName());
            search.setText(model.searchTextProperty().get());
            severity.setValue(model.severityProperty().get());
        }
    }

    public UpdatesViewModel model() {
        return model;
    }

    private void initializeParts() {
        search = new SearchField("Search package…");
        search.setId("updates-search");
        search.getStyleClass().add(ViewKeys.SEARCH);
        search.setTooltip(new Tooltip("Packages whose name contains this text (Ctrl+F)"));
        severity = new ComboBox<>();
        severity.getItems().add(UpdatesViewModel.ALL_SEVERITIES);
        severity.getItems().addAll(Severities.ORDER);
        severity.setValue(UpdatesViewModel.ALL_SEVERITIES);
        severity.setId("updates-severity");
        refresh = new Button("Refresh");
        refresh.setId("updates-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        summary = new Label();
        summary.setId("updates-summary");
        summary.getStyleClass().add("muted");

        groups = new TableView<>(model.groups());
        groups.setId("updates-groups");
        Label empty = new Label(model.hasPackageData()
                ? "No pending updates match. Agents list theirs when they scan for updates."
                : UpdatesService.NO_PACKAGE_DATA);
        empty.setWrapText(true);
        groups.setPlaceholder(empty);
        groups.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PackageGroup, PackageGroup> badge = Columns.badge("Severity", 100, PackageGroup::severity,
                g -> severityStyle(g.severity()));
        badge.setMinWidth(90);
        groups.getColumns().addAll(List.of(badge,
                Columns.text("Package", 200, PackageGroup::name),
                Columns.text("Type", 70, PackageGroup::packageType),
                Columns.text("Agents", 80, g -> String.format("%,d", g.agents())),
                Columns.text("Version", 160, PackageGroup::versionsText)));

        agents = new TableView<>(model.agents());
        agents.setId("updates-agents");
        agents.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        agents.setPlaceholder(new Label("Choose a package to see the agents that have it pending."));
        agents.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        agents.getColumns().addAll(List.of(
                Columns.text("Agent", 180, AffectedAgent::hostname),
                Columns.text("OS", 70, AffectedAgent::osType),
                Columns.text("Installed", 110, a -> a.currentVersion() == null ? "—" : a.currentVersion()),
                Columns.text("Available", 110, AffectedAgent::availableVersion)));
        chosenTitle = new Label("No package chosen");
        chosenTitle.setId("updates-chosen");
        chosenTitle.getStyleClass().add("title-4");
        install = new Button("Install…");
        install.setId("updates-install");
        install.setMinWidth(Region.USE_PREF_SIZE);
        installHolder = Reasons.holder(install);
        installSummary = new Label();
        installSummary.setId("updates-install-summary");
        installSummary.getStyleClass().add("muted");
        installSummary.setWrapText(true);
        moreGroups = new Button("Load more");
        moreGroups.setId("updates-load-more");
        moreAgents = new Button("Load more");
        moreAgents.setId("updates-more-agents");
    }

    private void layoutParts() {
        Label title = new Label("Updates");
        title.getStyleClass().add("title-3");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setMinWidth(160);
        HBox toolbar = new HBox(10, title, search, severity, refresh, spacer, summary);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8));

        BorderPane left = new BorderPane(groups);
        left.setBottom(centered(moreGroups));
        FlowPane actions = new FlowPane(10, 6, installHolder, installSummary);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox head = new VBox(6, chosenTitle, actions);
        head.setPadding(new Insets(6, 8, 6, 8));
        BorderPane right = new BorderPane(agents);
        right.setTop(head);
        right.setBottom(centered(moreAgents));

        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.55);
        setTop(toolbar);
        setCenter(split);
    }

    private static HBox centered(Button button) {
        HBox footer = new HBox(button);
        footer.setAlignment(Pos.CENTER);
        footer.setPadding(new Insets(4));
        return footer;
    }

    private void setupBindings() {
        summary.textProperty().bind(model.summaryProperty());
        installSummary.textProperty().bind(model.installSummaryProperty());
        moreGroups.visibleProperty().bind(model.groupPages().moreAvailableProperty());
        moreGroups.managedProperty().bind(moreGroups.visibleProperty());
        moreAgents.visibleProperty().bind(model.agentPages().moreAvailableProperty());
        moreAgents.managedProperty().bind(moreAgents.visibleProperty());
        model.installsOff().ifPresent(reason -> Reasons.show(installHolder, install, reason));
        model.chosenProperty().addListener((obs, old, group) -> showChosen());
        agents.getSelectionModel().getSelectedItems().addListener((ListChangeListener<AffectedAgent>) c -> showChosen());
        showChosen();
    }

    private void setupEventHandlers() {
        // One query per pause in typing, not one per keystroke.
        PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(SEARCH_PAUSE.toMillis()));
        pause.setOnFinished(e -> model.reload());
        search.textProperty().addListener((obs, old, text) -> {
            if (!text.equals(model.searchTextProperty().get())) {
                model.searchTextProperty().set(text);
                pause.playFromStart();
            }
        });
        severity.valueProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && !chosen.equals(model.severityProperty().get())) {
                model.severityProperty().set(chosen);
                model.reload();
            }
        });
        refresh.setOnAction(e -> model.reload());
        moreGroups.setOnAction(e -> model.loadMoreGroups());
        moreAgents.setOnAction(e -> model.loadMoreAgents());
        TablePaging.onScrolledToEnd(groups, model::loadMoreGroups);
        TablePaging.onScrolledToEnd(agents, model::loadMoreAgents);
        // Read again (live, a refresh), the list keeps the chosen package selected, with its new count.
        model.groups().addListener((ListChangeListener<PackageGroup>) c -> model.groups().stream()
                .filter(g -> model.chosenProperty().get() != null && g.key().equals(model.chosenProperty().get().key()))
                .findFirst().ifPresent(g -> groups.getSelectionModel().select(g)));
        groups.getSelectionModel().selectedItemProperty().addListener((obs, old, group) -> {
            if (group != null) {
                model.choose(group);
            }
        });
        install.setOnAction(e -> confirmAndInstall());
    }

    /** The title and the button say what Install would do: the selected agents, or all of the group's. */
    private void showChosen() {
        PackageGroup group = model.chosenProperty().get();
        int selected = agents.getSelectionModel().getSelectedItems().size();
        if (group == null) {
            chosenTitle.setText("No package chosen");
            install.setText("Install…");
        } else {
            chosenTitle.setText(UpdatesViewModel.describe(group) + String.format(" · %,d %s", group.agents(),
                    group.agents() == 1 ? "agent" : "agents"));
            install.setText(selected > 0 ? String.format("Install on %,d selected…", selected)
                    : String.format("Install on all %,d…", group.agents()));
        }
        install.setDisable(group == null || model.installsOff().isPresent());
    }

    private void confirmAndInstall() {
        PackageGroup group = model.chosenProperty().get();
        if (group == null) {
            return;
        }
        List<UUID> selected = agents.getSelectionModel().getSelectedItems().stream()
                .map(AffectedAgent::agentId).toList();
        if (InstallConfirmation.confirmed(getScene().getWindow(), group, selected.size())) {
            model.install(selected.isEmpty() ? null : selected, outcome -> { });
        }
    }

    /** The badge's colour from what the severity means: critical is danger, important a warning, the rest muted. */
    static String severityStyle(String severity) {
        return switch (severity) {
            case "critical" -> "badge-danger";
            case "important" -> "badge-warning";
            default -> "badge-muted";
        };
    }
}
