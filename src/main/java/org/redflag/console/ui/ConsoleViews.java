package org.redflag.console.ui;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.ui.agents.AgentsWiring;
import org.redflag.console.ui.history.HistoryView;
import org.redflag.console.ui.migrations.MigrationsScreen;
import org.redflag.console.ui.migrations.MigrationsView;
import org.redflag.console.ui.operations.OperationsScreen;
import org.redflag.console.ui.overview.OverviewScreen;
import org.redflag.console.ui.updates.UpdatesView;
import org.redflag.console.ui.updates.UpdatesViewModel;

/**
 * The window's views for one opened database, each registered by name with the navigation, in one list: the
 * one place a view is added. A view is built the first time it is shown (from the context, the executor, the
 * database's error door, the clock and the window's navigator); views that read the console's schema wait for
 * it and show why until it is there. Another database means another catalogue: the window clears the old one.
 */
final class ConsoleViews {

    private final ConsoleContext opened;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final Clock clock;
    private final Navigator navigator;
    private final ViewNavigation views;
    private final WindowStatus status;
    /** The connected database has the console's schema, so the views that query it can open. */
    private boolean schemaReady;
    private AgentsWiring agents;
    private OverviewScreen overview;
    private HistoryView historyView;
    private Runnable afterFirstRows = () -> { };

    ConsoleViews(ConsoleContext opened, BackgroundExecutor executor, ErrorReporter errors, Clock clock,
            Navigator navigator, ViewNavigation views, WindowStatus status) {
        this.opened = opened;
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        this.navigator = navigator;
        this.views = views;
        this.status = status;
    }

    /** Registers every view, in the navigation's order (Ctrl+1, Ctrl+2…). */
    void register(boolean readyForViews) {
        schemaReady = readyForViews;
        agents = new AgentsWiring(opened, executor, errors, clock, failure -> errors.report(ConsoleArea.AGENTS, failure));
        // The status bar's counts (Flyway's record, the agents) wait for the first page instead of competing.
        agents.afterFirstPage(this::firstRowsShown);
        overview = new OverviewScreen(opened, executor, errors, clock, navigator);
        overview.afterFirstFigures(this::firstRowsShown);

        views.add("Overview", whenSchemaReady("Overview", overview::view));
        views.add("Agents", whenSchemaReady("Agents", agents::view));
        views.add("Operations", whenSchemaReady("Operations", () -> OperationsScreen.view(opened, executor, errors, clock)));
        views.add("Updates", whenSchemaReady("Updates", () -> UpdatesView.following(opened.changes(),
                new UpdatesViewModel(opened.updates(), executor, errors, clock, opened.health()::isUp))));
        views.add("History", whenSchemaReady("History", this::history));
        views.add("Migrations", this::migrations);
    }

    private MigrationsView migrations() {
        return MigrationsScreen.build(opened, executor, clock, errors, this::refreshStatus);
    }

    /**
     * Shows the first view that can work on this database: the Overview when there is a fleet to sum up (its first
     * figures end the start-up's timeline), Agents while there are no agents yet.
     */
    void showFirst() {
        if (schemaReady) {
            overview.whenFleetKnown(hasAgents -> views.show(hasAgents ? "Overview" : "Agents"));
        } else {
            views.show("Migrations");
        }
    }

    private HistoryView history() {
        historyView = HistoryView.following(opened.changes(), opened.history(), executor, clock, errors);
        return historyView;
    }

    /** Opens a view in the state a request asks for: what tiles and links in the views hold. */
    Navigator navigator() {
        return navigator;
    }

    /** A migrate from the Migrations view brought the schema up to date: the views that waited can open now. */
    void schemaArrived() {
        if (!schemaReady) {
            schemaReady = true;
            views.rebuildAllBut("Migrations");
            opened.startBackgroundWork();
        }
    }

    /** The History view, with that entry open in its detail pane ("Details" of an error notification). */
    void showHistoryEntry(UUID entryId) {
        views.show("History");
        if (historyView != null) {
            historyView.model().reveal(entryId);
        }
    }

    private Supplier<Node> whenSchemaReady(String view, Supplier<? extends Node> factory) {
        return () -> schemaReady ? factory.get() : schemaNotReady(view);
    }

    private Node schemaNotReady(String view) {
        return SchemaNotReadyPane.of(view, status.schemaText(), () -> views.show("Migrations"));
    }

    /** Work that waits until the first view shows its rows (or figures), run once. */
    void afterFirstRows(Runnable work) {
        afterFirstRows = work;
    }

    private void firstRowsShown() {
        refreshStatus();
        Runnable work = afterFirstRows;
        afterFirstRows = () -> { };
        work.run();
    }

    private void refreshStatus() {
        status.refresh();
    }
}
