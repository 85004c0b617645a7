package org.redflag.console.testing;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.redflag.console.errors.ErrorReporter;

/** Keeps every notification the error door asked for, in order. */
public final class RecordingNotifier implements ErrorReporter.Notifier {

    public record Shown(String title, String message, UUID historyEntryId) {
    }

    private final List<Shown> shown = new CopyOnWriteArrayList<>();

    @Override
    public void showError(String title, String message, UUID historyEntryId) {
        shown.add(new Shown(title, message, historyEntryId));
    }

    public List<Shown> shown() {
        return shown;
    }
}
