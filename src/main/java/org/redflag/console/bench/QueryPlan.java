package org.redflag.console.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What PostgreSQL did for one statement (EXPLAIN ANALYZE, BUFFERS), boiled down to the scans it used: a reader
 * should see at a glance that the big tables are reached through indexes.
 *
 * @param scans          "index scan on idx_…", "Seq Scan on agents", … in plan order, without repeats
 * @param seqScanTables  tables read in full
 * @param executionMillis the server's own execution time
 * @param planningMillis the server's planning time for this statement (a prepared one plans again only when
 *                       PostgreSQL keeps custom plans for it)
 * @param sharedBuffers  shared buffers hit plus read by the top node
 */
record QueryPlan(List<String> scans, List<String> seqScanTables, double executionMillis, double planningMillis,
        long sharedBuffers) {

    private static final Pattern INDEX = Pattern.compile("(Index Only Scan|Index Scan|Bitmap Index Scan)"
            + "(?: Backward)?(?: using| on) (\\S+)");
    private static final Pattern SEQ = Pattern.compile("Seq Scan on (\\S+)");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern BUFFERS = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?");

    /** Runs EXPLAIN ANALYZE of the recorded statement in a transaction that is rolled back (an UPDATE changes nothing). */
    static QueryPlan explain(DataSource dataSource, RecordingDataSource.Recorded statement) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = statement.prepare(c, "EXPLAIN (ANALYZE, BUFFERS) ");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
        return parse(lines);
    }

    static QueryPlan parse(List<String> lines) {
        Set<String> scans = new LinkedHashSet<>();
        Set<String> seq = new LinkedHashSet<>();
        double execution = -1;
        double planning = -1;
        long buffers = -1;
        for (String line : lines) {
            Matcher index = INDEX.matcher(line);
            if (index.find()) {
                scans.add(index.group(1).toLowerCase(java.util.Locale.ROOT) + " on " + index.group(2));
            }
            Matcher seqScan = SEQ.matcher(line);
            if (seqScan.find()) {
                scans.add("Seq Scan on " + seqScan.group(1));
                seq.add(seqScan.group(1));
            }
            Matcher exec = EXECUTION.matcher(line);
            if (exec.find()) {
                execution = Double.parseDouble(exec.group(1));
            }
            Matcher plan = PLANNING.matcher(line);
            if (plan.find()) {
                planning = Double.parseDouble(plan.group(1));
            }
            Matcher buf = BUFFERS.matcher(line);
            if (buffers < 0 && buf.find()) {
                buffers = parseOrZero(buf.group(1)) + parseOrZero(buf.group(2));
            }
        }
        return new QueryPlan(List.copyOf(scans), List.copyOf(seq), execution, planning, Math.max(0, buffers));
    }

    private static long parseOrZero(String number) {
        return number == null ? 0 : Long.parseLong(number);
    }
}
