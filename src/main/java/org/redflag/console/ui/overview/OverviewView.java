package org.redflag.console.ui.overview;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.redflag.console.fleet.Presence;
import org.redflag.console.overview.AgentCounts;
import org.redflag.console.overview.CommandCounts;
import org.redflag.console.overview.Share;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.Navigator;
import org.redflag.console.ui.ViewKeys;
import org.redflag.console.ui.agents.AgentsRequest;
import org.redflag.console.ui.operations.OperationsRequest;

/**
 * The fleet at a glance: agents by presence, OS and version, commands in flight and stuck, the scans of the last day
 * and week, full disks and pending updates. Every figure opens the view that lists what it counts, filtered so.
 */
public final class OverviewView extends BorderPane {

    private final OverviewViewModel model;
    private final Navigator navigator;
    private final Clock clock;

    private final Tile total = new Tile("overview-agents", "Agents", "tile-neutral");
    private final Tile online = new Tile("overview-online", "Online", "tile-success");
    private final Tile offline = new Tile("overview-offline", "Offline", "tile-warning");
    private final Tile stale = new Tile("overview-stale", "Stale", "tile-muted");
    private final Tile reboot = new Tile("overview-reboot", "Reboot required", "tile-accent");
    private final Tile inFlight = new Tile("overview-in-flight", "In flight", "tile-neutral");
    private final Tile stuck = new Tile("overview-stuck", "Stuck", "tile-danger");
    private final VBox byOs = new VBox(2);
    private final VBox byVersion = new VBox(2);
    private final VBox commandStates = new VBox(2);
    private final Label updated = new Label();
    private final Button refresh = new Button("Refresh");
    private OverviewCharts charts;
    private OverviewResults results;

    public OverviewView(OverviewViewModel model, Navigator navigator, Clock clock) {
        this.model = model;
        this.navigator = navigator;
        this.clock = clock;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        charts = new OverviewCharts(navigator, clock);
        results = new OverviewResults(navigator, clock);
        updated.setId("overview-updated");
        updated.getStyleClass().add("muted");
        refresh.setId("overview-refresh");
        refresh.getStyleClass().add(ViewKeys.REFRESH);
        refresh.setTooltip(ViewKeys.refreshTip());
        byOs.setId("overview-by-os");
        byVersion.setId("overview-by-version");
        // Until its figure is read, each list says so (the tiles show "…").
        for (VBox list : List.of(byOs, byVersion, commandStates)) {
            list.getChildren().setAll(OverviewResults.reading());
        }
    }

    private void layoutParts() {
        Label title = new Label("Overview");
        title.getStyleClass().add("view-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(12, title, updated, gap, refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(12, 16, 4, 16));

        GridPane tiles = columns(total, online, offline, stale, reboot);
        GridPane lists = columns(card("Operating systems", byOs), card("Agent versions", byVersion),
                card("Commands", new VBox(8, new HBox(8, inFlight, stuck), commandStates)));
        HBox.setHgrow(inFlight, Priority.ALWAYS);
        HBox.setHgrow(stuck, Priority.ALWAYS);
        VBox body = new VBox(14, tiles, lists, card("Scans", charts), results);
        body.setPadding(new Insets(8, 16, 16, 16));
        body.getStyleClass().add("overview");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("overview-scroll");
        setTop(header);
        setCenter(scroll);
    }

    /** Equal columns that share the width: the cards line up at any window size. */
    static GridPane columns(Node... cells) {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        for (int i = 0; i < cells.length; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / cells.length);
            column.setFillWidth(true);
            grid.getColumnConstraints().add(column);
            GridPane.setFillHeight(cells[i], true);
            if (cells[i] instanceof Region region) {
                region.setMaxWidth(Double.MAX_VALUE);
                region.setMaxHeight(Double.MAX_VALUE);
            }
            grid.add(cells[i], i, 0);
        }
        return grid;
    }

    static VBox card(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        VBox card = new VBox(10, heading, content);
        card.getStyleClass().add("card");
        VBox.setVgrow(content, Priority.ALWAYS);
        return card;
    }

    private void setupBindings() {
        refresh.disableProperty().bind(model.loadingProperty());
        model.figuresProperty().addListener((obs, old, figures) -> show(old, figures));
        if (model.figuresProperty().get() != null) {
            show(null, model.figuresProperty().get());
        }
    }

