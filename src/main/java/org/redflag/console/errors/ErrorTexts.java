package org.redflag.console.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.redflag.console.causes.Causes;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.ConsoleError;

/**
 * The words of an error: its message as the row keeps it, the sentence for a failure nobody explained, the
 * notification's title, the stack trace for the details column and the host name for the row. Each of them
 * must come out even for a throwable that misbehaves, because the error door never throws.
 */
final class ErrorTexts {

    private ErrorTexts() {
    }

    /** The caller's message, or, when it gave none, a sentence made from the failure. */
    static String messageOrDescription(String message, Throwable failure) {
        return message == null || message.isBlank()
                ? (failure == null ? "Unknown error" : describe(failure))
                : message;
    }

    /** A sentence for a failure nobody explained: the root cause's message, said plainly. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "Unknown error";
        }
        Throwable root = Causes.root(failure);
        String message;
        try {
            message = root.getMessage() == null || root.getMessage().isBlank()
                    ? root.getClass().getSimpleName()
                    : root.getMessage().strip();
        } catch (RuntimeException e) {
            message = root.getClass().getName();
        }
        if (root instanceof SQLTransientConnectionException
                || root instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return "Lost the connection to the database (" + message + "). Check that the server is running and "
                    + "reachable; errors are kept on disk until it is back.";
        }
        if (root instanceof SQLException sql && sql.getSQLState() != null) {
            return "The database refused the request: " + message;
        }
        return message;
    }

    static String titleFor(String area) {
        return area.isEmpty() ? "Error" : Character.toUpperCase(area.charAt(0)) + area.substring(1) + " — error";
    }

    static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        try {
            StringWriter text = new StringWriter();
            failure.printStackTrace(new PrintWriter(text));
            return text.toString();
        } catch (RuntimeException | StackOverflowError e) {
            // A throwable whose toString() or getMessage() fails still deserves a row.
            return failure.getClass().getName() + " (its stack trace could not be printed: " + e + ")";
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** The full failure goes to the log; a throwable that cannot even print itself must not stop the door. */
    static void logged(org.slf4j.Logger log, ConsoleError error, Throwable failure) {
        try {
            log.warn("Console error in {}: {}", error.area(), error.message(), failure);
        } catch (RuntimeException e) {
            log.warn("Console error in {}: {} ({})", error.area(), error.message(), error.details());
        }
    }

    /** The row for an error, or null when even describing it failed (it is then only in the log). */
    static ConsoleError captureOrLog(org.slf4j.Logger log, java.time.Clock clock, ConsoleArea area, String message,
            Throwable failure, UUID agentId, String host, String user, String consoleVersion) {
        try {
            return new ConsoleError(UUID.randomUUID(), clock.instant(),
                    (area == null ? ConsoleArea.CONSOLE : area).word(),
                    StorableText.of(messageOrDescription(message, failure), ErrorReporter.MAX_MESSAGE_CHARS),
                    StorableText.of(stackTrace(failure), ErrorReporter.MAX_DETAILS_CHARS), agentId,
                    StorableText.of(host, 255), StorableText.of(user, 255), StorableText.of(consoleVersion, 64),
                    StorableText.of(Thread.currentThread().getName(), 255));
        } catch (RuntimeException | Error e) {
            log.error("Could not even describe an error of {}: {}", area, message, failure);
            return null;
        }
    }
}
