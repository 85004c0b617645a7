package org.redflag.console.fleet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.redflag.console.db.SqlTime;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * SQL for agents. Lists are pages in one of the {@link AgentOrder}s after a key (keyset paging on an index over
 * (key, id) on the console's schema), filtered in SQL: the whole table is never read.
 */
public final class AgentRepository {

    /** The position after which the next page starts. */
    public record PageKey(String hostname, UUID id) {
        public static PageKey after(Agent agent) {
            return new PageKey(agent.hostname(), agent.id());
        }
    }

    /** The position after which the next page of an order starts: the last row's key in that order, and its id. */
    public record OrderKey(AgentSort by, Object value, UUID id) {
        public static OrderKey after(Agent agent, AgentSort by) {
            return new OrderKey(by, by.keyOf(agent), agent.id());
        }
    }

    /** One value a filter can choose, with how many agents have it. */
    public record FilterChoice(String value, long agents) {
    }

    /** How many versions the version filter offers at most (the most common); a fleet has a handful. */
    static final int MAX_VERSION_CHOICES = 50;

    private final DataSource dataSource;
    private final String select;
    private final String version;
    private final boolean knowsReboot;
    private final AgentFilterSql filters;
    private final AgentOrderSql orders;

    /** Agents of the console's own schema. */
    public AgentRepository(DataSource dataSource) {
        this(dataSource, Capabilities.CONSOLE_SCHEMA);
    }

    public AgentRepository(DataSource dataSource, Capabilities capabilities) {
        this.dataSource = dataSource;
        this.select = select(capabilities);
        this.version = version(capabilities);
        this.knowsReboot = capabilities.has(Feature.REBOOT_REQUIRED);
        this.filters = new AgentFilterSql(version, knowsReboot ? "coalesce(a.reboot_required, false)" : "false");
        this.orders = new AgentOrderSql(version);
    }

    private static String version(Capabilities capabilities) {
        return capabilities.has(Feature.CURRENT_VERSION)
                ? "coalesce(nullif(nullif(a.current_version, ''), '0.0.0'), a.agent_version)"
                : "a.agent_version";
    }

    /** Whether the schema records a reboot being required (RedFlag's first generation does not). */
    public boolean knowsReboot() {
        return knowsReboot;
    }

    /**
     * The same columns from every schema. RedFlag's check-ins report current_version while agent_version is
     * what the agent registered with, so the newer wins unless it is still the '0.0.0' default. The last
     * scan is the subsystems' last run in the console's schema; RedFlag's server does not keep that, so
     * there it is the agent's newest scan in the history. The enabled subsystems are agent_subsystems'
     * enabled rows (a NULL counts as off, as the scan service reads it); RedFlag's first generation has no
     * such table and scans updates only.
     */
    private static String select(Capabilities capabilities) {
        String version = version(capabilities);
        String reboot = capabilities.has(Feature.REBOOT_REQUIRED) ? "coalesce(a.reboot_required, false)" : "false";
        String columns = """
                SELECT a.id, a.hostname, a.os_type, a.os_version, a.os_architecture, %s AS version, a.last_seen,
                       %s AS reboot_required, (a.metadata ->> 'demo') IS NOT DISTINCT FROM 'true' AS demo,
                """.formatted(version, reboot);
        if (capabilities.isConsole()) {
            // Both facts come from the agent's subsystems: one visit per agent instead of one per fact halves the
            // page's reads (bench at 100,000 agents: 1,684 buffers a page before, 872 after). The names are put in
            // order in Java (strings()): sorting them in SQL was a sort per agent, 14 % of a 200-agent page.
            return columns + """
                           s.last_scan, coalesce(s.enabled_subsystems, '{}') AS enabled_subsystems
                    FROM agents a
                    LEFT JOIN LATERAL (SELECT max(s.last_run_at) AS last_scan,
                                              array_agg(s.subsystem::text) FILTER (WHERE s.enabled IS TRUE)
                                                  AS enabled_subsystems
                                       FROM agent_subsystems s WHERE s.agent_id = a.id) s ON true
                    """;
        }
        String lastScan =
                "(SELECT max(l.executed_at) FROM update_logs l WHERE l.agent_id = a.id AND l.action LIKE 'scan\\_%')";
        String enabled = capabilities.has(Feature.SUBSYSTEMS_TABLE)
                ? "ARRAY(SELECT s.subsystem::text FROM agent_subsystems s WHERE s.agent_id = a.id AND s.enabled IS TRUE"
                        + " ORDER BY s.subsystem::text)"
                : "ARRAY['updates']::text[]";
        return columns + """
                       %s AS last_scan, %s AS enabled_subsystems
                FROM agents a
                """.formatted(lastScan, enabled);
    }

    /**
     * One page of agents whose hostname contains {@code hostnameFilter} (case-insensitive; blank for all),
     * ordered by hostname, starting after {@code after} (null for the first page).
     */
    public List<Agent> page(String hostnameFilter, PageKey after, int limit) throws SQLException {
        return page(AgentQuery.search(hostnameFilter),
                after == null ? null : new OrderKey(AgentSort.HOSTNAME, after.hostname(), after.id()), limit, null);
    }

    /**
     * One page of the agents {@code query} matches, in its order, starting after {@code after} (null for the first
     * page). {@code now} judges presence (the view's clock); it may be null when the filter has none.
     */
    public List<Agent> page(AgentQuery query, OrderKey after, int limit, Instant now) throws SQLException {
        StringBuilder sql = new StringBuilder(select);
        List<Object> args = new ArrayList<>();
        filters.append(sql, args, query.filter(), now);
        if (after != null) {
            orders.appendAfter(sql, args, query.order(), after);
        }
        sql.append(orders.orderBy(query.order())).append(" LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            List<Agent> agents = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    agents.add(read(rs));
                }
            }
            return agents;
        }
    }

    /**
     * How many agents {@code filter} matches; empty when counting took longer than {@code timeoutSeconds} (the
     * list then says "200+" rather than wait).
     */
    public Optional<Long> count(AgentFilter filter, Instant now, int timeoutSeconds) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM agents a");
        List<Object> args = new ArrayList<>();
        filters.append(sql, args, filter, now);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            ps.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(rs.getLong(1));
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The OS types the fleet has, A to Z, with their agents: the OS filter's choices (one grouped query). */
    public List<FilterChoice> osChoices() throws SQLException {
        return choices("SELECT a.os_type, count(*) FROM agents a GROUP BY 1 ORDER BY 1");
    }

    /** The versions the fleet runs, most agents first: the version filter's choices (one grouped query). */
    public List<FilterChoice> versionChoices() throws SQLException {
        return choices("SELECT " + version + ", count(*) FROM agents a WHERE " + version + " IS NOT NULL"
                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " + MAX_VERSION_CHOICES);
    }

    private List<FilterChoice> choices(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<FilterChoice> choices = new ArrayList<>();
            while (rs.next()) {
                choices.add(new FilterChoice(rs.getString(1), rs.getLong(2)));
            }
            return choices;
        }
    }

    private static PreparedStatement prepare(Connection c, CharSequence sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    public Optional<Agent> find(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select + " WHERE a.id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM agents");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The ILIKE pattern (escape character backslash) for hostnames containing {@code hostnameFilter}, or null
     * when the filter is blank (every agent): the one definition of "matches the search" for every query.
     */
    public static String containsPattern(String hostnameFilter) {
        return hostnameFilter == null || hostnameFilter.isBlank() ? null
                // PostgreSQL refuses a NUL in any text: one in a search can only mean "matches nothing".
                : "%" + escapeLike(hostnameFilter.strip()).replace("\0", "\uFFFF") + "%";
    }

    /** The longest hostname there is (DNS), so a longer search is a mistake worth saying. */
    static final int MAX_HOSTNAME = 255;

    /** Why a search cannot match any hostname, in a sentence for the search box; empty when it can. */
    public static java.util.Optional<String> searchProblem(String hostnameFilter) {
        if (hostnameFilter == null) {
            return java.util.Optional.empty();
        }
        if (hostnameFilter.indexOf('\0') >= 0) {
            return java.util.Optional.of("The search contains a NUL character, which no hostname contains. "
                    + "Remove it and search again.");
        }
        if (hostnameFilter.strip().length() > MAX_HOSTNAME) {
            return java.util.Optional.of("The search is longer than a hostname can be (" + MAX_HOSTNAME
                    + " characters). Search for a shorter part of the name.");
        }
        return java.util.Optional.empty();
    }

    /** How many agents the search matches (exact: the confirmation of a scan of all of them names the number). */
    public long countMatching(String hostnameFilter) throws SQLException {
        String pattern = containsPattern(hostnameFilter);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(pattern == null
                ? "SELECT count(*) FROM agents" : "SELECT count(*) FROM agents WHERE hostname ILIKE ? ESCAPE '\\'")) {
            if (pattern != null) {
                ps.setString(1, pattern);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Agent read(ResultSet rs) throws SQLException {
        return new Agent(
                rs.getObject("id", UUID.class),
                rs.getString("hostname"),
                rs.getString("os_type"),
                rs.getString("os_version"),
                rs.getString("os_architecture"),
                rs.getString("version"),
                SqlTime.instant(rs, "last_seen"),
                SqlTime.instant(rs, "last_scan"),
                rs.getBoolean("reboot_required"),
                rs.getBoolean("demo"),
                strings(rs.getArray("enabled_subsystems")));
    }

    /** An array of names, in order (the console's schema aggregates them as the rows come). */
    private static List<String> strings(java.sql.Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            String[] names = (String[]) array.getArray();
            java.util.Arrays.sort(names);
            return List.of(names);
        } finally {
            array.free();
        }
    }
}
