package org.redflag.console.updates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.Transactions;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * Pending packages across the fleet, grouped by package and severity, and the install commands for them.
 *
 * <p>Where pending packages live: the console's schema keeps an agent's available updates in update_packages
 * (its updates scan replaces them, so every row is pending). RedFlag's server, from 003 on in both generations,
 * lists an agent's updates from the event-sourced current_package_state, and those still to install have
 * status 'pending'; its 001 update_packages is no longer written by it, and update_logs.update_package_id
 * points at current_package_state (004). So on RedFlag a pending update is a current_package_state row with
 * status 'pending', as the agent details already read it.
 *
 * <p>Paging stays bounded at fleet scale: the groups come in (severity rank, name, package type) order, one
 * severity after another, each an ordered walk of the (severity, name, package_type) index that stops after a
 * page of groups; ordering by "most agents first" would aggregate every pending row of the fleet for each page.
 */
public final class UpdatesRepository {

    /** The command RedFlag's server queues to install an update (SCHEMA.md (d)); the console schema uses the same. */
    public static final String INSTALL_COMMAND = "install_updates";

    /** The advisory lock's first key: "RFCI" — the console's installs, apart from its scans ("RFCS"). */
    private static final int LOCK_CLASS = 0x52464349;

    private final DataSource dataSource;
    private final Capabilities capabilities;
    private final String table;
    private final String name;
    private final String pending;

