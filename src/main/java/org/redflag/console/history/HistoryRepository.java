package org.redflag.console.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.db.Transactions;
import org.redflag.console.schema.Capabilities;

/**
 * SQL for the history table (update_logs). Lists page newest first, keyed on (executed_at, id), with the
 * filter applied in SQL; every filter has an index whose tail is that order (V1, V7, V8).
 */
public final class HistoryRepository {

    /** The position after which the next (older) page starts. */
    public record PageKey(Instant executedAt, UUID id) {
        public static PageKey after(HistoryEntry entry) {
            return new PageKey(entry.executedAt(), entry.id());
        }
    }

    /** A list row carries only the start of its outputs: enough for a one-line summary. */
    static final int PREVIEW_CHARS = 2000;

    /** A page query that runs longer than this is stopped and the user is told how to narrow it. */
    static final int PAGE_QUERY_TIMEOUT_SECONDS = 30;

    /** Rows per round trip while streaming an export: large outputs must not pile up in memory. */
    static final int EXPORT_FETCH_SIZE = 200;

    private final DataSource dataSource;
    private final HistoryQuery queries;
    private final ConsoleErrorRows consoleErrors;

    /** The history of the console's own schema. */
    public HistoryRepository(DataSource dataSource) {
        this(dataSource, Capabilities.CONSOLE_SCHEMA);
    }

