package org.redflag.console.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.history.HistoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door for errors a user sees: first a row in the history table, then a notification.
 * Nothing else in the console shows an error notification.
 */
public final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    /** Shows the user what went wrong; the FX implementation uses a ControlsFX notification. */
    public interface Notifier {
        void showError(String title, String message, UUID historyEntryId);
    }

    private final HistoryRepository history;
    private final Notifier notifier;
    private final Clock clock;
    private final String consoleVersion;

    public ErrorReporter(HistoryRepository history, Notifier notifier, Clock clock, String consoleVersion) {
        this.history = history;
        this.notifier = notifier;
        this.clock = clock;
        this.consoleVersion = consoleVersion;
    }

    /** Records and shows an error. Safe to call from any thread; never throws. */
    public void report(String area, String message, Throwable failure, UUID agentId) {
        ConsoleError error = new ConsoleError(clock.instant(), area, message, stackTrace(failure), agentId,
                hostName(), System.getProperty("user.name"), consoleVersion);
        UUID entry = null;
        try {
            entry = history.insertConsoleError(error);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not record a console error in the history table: {}", message, e);
        }
        LOG.warn("Console error in {}: {}", area, message, failure);
        notifier.showError(titleFor(area), message, entry);
    }

    /** Records and shows an unexpected failure, with a message built from it. */
    public void report(String area, Throwable failure) {
        report(area, describe(failure), failure, null);
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return failure instanceof SQLException || root instanceof SQLException
                ? "The database refused the request: " + message
                : message;
    }

    private static String titleFor(String area) {
        return area.isEmpty() ? "Error" : Character.toUpperCase(area.charAt(0)) + area.substring(1) + " — error";
    }

    private static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