    private void setupEventHandlers() {
        refresh.setOnAction(e -> model.reload());
        // On screen only while it is the window's view in a window still open: the figures are read when it shows,
        // not behind other views, nor after the window closed.
        sceneProperty().flatMap(javafx.scene.Scene::windowProperty).flatMap(javafx.stage.Window::showingProperty)
                .orElse(false).addListener((obs, was, now) -> model.showing(now));
        total.setOnAction(e -> navigator.open(AgentsRequest.all()));
        online.setOnAction(e -> navigator.open(new AgentsRequest("online", null, null, null)));
        offline.setOnAction(e -> navigator.open(new AgentsRequest("offline", null, null, null)));
        stale.setOnAction(e -> navigator.open(new AgentsRequest("stale", null, null, null)));
        reboot.setOnAction(e -> navigator.open(new AgentsRequest(null, null, null, true)));
        inFlight.setOnAction(e -> navigator.open(OperationsRequest.inFlight()));
        stuck.setOnAction(e -> navigator.open(OperationsRequest.stuck()));
    }

    /** Each part read since {@code was} (all of them when null); a part not read yet keeps its placeholder. */
    private void show(OverviewFigures was, OverviewFigures figures) {
        OverviewFigures before = was == null ? OverviewFigures.NONE : was;
        if (arrived(before.agents(), figures.agents())) {
            updated.setText("Updated " + Formats.absolute(figures.readAt(), clock) + " · refreshes when the fleet changes");
            showPresence(figures.agents());
        }
        if (arrived(before.byOs(), figures.byOs())) {
            shares(byOs, "overview-os-", figures.byOs(), value -> new AgentsRequest(null, value, null, null));
        }
        if (arrived(before.byVersion(), figures.byVersion())) {
            shares(byVersion, "overview-version-", figures.byVersion(), value -> new AgentsRequest(null, null, value, null));
        }
        if (arrived(before.commands(), figures.commands())) {
            showCommands(figures.commands());
        }
        if (arrived(before.scans(), figures.scans())) {
            charts.show(figures.scans());
        }
        results.show(before, figures);
    }

    /** A part is redrawn only when a read replaced it (each read makes new values). */
    static boolean arrived(Object before, Object now) {
        return now != null && now != before;
    }

    private void showPresence(AgentCounts agents) {
        total.show(number(agents.total()), "registered", "Every agent: open Agents");
        online.show(number(agents.online()), percent(agents.online(), agents.total()) + " seen in the last "
                + Presence.ONLINE_WINDOW.toMinutes() + " min", "Open the agents online");
        offline.show(number(agents.offline()), percent(agents.offline(), agents.total()) + " not seen for "
                + Presence.ONLINE_WINDOW.toMinutes() + " min", "Open the agents offline (but not stale)");
        stale.show(number(agents.stale()), "not seen for " + Presence.STALE_AFTER.toDays() + " days, or never",
                "Open the stale agents: they will not answer scans");
        reboot.show(number(agents.rebootRequired()), percent(agents.rebootRequired(), agents.total()) + " of the fleet",
                "Open the agents that need a reboot");
    }

    private void showCommands(CommandCounts commands) {
        inFlight.show(number(commands.inFlight()), "not finished yet", "Open the commands in flight");
        stuck.show(number(commands.stuck()), "no answer in " + OverviewResults.span(commands.timeout()),
                "Open the commands an agent took longer ago than the timeout (" + commands.timeout().toMinutes()
                        + " min) without answering");
        stuck.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("zero"), commands.stuck() == 0);
        long whole = Math.max(1, commands.inFlight());
        commandStates.getChildren().setAll(commands.inFlightByStatus().entrySet().stream()
                .map(e -> Tile.row("overview-command-" + e.getKey(), e.getKey(), e.getValue(), whole,
                        number(e.getValue()), "Open the " + e.getKey() + " commands"))
                .peek(row -> row.setOnAction(ev -> navigator.open(
                        new OperationsRequest(row.getId().substring("overview-command-".length()), null, false))))
                .toList());
    }

    /** The shares cover every agent ("other" holds the rest), so they sum to the fleet. */
    private void shares(VBox list, String idPrefix, List<Share> shares,
            java.util.function.Function<String, AgentsRequest> request) {
        long whole = shares.stream().mapToLong(Share::agents).sum();
        list.getChildren().setAll(shares.stream().map(share -> {
            String name = share.isOther() ? "other" : share.value();
            // An id is a CSS selector: "0.1.27" would read as classes.
            Button row = Tile.row(idPrefix + name.replaceAll("[^A-Za-z0-9_-]", "-"), name, share.agents(), whole, number(share.agents()),
                    share.isOther() ? "The rest of the fleet: open every agent" : "Open the agents of " + name);
            row.setOnAction(e -> navigator.open(share.isOther() ? AgentsRequest.all() : request.apply(share.value())));
            return row;
        }).toList());
        if (shares.isEmpty()) {
            list.getChildren().setAll(OverviewResults.muted("No agents yet."));
        }
    }

    static String number(long value) {
        return String.format(Locale.getDefault(Locale.Category.FORMAT), "%,d", value);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }
}