    public HistoryRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.queries = new HistoryQuery(capabilities);
        this.consoleErrors = new ConsoleErrorRows(dataSource, capabilities);
    }

    /**
     * One page of the history that matches {@code filter}, newest first, starting after {@code after}
     * (null for the newest). Outputs are cut to their first {@value #PREVIEW_CHARS} characters.
     *
     * @throws IllegalArgumentException when the filter has a {@linkplain HistoryFilter#problem() problem}
     */
    public List<HistoryEntry> page(HistoryFilter filter, PageKey after, int limit) throws SQLException {
        HistoryQuery.Where query = queries.where(previewColumns(), filter);
        if (after != null) {
            // The plain bound lets an index on executed_at alone (RedFlag's) start at the key.
            query.sql.append(" AND l.executed_at <= ? AND (l.executed_at, l.id) < (?, ?)");
            query.args.add(SqlTime.bind(after.executedAt()));
            query.args.add(SqlTime.bind(after.executedAt()));
            query.args.add(after.id());
        }
        query.sql.append(" ORDER BY l.executed_at DESC, l.id DESC LIMIT ?");
        query.args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = query.prepare(c)) {
            ps.setQueryTimeout(PAGE_QUERY_TIMEOUT_SECONDS);
            List<HistoryEntry> entries = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw explainTimeout(e);
        }
    }

    /** How many rows match; empty when counting took too long to be worth the wait (a progress bar can do without). */
    public Optional<Long> count(HistoryFilter filter, int timeoutSeconds) throws SQLException {
        HistoryQuery.Where query = queries.where(queries.countSelect(), filter);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = query.prepare(c)) {
            ps.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1));
            }
        } catch (SQLException e) {
            if (isCancelled(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Streams every matching row, newest first, with full outputs, to {@code sink}; a cursor brings
     * {@value #EXPORT_FETCH_SIZE} rows per round trip, so memory stays flat at any table size.
     *
     * @param cancelled checked before each row; when it says yes the stream stops
     * @return how many rows were handed to the sink
     */
    public long stream(HistoryFilter filter, BooleanSupplier cancelled, Consumer<HistoryEntry> sink) throws SQLException {
        HistoryQuery.Where query = queries.where(queries.select("l.stdout", "l.stderr"), filter);
        query.sql.append(" ORDER BY l.executed_at DESC, l.id DESC");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // pgjdbc only uses a cursor (and honours the fetch size) inside a transaction.
            c.setAutoCommit(false);
            long rows = 0;
            try (PreparedStatement ps = query.prepare(c)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (!cancelled.getAsBoolean() && rs.next()) {
                        sink.accept(read(rs));
                        rows++;
                    }
                }
            } catch (SQLException | RuntimeException | Error e) {
                // Not in a finally: a rollback failing on a lost connection must not hide why the stream stopped.
                Transactions.rollBackAfter(c, e);
                throw e;
            }
            c.rollback();
            c.setAutoCommit(autoCommit);
            return rows;
        }
    }

    /** One row, with output previews, or empty if there is no such row (any more). */
    public Optional<HistoryEntry> find(UUID id) throws SQLException {
        String sql = previewColumns() + " WHERE l.id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The outputs of one row, each cut to its first {@code maxChars} characters, with their full lengths;
     * pass {@link Integer#MAX_VALUE} for all of them.
     */
    public Optional<HistoryOutput> output(UUID id, int maxChars) throws SQLException {
        String sql = """
                SELECT left(stdout, ?) AS stdout, length(stdout) AS stdout_length,
                       left(stderr, ?) AS stderr, length(stderr) AS stderr_length
                FROM update_logs WHERE id = ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, maxChars);
            ps.setInt(2, maxChars);
            ps.setObject(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HistoryOutput(rs.getString("stdout"), rs.getLong("stdout_length"),
                        rs.getString("stderr"), rs.getLong("stderr_length")));
            }
        }
    }

    /**
     * Records an error the console showed to a user: action console_error, result failed, the message and
     * stack trace in stderr, who/where with the error's key in the metadata (or, on a schema without that
     * column, in stdout). Writing an error that is already recorded writes nothing and returns the existing
     * row: that is what makes replaying the spool safe. An agent that no longer exists is kept in the text.
     *
     * @return the id of the history row that holds this error
     */
    public UUID insertConsoleError(ConsoleError error) throws SQLException {
        return consoleErrors.insert(error);
    }

    /**
     * Records the error in the few columns every generation of update_logs has, for when the schema refuses
     * the full row for good (a check or a column it does not have): the error is kept, its facts in stderr.
     */
    public UUID insertBareConsoleError(ConsoleError error) throws SQLException {
        return consoleErrors.insertBare(error);
    }

    /**
     * Records a maintenance step the console ran on the database at an administrator's word (a repair
     * statement): the action, whether it worked, the SQL in stdout and the sentence or error in stderr. Only
     * the columns every generation of update_logs has, so it lands on RedFlag's table as on the console's.
     */
    public UUID insertMaintenance(String action, boolean succeeded, String stdout, String stderr, Instant at)
            throws SQLException {
        String sql = "INSERT INTO update_logs (action, result, stdout, stderr, executed_at) VALUES (?, ?, ?, ?, ?) RETURNING id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, action);
            ps.setString(2, succeeded ? "success" : "failed");
            ps.setString(3, stdout);
            ps.setString(4, stderr);
            ps.setObject(5, SqlTime.bind(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private String previewColumns() {
        return queries.select("left(l.stdout, " + PREVIEW_CHARS + ")", "left(l.stderr, " + PREVIEW_CHARS + ")");
    }

    private static boolean isCancelled(SQLException e) {
        return "57014".equals(e.getSQLState());
    }

    private static SQLException explainTimeout(SQLException e) {
        if (!isCancelled(e)) {
            return e;
        }
        SQLTimeoutException explained = new SQLTimeoutException("The History search took longer than "
                + PAGE_QUERY_TIMEOUT_SECONDS + " s and was stopped. Narrow it: pick a shorter time range, a "
                + "subsystem or a result, or search for a longer text.");
        explained.addSuppressed(e);
        return explained;
    }

    private static HistoryEntry read(ResultSet rs) throws SQLException {
        return new HistoryEntry(
                rs.getObject("id", UUID.class),
                SqlTime.instant(rs, "executed_at"),
                rs.getObject("agent_id", UUID.class),
                rs.getString("hostname"),
                rs.getString("subsystem"),
                rs.getString("action"),
                rs.getString("result"),
                (Integer) rs.getObject("exit_code"),
                (Integer) rs.getObject("duration_seconds"),
                rs.getString("stdout"),
                rs.getString("stderr"));
    }
}
