package org.redflag.console.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

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

    private static final String COLUMNS = """
            SELECT l.id, l.executed_at, l.agent_id, a.hostname, l.subsystem, l.action, l.result, l.exit_code,
                   l.duration_seconds, %s AS stdout, %s AS stderr
            FROM update_logs l
            LEFT JOIN agents a ON a.id = l.agent_id
            """;

    private final DataSource dataSource;

    public HistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One page of all history, newest first, starting after {@code after} (null for the newest). */
    public List<HistoryEntry> page(PageKey after, int limit) throws SQLException {
        return page(HistoryFilter.all(), after, limit);
    }

    /**
     * One page of the history that matches {@code filter}, newest first, starting after {@code after}
     * (null for the newest). Outputs are cut to their first {@value #PREVIEW_CHARS} characters.
     *
     * @throws IllegalArgumentException when the filter has a {@linkplain HistoryFilter#problem() problem}
     */
    public List<HistoryEntry> page(HistoryFilter filter, PageKey after, int limit) throws SQLException {
        Query query = new Query(previewColumns(), filter);
        if (after != null) {
            query.sql.append(" AND (l.executed_at, l.id) < (?, ?)");
            query.args.add(timestamp(after.executedAt()));
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
        Query query = new Query("SELECT count(*) FROM update_logs l LEFT JOIN agents a ON a.id = l.agent_id", filter);
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
        Query query = new Query(COLUMNS.formatted("l.stdout", "l.stderr"), filter);
        query.sql.append(" ORDER BY l.executed_at DESC, l.id DESC");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // pgjdbc only uses a cursor (and honours the fetch size) inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement ps = query.prepare(c)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                long rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (!cancelled.getAsBoolean() && rs.next()) {
                        sink.accept(read(rs));
                        rows++;
                    }
                }
                return rows;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
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
     * Records an error the console showed to a user: action console_error, result failed, the console area
     * in subsystem, the message and stack trace in stderr, and who/where in metadata. Writing an error whose
     * idempotency key is already recorded writes nothing and returns the existing row: that is what makes
     * replaying the spool safe.
     *
     * <p>An agent that no longer exists in this database (deleted since, or an error spooled while another
     * database was open) is kept in the metadata instead of failing the write.
     *
     * @return the id of the history row that holds this error
     */
    public UUID insertConsoleError(ConsoleError error) throws SQLException {
        try {
            return insertConsoleError(error, error.agentId());
        } catch (SQLException e) {
            if (error.agentId() != null && FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                return insertConsoleError(error, null);
            }
            throw e;
        }
    }

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String UNDEFINED_COLUMN = "42703";

    private UUID insertConsoleError(ConsoleError error, UUID agentId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                return insertConsoleError(c, error, agentId, true);
            } catch (SQLException e) {
                // A schema older than V6 has no idempotency_key column: exactly when a migration has just
                // failed, the error that says so must still become a row.
                if (UNDEFINED_COLUMN.equals(e.getSQLState())) {
                    return insertConsoleError(c, error, agentId, false);
                }
                throw e;
            }
        }
    }

    /**
     * Writes the error unless it is already there. The key is also kept in the metadata, and the row is
     * looked up by it at its own executed_at (an index lookup on every schema since V1), so an error written
     * before the key column existed is not written again by a replay after the upgrade. With the column, its
     * unique index also settles two writers racing on the same error.
     */
    private static UUID insertConsoleError(Connection c, ConsoleError error, UUID agentId, boolean keyColumn)
            throws SQLException {
        String sql = """
                INSERT INTO update_logs (agent_id, action, result, subsystem, stderr, metadata, executed_at%s)
                SELECT ?::uuid, 'console_error', 'failed', ?, ?,
                       jsonb_strip_nulls(jsonb_build_object('kind', 'console_error', 'host', ?::text,
                           'user', ?::text, 'console_version', ?::text, 'thread', ?::text,
                           'idempotency_key', ?::text, 'agent_id', ?::text)),
                       ?%s
                WHERE NOT EXISTS (%s)
                %s
                RETURNING id
                """.formatted(keyColumn ? ", idempotency_key" : "", keyColumn ? ", ?::uuid" : "", ALREADY_WRITTEN,
                keyColumn ? "ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            ps.setObject(++i, agentId);
            ps.setString(++i, error.area());
            ps.setString(++i, error.stderr());
            ps.setString(++i, error.host());
            ps.setString(++i, error.user());
            ps.setString(++i, error.consoleVersion());
            ps.setString(++i, error.thread());
            ps.setString(++i, error.idempotencyKey().toString());
            ps.setString(++i, error.agentId() == null ? null : error.agentId().toString());
            ps.setObject(++i, timestamp(error.occurredAt()));
            if (keyColumn) {
                ps.setObject(++i, error.idempotencyKey());
            }
            setAlreadyWritten(ps, i, error);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, UUID.class);
                }
            }
        }
        return findWritten(c, error);
    }

    private static final String ALREADY_WRITTEN = """
            SELECT id FROM update_logs
            WHERE executed_at = ? AND action = 'console_error' AND metadata ->> 'idempotency_key' = ?""";

    private static void setAlreadyWritten(PreparedStatement ps, int after, ConsoleError error) throws SQLException {
        ps.setObject(after + 1, timestamp(error.occurredAt()));
        ps.setString(after + 2, error.idempotencyKey().toString());
    }

    private static UUID findWritten(Connection c, ConsoleError error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALREADY_WRITTEN)) {
            setAlreadyWritten(ps, 0, error);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The console error " + error.idempotencyKey() + " was neither written nor found");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** The WHERE clause of every history list, built from bound parameters only. */
    private static final class Query {
        final StringBuilder sql;
        final List<Object> args = new ArrayList<>();

        Query(String select, HistoryFilter filter) {
            filter.problem().ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            sql = new StringBuilder(select).append(" WHERE true");
            if (filter.agentId() != null) {
                sql.append(" AND l.agent_id = ?");
                args.add(filter.agentId());
            }
            if (!filter.hostnameContains().isEmpty()) {
                sql.append(" AND a.hostname ILIKE ? ESCAPE '\\'");
                args.add(contains(filter.hostnameContains()));
            }
            if (!filter.subsystem().isEmpty()) {
                sql.append(" AND l.subsystem = ?");
                args.add(filter.subsystem());
            }
            if (!filter.result().isEmpty()) {
                sql.append(" AND l.result = ?");
                args.add(filter.result());
            }
            if (filter.from() != null) {
                sql.append(" AND l.executed_at >= ?");
                args.add(timestamp(filter.from()));
            }
            if (filter.until() != null) {
                sql.append(" AND l.executed_at < ?");
                args.add(timestamp(filter.until()));
            }
            if (filter.searchesOutput()) {
                // Two ILIKEs (not one over a concatenation) so each can use its own trigram index.
                sql.append(" AND (l.stdout ILIKE ? ESCAPE '\\' OR l.stderr ILIKE ? ESCAPE '\\')");
                String pattern = contains(filter.outputContains().strip());
                args.add(pattern);
                args.add(pattern);
            }
            if (filter.consoleErrorsOnly()) {
                sql.append(" AND l.action = 'console_error'");
            }
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }
    }

    private static String previewColumns() {
        return COLUMNS.formatted("left(l.stdout, " + PREVIEW_CHARS + ")", "left(l.stderr, " + PREVIEW_CHARS + ")");
    }

    /** The text as a literal "contains" pattern: LIKE's own wildcards in it match only themselves. */
    private static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
                rs.getObject("executed_at", OffsetDateTime.class).toInstant(),
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
