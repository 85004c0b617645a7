package org.redflag.console.errors;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.history.HistoryRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts console errors into the history table: one row, falling back to a bare row and then to the spool's
 * rejected file when the schema refuses it for good, or the spool's backlog in order. When to write (attached,
 * nothing waiting, retry due) and whom to tell is the reporter's call.
 */
final class HistoryWriter {

    // Logged under the reporter's name, as before this was its own class, so log filters and searches still match.
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    private final ErrorSpool spool;
    /** Unreadable lines (cut short by a kill) set aside since the reporter last asked; see {@link #takeSetAside}. */
    private int setAside;

    HistoryWriter(ErrorSpool spool) {
        this.spool = spool;
    }

    /**
     * Writes the errors waiting in the spool, in order, and trims what was written; stops at the first that
     * the database does not take (it and those behind it keep waiting).
     *
     * @return what was achieved, or null when the spool could not be read (nothing changed)
     */
    ErrorReporter.Replay replaySpool(HistoryRepository target) {
        List<ErrorSpool.Entry> entries;
        try {
            entries = spool.read();
        } catch (IOException e) {
            LOG.error("Could not read the error spool {}", spool.file(), e);
            return null;
        }
        int written = 0;
        long end = 0;
        List<String> unreadable = new ArrayList<>();
        for (ErrorSpool.Entry entry : entries) {
            if (entry.readable()) {
                try {
                    write(target, entry.error());
                } catch (SQLException | RuntimeException e) {
                    LOG.info("The database does not take spooled errors yet ({}); {} wait", e.getMessage(),
                            spool.pending() - written);
                    break;
                }
                written++;
            } else {
                unreadable.add(entry.line());
            }
            end = entry.endOffset();
        }
        if (end > 0) {
            try {
                spool.trim(end, written, unreadable);
                setAside += unreadable.size();
            } catch (IOException e) {
                // The rows are written; the next replay finds them again and writes nothing twice.
                LOG.error("Could not trim the error spool {}", spool.file(), e);
            }
        }
        if (written > 0) {
            LOG.info("Wrote {} spooled console error(s) to the history; {} wait", written, spool.pending());
        }
        return new ErrorReporter.Replay(written, spool.pending());
    }

    /**
     * How many unreadable spool lines were set aside since the last call, and the sentence that says so for the
     * history; empty when none. A console killed in the middle of an append leaves its last line cut short: that
     * error was never acknowledged, but the next start says it skipped it rather than dropping it silently.
     */
    java.util.Optional<String> takeSetAside() {
        int lines = setAside;
        setAside = 0;
        return lines == 0 ? java.util.Optional.empty() : java.util.Optional.of(lines == 1
                ? "1 line of the error spool could not be read (cut short when a console was stopped while writing it) "
                        + "and was skipped; it is kept in " + spool.rejectedFile() + "."
                : lines + " lines of the error spool could not be read (cut short when a console was stopped while "
                        + "writing them) and were skipped; they are kept in " + spool.rejectedFile() + ".");
    }

    /**
     * Writes the error's row. A row the schema refuses for good (a check, a missing column: SQL states 42xxx
     * and 23xxx) is no outage: waiting would not help, and spooling it would hold back every error behind it
     * and say "offline" while connected. Then the barest row every update_logs takes is written instead, and
     * if even that is refused the error is set aside on disk; the log says why either way.
     *
     * @return the history row, or null when the error had to be set aside
     * @throws SQLException when the database did not take the row for now (an outage): the caller spools it
     */
    UUID write(HistoryRepository target, ConsoleError error) throws SQLException {
        try {
            return target.insertConsoleError(error);
        } catch (SQLException refused) {
            if (!refusedForGood(refused)) {
                throw refused;
            }
            LOG.warn("The history refused the console error row ({}, SQL state {}); writing a bare row instead",
                    refused.getMessage(), refused.getSQLState());
            try {
                return target.insertBareConsoleError(error);
            } catch (SQLException bare) {
                if (!refusedForGood(bare)) {
                    throw bare;
                }
                LOG.error("The history refused even a bare console error row ({}); it is kept in {}",
                        bare.getMessage(), spool.rejectedFile());
                try {
                    spool.setAside(error);
                } catch (IOException e) {
                    LOG.error("Could not set the console error aside; only this log keeps it: {}", SpoolLines.encode(error), e);
                }
                return null;
            }
        }
    }

    private static boolean refusedForGood(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("23"));
    }
}
