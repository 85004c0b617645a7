package org.redflag.console.bench;

import java.util.Arrays;

/** How long one measured action took over its runs, in milliseconds. */
record Timing(double medianMillis, double p95Millis, double maxMillis, int runs) {

    /**
     * The most warm-up runs a query gets within its warm-up seconds: by then the JIT has compiled the mapping (a
     * 200-row page measured 1.22–1.27× raw after 20 to 300 warm-ups, 1.03–1.06× after 1,000).
     */
    static final int MAX_WARMUPS = 1_000;

    /** Something to time; returns how many rows it got, so the report can show the work was real. */
    interface Action {
        int run() throws Exception;
    }

    /** A timing and the row count of the last run. */
    record Measured(Timing timing, int rows) {
    }

    /** The console's call and the raw run of its SQL, measured side by side. */
    record Pair(Measured console, Measured raw) {
    }

    /**
     * Times both actions turn about, run by run, so a busy moment on a shared machine (or the JIT warming up)
     * falls on both alike rather than on whichever went first; which one goes first alternates too, since the
     * second finds the pages the first just read in the caches.
     */
    static Pair measurePair(int warmups, double warmUpSeconds, int runs, Action console, Action raw)
            throws Exception {
        long warmUntil = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        for (int i = 0; i < warmups || i < MAX_WARMUPS && System.nanoTime() < warmUntil; i++) {
            console.run();
            raw.run();
        }
        long[] consoleNanos = new long[runs];
        long[] rawNanos = new long[runs];
        int[] rows = new int[2];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                consoleNanos[i] = timed(console, rows, 0);
                rawNanos[i] = timed(raw, rows, 1);
            } else {
                rawNanos[i] = timed(raw, rows, 1);
                consoleNanos[i] = timed(console, rows, 0);
            }
        }
        return new Pair(new Measured(of(consoleNanos), rows[0]), new Measured(of(rawNanos), rows[1]));
    }

    private static long timed(Action action, int[] rows, int slot) throws Exception {
        long start = System.nanoTime();
        rows[slot] = action.run();
        return System.nanoTime() - start;
    }

    static Measured measure(int warmups, int runs, Action action) throws Exception {
        for (int i = 0; i < warmups; i++) {
            action.run();
        }
        long[] nanos = new long[runs];
        int rows = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            rows = action.run();
            nanos[i] = System.nanoTime() - start;
        }
        return new Measured(of(nanos), rows);
    }

    /** Median, 95th percentile (nearest rank) and maximum. */
    static Timing of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        long p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
        return new Timing(median / 1e6, p95 / 1e6, sorted[n - 1] / 1e6, n);
    }
}