    public UpdatesRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.capabilities = capabilities;
        boolean console = capabilities.isConsole();
        this.table = console ? "update_packages" : "current_package_state";
        this.name = console ? "u.name" : "u.package_name";
        this.pending = console ? "true" : "u.status = 'pending'";
    }

    /** Whether this database keeps pending packages at all (a RedFlag one without 003's table does not). */
    public boolean hasPackageData() {
        return capabilities.isConsole() || capabilities.has(Feature.PACKAGE_STATE);
    }

    /**
     * Up to {@code limit} groups matching the filter after {@code after} (null: from the first), most severe
     * first, then by name and package type: one severity after another, each a walk of the index in its order
     * that stops once the page is full, so a page reads the pending rows of its own groups and no others (a union
     * of the four severities would aggregate a page of each before sorting them; 2.6 s instead of 0.4 at 100,000
     * agents). Counting is min/max and count(*), streamed in index order; no per-group sort for distinct versions.
     */
    public List<PackageGroup> groups(UpdatesFilter filter, PackageGroup after, int limit) throws SQLException {
        if (!hasPackageData()) {
            return List.of();
        }
        String pattern = AgentRepository.containsPattern(filter.nameContains());
        int afterRank = after == null ? 0 : Severities.rank(after.severity());
        List<PackageGroup> groups = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String severity : Severities.ORDER) {
                int rank = Severities.rank(severity);
                if ((filter.severity() != null && !filter.severity().equals(severity)) || rank < afterRank) {
                    continue;
                }
                if (groups.size() >= limit) {
                    break;
                }
                groups.addAll(groupsOf(c, severity, rank == afterRank ? after : null, pattern, limit - groups.size()));
            }
        }
        return groups;
    }

    private List<PackageGroup> groupsOf(Connection c, String severity, PackageGroup after, String pattern, int limit)
            throws SQLException {
        return capabilities.isConsole() ? distinctThenCounted(c, severity, after, pattern, limit)
                : grouped(c, severity, after, pattern, limit);
    }

    /**
     * The console's schema: the severity's distinct packages one index probe each (a loose index scan of V18's
     * index, a few thousand probes however many agents), the name search applied to those, and only the page's
     * packages counted, each a range of the same index. A search then costs the distinct names, not every
     * pending row of the fleet (4.4 s at 100,000 agents × 36 packages when the filter ran on every row).
     */
    private List<PackageGroup> distinctThenCounted(Connection c, String severity, PackageGroup after, String pattern,
            int limit) throws SQLException {
        List<Object> args = new ArrayList<>(List.of(severity));
        String start = "";
        if (after != null) {
            start = " AND (u.name, u.package_type) > (?, ?)";
            args.add(after.name());
            args.add(after.packageType());
        }
        args.add(severity);
        args.add(severity);
        String search = "";
        if (pattern != null) {
            search = " WHERE k.name ILIKE ? ESCAPE '\\'";
            args.add(pattern);
        }
        args.add(limit);
        String sql = """
                WITH RECURSIVE k AS (
                    (SELECT u.name, u.package_type FROM update_packages u WHERE u.severity = ?%1$s
                     ORDER BY u.name, u.package_type LIMIT 1)
                    UNION ALL
                    SELECT n.name, n.package_type FROM k CROSS JOIN LATERAL (
                        SELECT u.name, u.package_type FROM update_packages u
                        WHERE u.severity = ? AND (u.name, u.package_type) > (k.name, k.package_type)
                        ORDER BY u.name, u.package_type LIMIT 1) n
                )
                SELECT k.package_type, k.name, s.agents, s.lowest, s.highest
                FROM k CROSS JOIN LATERAL (
                    SELECT count(*) AS agents, min(u.available_version) AS lowest, max(u.available_version) AS highest
                    FROM update_packages u WHERE u.severity = ? AND u.name = k.name AND u.package_type = k.package_type
                ) s%2$s
                LIMIT ?
                """.formatted(start, search);
        return read(c, sql, args, severity);
    }

    /** RedFlag's schema, on its own indexes (the console adds none there): the severity's rows grouped. */
    private List<PackageGroup> grouped(Connection c, String severity, PackageGroup after, String pattern, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(severity));
        StringBuilder sql = new StringBuilder("""
                SELECT u.package_type, %1$s AS name, count(*) AS agents,
                       min(u.available_version) AS lowest, max(u.available_version) AS highest
                FROM %2$s u WHERE %3$s AND u.severity = ?""".formatted(name, table, pending));
        if (after != null) {
            sql.append(" AND (").append(name).append(", u.package_type) > (?, ?)");
            args.add(after.name());
            args.add(after.packageType());
        }
        if (pattern != null) {
            sql.append(" AND ").append(name).append(" ILIKE ? ESCAPE '\\'");
            args.add(pattern);
        }
        sql.append(" GROUP BY ").append(name).append(", u.package_type ORDER BY ").append(name)
                .append(", u.package_type LIMIT ?");
        args.add(limit);
        return read(c, sql.toString(), args, severity);
    }

    private static List<PackageGroup> read(Connection c, String sql, List<Object> args, String severity)
            throws SQLException {
        List<PackageGroup> groups = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                groups.add(new PackageGroup(rs.getString("package_type"), rs.getString("name"), severity,
                        rs.getLong("agents"), rs.getString("lowest"), rs.getString("highest")));
            }
        }
        return groups;
    }

    /** Up to {@code limit} agents that have the package pending, by hostname, after {@code after} (null: first). */
    public List<AffectedAgent> agents(PackageKey key, AffectedAgent after, int limit) throws SQLException {
        if (!hasPackageData()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(key.packageType(), key.name(), key.severity()));
        StringBuilder sql = new StringBuilder("""
                SELECT a.id, a.hostname, a.os_type, u.current_version, u.available_version
                FROM %s u JOIN agents a ON a.id = u.agent_id
                WHERE %s AND u.package_type = ? AND %s = ? AND u.severity = ?""".formatted(table, pending, name));
        if (after != null) {
            sql.append(" AND (lower(a.hostname), a.id) > (lower(?), ?)");
            args.add(after.hostname());
            args.add(after.agentId());
        }
        sql.append(" ORDER BY lower(a.hostname), a.id LIMIT ?");
        args.add(limit);
        List<AffectedAgent> agents = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql.toString(), args);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                agents.add(new AffectedAgent(rs.getObject("id", UUID.class), rs.getString("hostname"),
                        rs.getString("os_type"), rs.getString("current_version"), rs.getString("available_version")));
            }
        }
        return agents;
    }

    /**
     * Queues the install of the package on the given agents (null: every agent that has it pending), in one
     * statement however many agents, each agent once: an agent with an active install of this package keeps
     * it, and an agent with another package's install active is left as it is where the schema allows one
     * active command per agent and type (the console's V2 index, RedFlag's 023a for pending ones). A
     * transaction-scoped advisory lock on the package makes "is one active?" and the insert one step among
     * consoles, also on RedFlag v0.1.x, which has no unique index to lean on.
     */
    public InstallOutcome install(PackageKey key, Collection<UUID> agentIds) throws SQLException {
        String agentFilter = agentIds == null ? "" : " AND u.agent_id = ANY (?)";
        boolean console = capabilities.isConsole();
        boolean expires = capabilities.has(Feature.COMMAND_EXPIRES_AT);
        String active = console ? "('pending', 'sent')" : "('pending', 'sent', 'received', 'running')";
        // RedFlag's params name the package state row (update_logs.update_package_id points at it) and the package;
        // the console's name the package and the version its scan offered.
        String params = console
                ? "jsonb_build_object('package_type', t.package_type, 'package_name', t.name, 'version', t.available_version)"
                : "jsonb_build_object('update_id', t.id::text, 'package_type', t.package_type, 'package_name', t.name, "
                        + "'version', t.available_version)";
        String sql = """
                WITH target AS (
                    SELECT u.id, u.agent_id, u.package_type, %1$s AS name, u.available_version
                    FROM %2$s u
                    WHERE %3$s AND u.package_type = ? AND %1$s = ? AND u.severity = ?%4$s
                ), fresh AS (
                    SELECT t.* FROM target t
                    WHERE NOT EXISTS (SELECT 1 FROM agent_commands c
                                      WHERE c.agent_id = t.agent_id AND c.command_type = '%5$s'
                                        AND c.status IN %6$s
                                        AND c.params ->> 'package_type' = t.package_type
                                        AND c.params ->> 'package_name' = t.name)
                ), queued AS (
                    INSERT INTO agent_commands (agent_id, command_type, params, status, source%7$s)
                    SELECT t.agent_id, '%5$s', %8$s, 'pending', 'manual'%9$s
                    FROM fresh t ORDER BY t.agent_id
                    ON CONFLICT DO NOTHING
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM fresh), (SELECT count(*) FROM queued)
                """.formatted(name, table, pending, agentFilter, INSTALL_COMMAND, active,
                expires ? ", expires_at" : "", params,
                // The later server gives a new command four hours, in UTC wall time (the column has no zone).
                expires ? ", (now() AT TIME ZONE 'UTC') + interval '4 hours'" : "");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                lock(c, key);
                List<Object> args = new ArrayList<>(List.of(key.packageType(), key.name(), key.severity()));
                if (agentIds != null) {
                    args.add(c.createArrayOf("uuid", agentIds.toArray()));
                }
                InstallOutcome outcome;
                try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long pendingAgents = rs.getLong(1);
                    long fresh = rs.getLong(2);
                    long queued = rs.getLong(3);
                    long requested = agentIds == null ? pendingAgents : agentIds.size();
                    outcome = new InstallOutcome(key, requested, pendingAgents, queued, pendingAgents - fresh,
                            fresh - queued);
                }
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollBackAfter(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Serialises installs of one package among consoles until this transaction ends. */
    private static void lock(Connection c, PackageKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(? || ':' || ?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, key.packageType());
            ps.setString(3, key.name());
            ps.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }
}
