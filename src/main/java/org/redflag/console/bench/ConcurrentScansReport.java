package org.redflag.console.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.redflag.console.cli.TextTable;

/**
 * The concurrent scans' part of the report: both sides' figures, the goals, and what limits the console's path,
 * said from the evidence: CPU per call on each side of the wire, what the server's backends were waiting for, how
 * many statements a call sends, and the pool.
 */
final class ConcurrentScansReport {

    /** One side's figures, added up over its rounds. */
    record Side(long calls, long queued, long errors, double seconds, long javaCpuNanos, long serverCpuNanos,
            Map<String, Long> waits, String firstError) {

        double callsPerSecond() {
            return seconds <= 0 ? 0 : calls / seconds;
        }

        long alreadyQueued() {
            return calls - queued - errors;
        }

        /** CPU the calling threads used per call: the Java side's own work, without waiting for a core. */
        double javaCpuMicrosPerCall() {
            return calls == 0 ? 0 : javaCpuNanos / 1e3 / calls;
        }

        /** CPU the server's processes used per call; NaN where it cannot be read (not the embedded server). */
        double serverCpuMicrosPerCall() {
            return calls == 0 || serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / calls;
        }

        Side plus(Side other) {
            Map<String, Long> waits = new TreeMap<>(this.waits);
            other.waits.forEach((state, count) -> waits.merge(state, count, Long::sum));
            return new Side(calls + other.calls, queued + other.queued, errors + other.errors,
                    seconds + other.seconds, javaCpuNanos + other.javaCpuNanos,
                    serverCpuNanos < 0 || other.serverCpuNanos < 0 ? -1 : serverCpuNanos + other.serverCpuNanos, waits,
                    firstError != null ? firstError : other.firstError);
        }
    }

    /** A side whose CPU filled this share of the cores was held back by its own work, not by others'. */
    private static final double BUSY = 0.8;
    /** Backends queued this much for the NOTIFY lock are serialised by it. */
    private static final double SERIALISED = 0.3;

    private final Side console;
    private final Side raw;
    private final long duplicates;
    private final int alreadyQueuedStatements;
    private final QueryReport.Machine machine;
    private final int poolSize;

    ConcurrentScansReport(Side console, Side raw, long duplicates, int alreadyQueuedStatements,
            QueryReport.Machine machine, int poolSize) {
        this.console = console;
        this.raw = raw;
        this.duplicates = duplicates;
        this.alreadyQueuedStatements = alreadyQueuedStatements;
        this.machine = machine;
        this.poolSize = poolSize;
    }

    double ratio() {
        return raw.callsPerSecond() <= 0 ? Double.NaN : console.callsPerSecond() / raw.callsPerSecond();
    }

    boolean goalsMet() {
        return console.callsPerSecond() >= ConcurrentScans.CALLS_PER_SECOND_GOAL
                && ratio() >= ConcurrentScans.RATIO_GOAL && duplicates == 0 && console.errors() == 0
                && raw.errors() == 0;
    }

    void print(PrintWriter out, Map<String, Object> json) {
        String why = why();
        out.println();
        out.printf("Scans under concurrency: %d threads through ScanService.requestScan (pool of %d), and %d running "
                + "the INSERT … ON CONFLICT DO NOTHING raw on bare connections; in turn, %d rounds; each agent asked "
                + "twice at once%n", ConcurrentScans.THREADS, poolSize, ConcurrentScans.THREADS, ConcurrentScans.ROUNDS);
        TextTable table = new TextTable("Side", "Calls", "Seconds", "Calls/s", "Queued", "Already queued", "Errors",
                "CPU/call: Java", "server", "Server backends were");
        row(table, "console", console);
        row(table, "raw", raw);
        table.print(out);
        out.printf(Locale.ROOT, "  console/raw %.2f; duplicates = %d; goals (>= %,.0f calls/s, >= %.1f of raw, 0 "
                + "duplicates, 0 errors): %s%n", ratio(), duplicates, ConcurrentScans.CALLS_PER_SECOND_GOAL,
                ConcurrentScans.RATIO_GOAL, goalsMet() ? "met" : "MISSED");
        if (console.firstError() != null || raw.firstError() != null) {
            out.println("  first error: " + (console.firstError() != null ? console.firstError() : raw.firstError()));
        }
        out.println("  why: " + why);
        out.flush();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("threads_per_side", ConcurrentScans.THREADS);
        section.put("pool_size", poolSize);
        section.put("rounds", ConcurrentScans.ROUNDS);
        section.put("subsystem", ConcurrentScans.SUBSYSTEM.id());
        section.put("console", sideJson(console));
        section.put("raw", sideJson(raw));
        section.put("console_over_raw", Double.isNaN(ratio()) ? null : QueryReport.round(ratio()));
        section.put("duplicates", duplicates);
        section.put("statements_when_already_queued", alreadyQueuedStatements);
        section.put("machine", machine.describe());
        section.put("goals_met", goalsMet());
        section.put("why", why);
        json.put("concurrent_scans", section);
    }

    private static void row(TextTable table, String name, Side side) {
        table.row(name, Figures.count(side.calls()), Figures.ms(side.seconds()),
                Figures.perSecond(side.calls(), side.seconds()), Figures.count(side.queued()),
                Figures.count(side.alreadyQueued()), Figures.count(side.errors()), micros(side.javaCpuMicrosPerCall()),
                micros(side.serverCpuMicrosPerCall()), BackendWaits.describe(side.waits()));
    }

