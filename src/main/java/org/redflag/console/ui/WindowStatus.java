package org.redflag.console.ui;

import javafx.application.Platform;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.db.DatabaseHealth;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.MigrationOverview;

/**
 * What the status bar and the banner say about the window's database: connecting, connected as whom, away and
 * back (health), its schema and agent count, live or polling. Facts of a database the window has left are
 * dropped on arrival, so an old database never speaks in the new one's bar.
 */
final class WindowStatus {

    private final ConsoleStatusBar bar;
    private final DatabaseBanner banner;
    private final BackgroundExecutor executor;
    /** The window's door: writes pause while the database is away and resume when it is back. */
    private final ErrorReporter windowErrors;

    private ConsoleContext context;
    private ErrorReporter errors;
    /** What the bar says while the database answers, to say it again when it is back. */
    private String connectedAs = "";
    private Runnable schemaArrived = () -> { };

    WindowStatus(ConsoleStatusBar bar, DatabaseBanner banner, BackgroundExecutor executor, ErrorReporter windowErrors) {
        this.bar = bar;
        this.banner = banner;
        this.executor = executor;
        this.windowErrors = windowErrors;
    }

    void connecting(String what) {
        bar.showConnecting(what);
    }

    void notConnected() {
        bar.showNotConnected();
    }

    /** The window left its database (for another one, or to close): its facts go. */
    void left() {
        context = null;
        errors = null;
        schemaArrived = () -> { };
        banner.showAway(false);
        bar.forgetDatabase();
        bar.showConnecting("closing the database…");
    }

    /**
     * @param errors        the door of this database's work
     * @param schemaArrived run when a refresh finds the console's schema ready (after a migrate)
     */
    void connected(ConsoleContext opened, ErrorReporter errors, String connectedAs, Runnable schemaArrived) {
        this.context = opened;
        this.errors = errors;
        this.connectedAs = connectedAs;
        this.schemaArrived = schemaArrived;
        bar.showConnected(connectedAs, opened.capabilities().role());
        watchHealth(opened);
        opened.changes().onMode(Platform::runLater, mode -> {
            if (context == opened) {
                bar.showLiveMode(mode);
            }
        });
    }

    String schemaText() {
        return bar.schemaText();
    }

    /**
     * Says within two seconds when the database stops answering, and again when it is back, instead of letting
     * the next click find out by waiting for the pool. Writes check the same health and are refused meanwhile.
     */
    private void watchHealth(ConsoleContext opened) {
        DatabaseHealth health = opened.health();
        windowErrors.databaseUpWhen(health::isUp);
        health.onChange(state -> Platform.runLater(() -> showHealth(opened, state)));
        health.start();
    }

    private void showHealth(ConsoleContext opened, DatabaseHealth.State state) {
        if (context != opened) {
            return;
        }
        boolean up = state == DatabaseHealth.State.UP;
        banner.showAway(!up);
        if (!up) {
            bar.showDatabaseAway();
            return;
        }
        bar.showConnected(connectedAs);
        // The views reload from the context's poll; errors that waited in the spool are written now, on the
        // error door's own thread, which logs a failure (the replay here once dropped it without a word).
        windowErrors.replaySoon();
        refresh();
    }

    /** The views can read this database: RedFlag's as it is, the console's own once it is up to date. */
    static boolean readyForViews(ConsoleContext opened, MigrationOverview overview) {
        return opened.capabilities().isRedFlag() || overview != null && overview.readyForConsole();
    }

    /** Refreshes the bar's schema version and agent count. */
    void refresh() {
        ConsoleContext opened = context;
        ErrorReporter door = errors;
        if (opened == null) {
            return;
        }
        executor.submit(() -> {
                    MigrationOverview overview = opened.migrations().overview();
                    boolean ready = readyForViews(opened, overview);
                    String schema = overview.isConsoles() ? overview.summary() : opened.capabilities().describe();
                    return new StatusFacts(schema, ready, ready ? opened.agents().count() : -1);
                },
                facts -> {
                    if (context != opened) {
                        return;
                    }
                    bar.showSchema(facts.schema());
                    bar.showAgents(facts.agents());
                    if (facts.ready()) {
                        schemaArrived.run();
                    }
                },
                failure -> door.report(ConsoleArea.CONSOLE, failure));
    }

    private record StatusFacts(String schema, boolean ready, long agents) {
    }
}
