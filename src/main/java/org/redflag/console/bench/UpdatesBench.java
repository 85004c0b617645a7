package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.redflag.console.updates.AffectedAgent;
import org.redflag.console.updates.InstallOutcome;
import org.redflag.console.updates.PackageGroup;
import org.redflag.console.updates.UpdatesFilter;
import org.redflag.console.updates.UpdatesService;

/**
 * The Updates view at fleet scale (console schema): every agent gets {@code perAgent} pending packages, drawn
 * set-based from a pool where a few packages are pending almost everywhere and most on few agents, as in a real
 * fleet; then the view's calls are timed: the first and a deep page of groups, a severity, a name search, the
 * agents of the most common package (first and deep page), and installing it on all of them (twice: the second
 * finds every agent queued). For comparison, the one query that would order groups by "most agents first".
 */
final class UpdatesBench {

    /** The view's page size (UpdatesViewModel). */
    private static final int PAGE = 100;
    private static final int POOL = 2_000;

    private UpdatesBench() {
    }

    /** Fills update_packages for every agent (set-based: one statement) and returns how many rows it holds. */
    static long generate(DataSource dataSource, int perAgent, PrintWriter out) throws SQLException {
        long start = System.nanoTime();
        // Package n (1..POOL) is pending on an agent with a chance that falls with n: the first few nearly
        // everywhere, the tail on a handful. Severity and version follow the package, so a package is one group.
        String sql = """
                INSERT INTO update_packages (agent_id, package_type, name, current_version, available_version, severity)
                SELECT a.id, 'apt', 'pkg-' || lpad(n::text, 4, '0'), '1.0.' || (n %% 7), '1.1.' || (n %% 7),
                       (ARRAY['critical', 'important', 'moderate', 'low'])[1 + (n %% 4)]::severity_level
                FROM agents a
                CROSS JOIN LATERAL (
                    SELECT DISTINCT 1 + floor(%d * power(random(), 3))::int AS n
                    FROM generate_series(1, %d) g WHERE a.id IS NOT NULL
                ) p
                ON CONFLICT DO NOTHING
                """.formatted(POOL, perAgent);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE update_packages");
            s.executeUpdate(sql);
            // As autovacuum would soon: the visibility map lets the counts come from the index alone.
            s.execute("VACUUM ANALYZE update_packages");
            long rows = count(c, "SELECT count(*) FROM update_packages");
            out.printf("  update_packages: %,d rows (%,d packages across the fleet) in %.1f s%n", rows,
                    count(c, "SELECT count(DISTINCT name) FROM update_packages"), (System.nanoTime() - start) / 1e9);
            return rows;
        }
    }

    /** Generates, then measures; a failure that is not the database's comes back as an IllegalStateException. */
    static void run(UpdatesService updates, DataSource dataSource, int perAgent, int warmups, int runs,
            PrintWriter out, Map<String, Object> json) throws SQLException {
        generate(dataSource, perAgent, out);
        try {
            measure(updates, dataSource, warmups, runs, out, json);
        } catch (SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The Updates view's measurement failed: " + e.getMessage(), e);
        }
    }

    /** Times the view's calls and prints one line each; the figures also go into {@code json}. */
    static void measure(UpdatesService updates, DataSource dataSource, int warmups, int runs, PrintWriter out,
            Map<String, Object> json) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        List<PackageGroup> first = updates.groups(UpdatesFilter.ALL, null, PAGE);
        PackageGroup deep = first.get(first.size() - 1);
        for (int i = 0; i < 5; i++) {
            List<PackageGroup> next = updates.groups(UpdatesFilter.ALL, deep, PAGE);
            deep = next.isEmpty() ? deep : next.get(next.size() - 1);
        }
        PackageGroup deepAfter = deep;
        PackageGroup common = first.stream().max(java.util.Comparator.comparingLong(PackageGroup::agents)).orElseThrow();
        List<AffectedAgent> commonAgents = updates.agents(common.key(), null, PAGE * 10);
        AffectedAgent agentsAfter = commonAgents.get(commonAgents.size() - 1);

        line(out, figures, "updates: first page of groups", Timing.measure(warmups, runs,
                () -> updates.groups(UpdatesFilter.ALL, null, PAGE).size()));
        line(out, figures, "updates: deep page of groups (keyset)", Timing.measure(warmups, runs,
                () -> updates.groups(UpdatesFilter.ALL, deepAfter, PAGE).size()));
        line(out, figures, "updates: severity low", Timing.measure(warmups, runs,
                () -> updates.groups(new UpdatesFilter("low", null), null, PAGE).size()));
        line(out, figures, "updates: name contains \"12\"", Timing.measure(warmups, runs,
                () -> updates.groups(new UpdatesFilter(null, "12"), null, PAGE).size()));
        line(out, figures, String.format("updates: agents of %s (%,d agents)", common.name(), common.agents()),
                Timing.measure(warmups, runs, () -> updates.agents(common.key(), null, PAGE).size()));
        line(out, figures, "updates: deep page of those agents (keyset)", Timing.measure(warmups, runs,
                () -> updates.agents(common.key(), agentsAfter, PAGE).size()));
        line(out, figures, "updates: most agents first (whole aggregation, not used)", Timing.measure(warmups, runs,
                () -> mostAgentsFirst(dataSource)));

        long start = System.nanoTime();
        InstallOutcome queued = updates.install(common.key(), null);
        double installMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        InstallOutcome again = updates.install(common.key(), null);
        double againMillis = (System.nanoTime() - start) / 1e6;
        out.printf("  %-58s %9.1f ms  (%,d queued)%n", "updates: install on all agents of " + common.name(),
                installMillis, queued.queued());
        out.printf("  %-58s %9.1f ms  (%,d already queued)%n", "updates: the same install again", againMillis,
                again.alreadyQueued());
        figures.put("updates: install on all", Map.of("ms", installMillis, "queued", queued.queued()));
        figures.put("updates: install again", Map.of("ms", againMillis, "already_queued", again.alreadyQueued()));
        json.put("updates", figures);
        out.flush();
    }

    private static int mostAgentsFirst(DataSource dataSource) throws SQLException {
        String sql = """
                SELECT package_type, name, severity, count(*) AS agents FROM update_packages
                GROUP BY package_type, name, severity ORDER BY count(*) DESC, name LIMIT ?
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, PAGE);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows;
        }
    }

    private static void line(PrintWriter out, Map<String, Object> figures, String name, Timing.Measured measured) {
        Timing t = measured.timing();
        out.printf("  %-58s median %7.2f ms  p95 %7.2f ms  (%d rows)%n", name, t.medianMillis(), t.p95Millis(),
                measured.rows());
        out.flush();
        figures.put(name, Map.of("median_ms", t.medianMillis(), "p95_ms", t.p95Millis(), "rows", measured.rows()));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
