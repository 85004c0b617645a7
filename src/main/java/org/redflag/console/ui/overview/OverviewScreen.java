package org.redflag.console.ui.overview;

import java.util.function.Consumer;
import javafx.application.Platform;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.ui.BackgroundExecutor;
import org.redflag.console.ui.Navigator;

/**
 * Wires the Overview to its figures, to live changes (coalesced, and only while it shows) and to the window's
 * navigation, so the window only asks for the view.
 */
public final class OverviewScreen {

    private final ConsoleContext context;
    private final BackgroundExecutor executor;
    private final ErrorReporter errors;
    private final java.time.Clock clock;
    private final Navigator navigator;
    private final OverviewViewModel model;
    private Runnable afterFirstFigures = () -> { };

    public OverviewScreen(ConsoleContext context, BackgroundExecutor executor, ErrorReporter errors,
            java.time.Clock clock, Navigator navigator) {
        this.context = context;
        this.executor = executor;
        this.errors = errors;
        this.clock = clock;
        this.navigator = navigator;
        this.model = new OverviewViewModel(context.overview(), executor,
                failure -> errors.report(ConsoleArea.CONSOLE, failure));
        context.changes().onChange(Platform::runLater, notice -> model.changed());
    }

    /** Work that waits for the first figures on screen (the status bar's counts), as the Agents' first page does. */
    public void afterFirstFigures(Runnable work) {
        this.afterFirstFigures = work;
    }

    /**
     * Tells {@code then} (on the FX thread) whether the fleet has agents: the window opens on the Overview only
     * when there is a fleet to sum up. A failure counts as "no": the Agents view will say what is wrong.
     */
    public void whenFleetKnown(Consumer<Boolean> then) {
        // The first figures read while the window started say it, and are shown from the view's first layout on:
        // at once when they are in (the usual case: the database is ready before JavaFX), else when they arrive.
        var read = context.overview().takeFirstFiguresReadAhead(true);
        if (read.isPresent()) {
            known(new FleetKnown(read.get().agents().total() > 0, read.get()), then);
            return;
        }
        executor.submit(() -> {
            var early = context.overview().takeFirstFiguresReadAhead(false);
            return early.isPresent() ? new FleetKnown(early.get().agents().total() > 0, early.get())
                    : new FleetKnown(context.overview().hasAgents(), null);
        }, known -> known(known, then), failure -> {
            errors.report(ConsoleArea.CONSOLE, failure);
            then.accept(false);
        });
    }

    private void known(FleetKnown known, Consumer<Boolean> then) {
        if (known.hasAgents() && known.readAhead() != null) {
            model.seed(known.readAhead());
        }
        then.accept(known.hasAgents());
    }

    private record FleetKnown(boolean hasAgents, org.redflag.console.overview.FirstFigures readAhead) {
    }

    /**
     * The view, built when first shown: its first figures on screen end the start-up's timeline; the work that waits
     * for them (the status bar's counts, Flyway's validation) waits for the whole first read, so as not to compete.
     */
    public OverviewView view() {
        OverviewView view = new OverviewView(model, navigator, clock);
        if (model.figuresProperty().get() != null) {
            Platform.runLater(() -> finishAfterLayout(view));
        } else {
            model.figuresProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends OverviewFigures> obs,
                        OverviewFigures was, OverviewFigures now) {
                    obs.removeListener(this);
                    Platform.runLater(() -> finishAfterLayout(view));
                }
            });
        }
        model.loadingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (!now && model.figuresProperty().get() != null) {
                    obs.removeListener(this);
                    afterFirstFigures.run();
                    afterFirstFigures = () -> { };
                }
            }
        });
        return view;
    }

    /** On screen means laid out in the window: the start ends at the first layout pass with the figures in it. */
    private static void finishAfterLayout(OverviewView view) {
        javafx.scene.Scene scene = view.getScene();
        if (scene == null) {
            org.redflag.console.app.StartupTimeline.finish("first overview shown");
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            org.redflag.console.app.StartupTimeline.finish("first overview shown");
            // Not while the pulse walks its listeners.
            Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0]));
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
