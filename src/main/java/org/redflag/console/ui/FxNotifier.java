package org.redflag.console.ui;

import java.util.UUID;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.redflag.console.errors.ErrorReporter;

/** ControlsFX notifications owned by the main window. Only ErrorReporter calls this. */
final class FxNotifier implements ErrorReporter.Notifier {

    private final Window owner;

    FxNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message, UUID historyEntryId) {
        String where = historyEntryId == null
                ? "\n(Not yet in the history table: the database could not be reached.)"
                : "\nRecorded in History.";
        Runnable show = () -> Notifications.create()
                .owner(owner)
                .title(title)
                .text(message + where)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(8))
                .showError();
        if (Platform.isFxApplicationThread()) {
            show.run();
        } else {
            Platform.runLater(show);
        }
    }
}