    private static Map<String, Object> sideJson(Side side) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("calls", side.calls());
        json.put("seconds", QueryReport.round(side.seconds()));
        json.put("calls_per_second", Math.round(side.callsPerSecond()));
        json.put("queued", side.queued());
        json.put("already_queued", side.alreadyQueued());
        json.put("errors", side.errors());
        json.put("first_error", side.firstError());
        json.put("java_cpu_us_per_call", QueryReport.round(side.javaCpuMicrosPerCall()));
        json.put("server_cpu_us_per_call", Double.isNaN(side.serverCpuMicrosPerCall()) ? null
                : QueryReport.round(side.serverCpuMicrosPerCall()));
        json.put("backend_states", BackendWaits.shares(side.waits()));
        return json;
    }

    /**
     * What limits the console's path. Backends queued for the NOTIFY lock mean commits go one at a time; CPU
     * that fills the cores means the work per call; CPU well under the cores while backends wait for their
     * clients means the threads wait for a core other processes hold. Then the details that tell the console
     * from raw: CPU per call on each side of the wire, the backends' states, statements per call, the pool.
     */
    String why() {
        Map<String, Double> consoleShares = BackendWaits.shares(console.waits());
        Map<String, Double> rawShares = BackendWaits.shares(raw.waits());
        boolean serverKnown = !Double.isNaN(console.serverCpuMicrosPerCall());
        double consoleCpu = console.javaCpuMicrosPerCall() + (serverKnown ? console.serverCpuMicrosPerCall() : 0);
        double rawCpu = raw.javaCpuMicrosPerCall() + (serverKnown ? raw.serverCpuMicrosPerCall() : 0);
        double usedCores = consoleCpu * console.callsPerSecond() / 1e6;
        List<String> reasons = new ArrayList<>();
        if (consoleShares.getOrDefault(BackendWaits.NOTIFY_LOCK, 0.0) >= SERIALISED) {
            reasons.add("what limits it: notifying commits queue one at a time (PostgreSQL holds the NOTIFY lock from "
                    + "pre-commit until the commit's WAL is flushed, and V10's trigger notifies once per INSERT)");
        } else if (serverKnown && usedCores >= BUSY * machine.cores()) {
            reasons.add(String.format(Locale.ROOT, "what limits it: CPU: its work, %.0f µs a call, fills the %d cores",
                    consoleCpu, machine.cores()));
        } else {
            reasons.add(String.format(Locale.ROOT, "what limits it: the machine: the console's path used %s of "
                    + "its %d cores, and its threads and backends waited for the rest, held by other processes (%s)",
                    serverKnown ? String.format(Locale.ROOT, "%.1f", usedCores) : "part", machine.cores(),
                    machine.describe()));
        }
        if (serverKnown) {
            reasons.add(String.format(Locale.ROOT, "a call costs %.0f µs of CPU on the console's path (Java %.0f, "
                    + "server %.0f) and %.0f µs raw (%.0f, %.0f): on %d idle cores at most %,.0f and %,.0f calls/s",
                    consoleCpu, console.javaCpuMicrosPerCall(), console.serverCpuMicrosPerCall(), rawCpu,
                    raw.javaCpuMicrosPerCall(), raw.serverCpuMicrosPerCall(), machine.cores(),
                    machine.cores() * 1e6 / consoleCpu, machine.cores() * 1e6 / rawCpu));
        } else {
            reasons.add(String.format(Locale.ROOT, "the Java side's CPU a call: %.0f µs (console) and %.0f µs (raw); "
                    + "the server's is not readable here", console.javaCpuMicrosPerCall(), raw.javaCpuMicrosPerCall()));
        }
        if (serverKnown) {
            reasons.add(String.format(Locale.ROOT, "the console's extra is %.0f µs in the server (its statement returns "
                    + "the whole command, the one queued or the one already queued; raw's answers only whether it "
                    + "queued) and %.0f µs in Java (the pool, JDBC, the command read into an object)",
                    console.serverCpuMicrosPerCall() - raw.serverCpuMicrosPerCall(),
                    console.javaCpuMicrosPerCall() - raw.javaCpuMicrosPerCall()));
        }
        reasons.add(String.format(Locale.ROOT, "the server's backends waited for their clients %s of the time (console) "
                + "and %s (raw), for the NOTIFY lock %s and %s, for WAL flushes %s and %s",
                percent(consoleShares, BackendWaits.CLIENT), percent(rawShares, BackendWaits.CLIENT),
                percent(consoleShares, BackendWaits.NOTIFY_LOCK), percent(rawShares, BackendWaits.NOTIFY_LOCK),
                percent(consoleShares, BackendWaits.WAL), percent(rawShares, BackendWaits.WAL)));
        reasons.add(alreadyQueuedStatements <= 1 ? "every call is one statement, an agent's scan already queued or not"
                : "a call for an agent whose scan is already queued costs " + alreadyQueuedStatements + " statements");
        reasons.add(poolSize >= ConcurrentScans.THREADS ? "the pool (" + poolSize + ") lends every thread a "
                + "connection: no call waits for one" : "the pool (" + poolSize + ") is smaller than "
                + ConcurrentScans.THREADS + " threads: calls wait for a connection");
        return String.join("; ", reasons);
    }

    private static String micros(double micros) {
        return Double.isNaN(micros) ? "-" : String.format(Locale.ROOT, "%.0f µs", micros);
    }

    private static String percent(Map<String, Double> shares, String state) {
        return String.format(Locale.ROOT, "%.0f%%", shares.getOrDefault(state, 0.0) * 100);
    }
}
