package org.redflag.console.ui.overview;

import java.time.Duration;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.redflag.console.overview.FleetOverview;
import org.redflag.console.overview.OverviewRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The Overview's figures and when to read them again. A change in the database marks them out of date; while the
 * view is showing they are read again at most once per {@link #COALESCE}, however many changes arrive (a busy fleet
 * reports many a second, and each read aggregates the whole fleet). Hidden, the view reads nothing until shown.
 */
public final class OverviewViewModel {

    /** The shortest time between two reads caused by changes. */
    static final Duration COALESCE = Duration.ofSeconds(5);

    private final OverviewRepository overview;
    private final BackgroundExecutor executor;
    private final Consumer<Throwable> onError;
    private final ReadOnlyObjectWrapper<FleetOverview> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(COALESCE.toMillis()));

    private boolean showing;
    private boolean outOfDate = true;
    private boolean waiting;

    public OverviewViewModel(OverviewRepository overview, BackgroundExecutor executor, Consumer<Throwable> onError) {
        this.overview = overview;
        this.executor = executor;
        this.onError = onError;
        wait.setOnFinished(e -> {
            waiting = false;
            if (showing && outOfDate) {
                reload();
            }
        });
    }

    /** Reads every figure now (the view's Refresh, and its first showing). */
    public void reload() {
        if (loading.get()) {
            outOfDate = true;
            return;
        }
        outOfDate = false;
        loading.set(true);
        executor.submit(overview::read, read -> {
            figures.set(read);
            finished();
        }, failure -> {
            finished();
            onError.accept(failure);
        });
    }

    private void finished() {
        loading.set(false);
        // Changes during the read, or one that was coalesced: one more read, after the pause.
        waitThenReload();
    }

    /** Something changed in the database: read again soon, if anyone is looking. */
    public void changed() {
        outOfDate = true;
        waitThenReload();
    }

    private void waitThenReload() {
        if (showing && outOfDate && !waiting && !loading.get()) {
            waiting = true;
            wait.playFromStart();
        }
    }

    /** The view came on screen or left it: on screen, figures that went out of date meanwhile are read at once. */
    public void showing(boolean now) {
        showing = now;
        if (!now) {
            wait.stop();
            waiting = false;
        } else if (outOfDate) {
            reload();
        }
    }

    public ReadOnlyObjectProperty<FleetOverview> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
