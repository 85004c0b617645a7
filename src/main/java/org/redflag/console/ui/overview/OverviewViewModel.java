package org.redflag.console.ui.overview;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.redflag.console.overview.FirstFigures;
import org.redflag.console.overview.OverviewRepository;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * The Overview's figures and when to read them again. The figures fill in part by part (see {@link #reload}), and
 * a read is over when its last part is in. A change in the database marks them out of date; while the
 * view is showing they are read again at most once per {@link #COALESCE}, however many changes arrive (a busy fleet
 * reports many a second, and each read aggregates the whole fleet). Hidden, the view reads nothing until shown.
 */
public final class OverviewViewModel {

    /** The shortest time between two reads caused by changes. */
    static final Duration COALESCE = Duration.ofSeconds(5);

    private final OverviewRepository overview;
    private final BackgroundExecutor executor;
    private final Consumer<Throwable> onError;
    private final ReadOnlyObjectWrapper<OverviewFigures> figures = new ReadOnlyObjectWrapper<>(this, "figures");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(COALESCE.toMillis()));

    private boolean showing;
    private boolean outOfDate = true;
    private boolean waiting;
    private boolean seeded;

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

    /**
     * Reads every figure now (the view's Refresh, and its first showing): the cheap ones first, then the groupings,
     * the charts and the disks side by side, each shown as soon as it is read.
     */
    public void reload() {
        if (loading.get()) {
            outOfDate = true;
            return;
        }
        outOfDate = false;
        loading.set(true);
        if (seeded) {
            seeded = false;
            readTheRest();
            return;
        }
        executor.submit(overview::firstFigures, first -> {
            figures.set(current().with(first));
            readTheRest();
        }, failure -> {
            finished();
            onError.accept(failure);
        });
    }

    /**
     * The first figures, read before the view was first shown (while the window started): shown from the view's
     * first layout on, and the first read then reads only the rest.
     */
    public void seed(FirstFigures first) {
        figures.set(current().with(first));
        seeded = true;
    }

    private void readTheRest() {
        List<Callable<UnaryOperator<OverviewFigures>>> parts = List.of(
                () -> withResult(overview.agentsByOs(), OverviewFigures::withOs),
                () -> withResult(overview.agentsByVersion(), OverviewFigures::withVersions),
                () -> withResult(overview.scans(), OverviewFigures::withScans),
                () -> withResult(overview.fullDisks(OverviewRepository.FULLEST), OverviewFigures::withDisks));
        int[] left = {parts.size()};
        boolean[] reported = {false};
        for (Callable<UnaryOperator<OverviewFigures>> part : parts) {
            executor.submit(part, fill -> {
                figures.set(fill.apply(current()));
                if (--left[0] == 0) {
                    finished();
                }
            }, failure -> {
                if (--left[0] == 0) {
                    finished();
                }
                // A database that went away fails every part: one error, not four.
                if (!reported[0]) {
                    reported[0] = true;
                    onError.accept(failure);
                }
            });
        }
    }

    private static <T> UnaryOperator<OverviewFigures> withResult(T read,
            java.util.function.BiFunction<OverviewFigures, T, OverviewFigures> into) {
        return shown -> into.apply(shown, read);
    }

    private OverviewFigures current() {
        return figures.get() == null ? OverviewFigures.NONE : figures.get();
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

    public ReadOnlyObjectProperty<OverviewFigures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
