package org.redflag.console.ui.operations;

import java.time.Clock;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.ui.BackgroundExecutor;

/** Wires the Operations view to the service and to live changes, so the window only has to ask for the view. */
public final class OperationsScreen {

    /** How long live changes are gathered before the rows on screen are read again, in one query. */
    static final Duration QUIET_PERIOD = Duration.millis(700);

    private OperationsScreen() {
    }

    public static OperationsView view(ConsoleContext context, BackgroundExecutor executor, ErrorReporter errors,
            Clock clock) {
        OperationsViewModel model = new OperationsViewModel(context.operations(), executor, errors, clock,
                context.health()::isUp, work -> {
                    PauseTransition pause = new PauseTransition(QUIET_PERIOD);
                    pause.setOnFinished(e -> work.run());
                    pause.play();
                });
        OperationsView view = new OperationsView(model);
        model.shownWhile(view::isShown);
        context.changes().onChange(Platform::runLater, model::changed);
        model.reload();
        return view;
    }
}
