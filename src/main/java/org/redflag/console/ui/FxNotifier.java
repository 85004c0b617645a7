package org.redflag.console.ui;

import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.redflag.console.errors.ErrorReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ControlsFX notifications owned by the main window, with "Details" opening the history row. Only
 * ErrorReporter calls this (the architecture test holds everyone else to it).
 */
final class FxNotifier implements ErrorReporter.Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(FxNotifier.class);

    /** A notification is a glance, not a log: a huge message is cut here (the history row keeps all of it). */
    static final int MAX_SHOWN_CHARS = 400;

    private final Supplier<Window> owner;
    private final Consumer<UUID> openHistoryEntry;

    /**
     * @param owner            the main window, or null while it does not exist yet
     * @param openHistoryEntry what "Details" does with the history row's id
     */
    FxNotifier(Supplier<Window> owner, Consumer<UUID> openHistoryEntry) {
        this.owner = owner;
        this.openHistoryEntry = openHistoryEntry;
    }

    @Override
    public void showError(String title, String message, UUID historyEntryId) {
        if (Platform.isFxApplicationThread()) {
            show(title, message, historyEntryId);
        } else {
            Platform.runLater(() -> show(title, message, historyEntryId));
        }
    }

    private void show(String title, String message, UUID historyEntryId) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            LOG.info("No window to show the error in (it is in the history or the spool): {}", message);
            return;
        }
        String shown = wrapped(message.length() > MAX_SHOWN_CHARS ? message.substring(0, MAX_SHOWN_CHARS) + "…" : message);
        Notifications notification = Notifications.create()
                .owner(window)
                .title(title)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(10));
        if (historyEntryId == null) {
            notification.text(shown + "\n(Kept on disk: it goes into History when the database is back.)");
        } else {
            notification.text(shown + "\nRecorded in History.")
                    .action(new Action("Details", e -> openHistoryEntry.accept(historyEntryId)));
        }
        // The theme's own look, not ControlsFX's dated red-X icon: a small mark in the palette's danger colour.
        javafx.scene.control.Label mark = new javafx.scene.control.Label("!");
        mark.getStyleClass().add("notification-mark");
        // Inline: the notification is a popup with a scene of its own, which the window's stylesheet does not reach.
        mark.setStyle("-fx-background-color: -color-danger-emphasis; -fx-background-radius: 12; -fx-text-fill: white; "
                + "-fx-font-weight: bold; -fx-min-width: 24; -fx-min-height: 24; -fx-alignment: center;");
        notification.graphic(mark).show();
    }

    /** Notifications do not wrap their text; without breaks a long sentence runs off the screen. */
    static String wrapped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int lineLength = 0;
        for (String word : text.split(" ", -1)) {
            int newline = word.lastIndexOf('\n');
            if (lineLength > 0 && lineLength + 1 + (newline < 0 ? word.length() : newline) > LINE_CHARS) {
                out.append('\n');
                lineLength = 0;
            } else if (out.length() > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength = newline < 0 ? lineLength + word.length() : word.length() - newline - 1;
        }
        return out.toString();
    }

    private static final int LINE_CHARS = 70;
}
