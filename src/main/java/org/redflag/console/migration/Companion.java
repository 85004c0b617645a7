package org.redflag.console.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.redflag.console.db.SchemaMigrator;

/**
 * What the console would like to have on a RedFlag database, kept apart from RedFlag's schema and only ever
 * created when an administrator asks: live-change triggers and two indexes for the console's pages, as a
 * versioned set with its own Flyway history in the schema {@value SchemaMigrator#COMPANION_SCHEMA}, removable
 * in one step. And one fix RedFlag itself defines: 023a's one-pending-command index, for a v0.1.x database.
 * Without any of it the console works (polling, RedFlag's own indexes, an advisory lock for scans).
 */
public final class Companion {

    /** What each companion version creates, in words, for the confirmation that lists them. */
    private static final Map<String, String> CREATES = Map.of(
            "1", "function redflag_console.notify_change() and a trigger redflag_console_notify on agent_commands "
                    + "and on update_logs, so the console refreshes live instead of polling",
            "2", "index redflag_console_agents_hostname on agents (lower(hostname), id), built concurrently, for the "
                    + "Agents view's order",
            "3", "index redflag_console_logs_agent_executed on update_logs (agent_id, executed_at DESC, id DESC), "
                    + "built concurrently, for one agent's history and last scan",
            "4", "index redflag_console_logs_console_errors on update_logs (executed_at DESC, id DESC) for console "
                    + "errors only, built concurrently, for the History's \"console errors only\"");

    public static final String ONE_PENDING_INDEX_NAME = "idx_agent_pending_subsystem";

    public static final String ONE_PENDING_INDEX = "CREATE UNIQUE INDEX CONCURRENTLY " + ONE_PENDING_INDEX_NAME
            + " ON agent_commands (agent_id, command_type, status) WHERE status = 'pending'";

    /**
     * @param installedVersion the companion's version here, or empty when it is not installed
     * @param pending          what installing (or upgrading) would create, one sentence each
     * @param duplicatePending (agent, type) pairs with more than one pending command, which 023a's index forbids
     */
    public record Status(Optional<String> installedVersion, List<String> pending, boolean onePendingIndex,
            long duplicatePending) {

        public boolean installed() {
            return installedVersion.isPresent();
        }
    }

    private final DataSource dataSource;
    private final SchemaMigrator migrator;

    /** The companion for the RedFlag tables in the connection's current schema. */
    public static Companion forCurrentSchema(DataSource dataSource) throws SQLException {
        return new Companion(dataSource, currentSchema(dataSource));
    }

    public Companion(DataSource dataSource, String redflagSchema) {
        this.dataSource = dataSource;
        this.migrator = SchemaMigrator.companion(dataSource, redflagSchema);
    }

    /** Blocking; reads only. */
    public Status status() throws SQLException {
        MigrationInfo[] pending = migrator.flyway().info().pending();
        Optional<String> installed = Optional.ofNullable(migrator.flyway().info().current())
                .filter(m -> m.getVersion() != null).map(m -> m.getVersion().getVersion());
        List<String> creates = java.util.Arrays.stream(pending)
                .map(m -> "V" + m.getVersion() + ": " + CREATES.getOrDefault(m.getVersion().getVersion(), m.getDescription()))
                .toList();
        if (installed.isEmpty() && !creates.isEmpty()) {
            creates = java.util.stream.Stream.concat(java.util.stream.Stream.of("schema " + SchemaMigrator.COMPANION_SCHEMA
                    + ", with the companion's own Flyway history in it"), creates.stream()).toList();
        }
        return new Status(installed, creates, hasOnePendingIndex(), duplicatePending());
    }

    /** Creates (or upgrades) the companion. Only on an administrator's word: the caller asked and confirmed. */
    public void install() {
        try {
            migrator.migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("The console's companion could not be installed: "
                    + e.getMessage().strip().lines().findFirst().orElse("") + ". What was built before the failing step "
                    + "stays and is listed; Remove takes it all away.", e);
        }
    }

    /** The statements Remove runs, each on its own (an index is dropped concurrently, outside a transaction). */
    public List<String> removal() throws SQLException {
        String redflag = redflagSchema();
        return List.of(
                "DROP INDEX CONCURRENTLY IF EXISTS " + quote(redflag) + ".redflag_console_agents_hostname",
                "DROP INDEX CONCURRENTLY IF EXISTS " + quote(redflag) + ".redflag_console_logs_agent_executed",
                "DROP INDEX CONCURRENTLY IF EXISTS " + quote(redflag) + ".redflag_console_logs_console_errors",
                "DROP SCHEMA IF EXISTS " + SchemaMigrator.COMPANION_SCHEMA + " CASCADE");
    }

    /** Removes everything the companion made, and its history; RedFlag's own objects are not touched. */
    public void remove() throws SQLException {
        for (String statement : removal()) {
            execute(statement);
        }
    }

    /**
     * Adds RedFlag 023a's unique index exactly as 023a defines it, so RedFlag's own server and every console
     * then share one rule. It cannot be built while duplicates exist; the sentence says how many and why.
     */
    public void addOnePendingIndex() throws SQLException {
        long duplicates = duplicatePending();
        if (duplicates > 0) {
            throw new IllegalStateException(duplicates + (duplicates == 1 ? " agent and command type has" : " agent and "
                    + "command type pairs have") + " more than one pending command, so the one-pending index cannot be "
                    + "built. Cancel the extra pending commands (keep the oldest), then add the index again.");
        }
        execute(ONE_PENDING_INDEX);
    }

    private boolean hasOnePendingIndex() throws SQLException {
        return single("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = current_schema() "
                + "AND i.relname = '" + ONE_PENDING_INDEX_NAME + "' AND x.indisvalid") > 0;
    }

    private long duplicatePending() throws SQLException {
        return single("SELECT count(*) FROM (SELECT 1 FROM agent_commands WHERE status = 'pending' "
                + "GROUP BY agent_id, command_type HAVING count(*) > 1) d");
    }

    private String redflagSchema() throws SQLException {
        return currentSchema(dataSource);
    }

    private static String currentSchema(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
