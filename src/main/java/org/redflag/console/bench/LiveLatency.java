package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.live.ChangeBus;
import org.redflag.console.live.LiveChanges;

/**
 * How long a command change committed by someone else (a server marking a scan sent) takes to reach the
 * console: the console's own listener ({@link LiveChanges} on its dedicated connection) and {@link ChangeBus}, timed
 * from sending the UPDATE on a bare connection (autocommit, so its commit is inside the time) until a bus
 * subscriber holds the notice for that command. Where the window then shows the row is the view's business.
 */
final class LiveLatency {

    static final int ROUND_TRIPS = 200;
    static final double P95_GOAL_MILLIS = 250;

    /** A notice not there after this is counted lost rather than timed: the slow poll would catch it up. */
    private static final long LOST_AFTER_MILLIS = 5_000;
    private static final int WARMUPS = 10;

    /** One notice as the subscriber saw it. */
    private record Arrival(UUID commandId, long nanos) {
    }

    private final ConsoleContext context;
    private final PrintWriter out;
    private final Map<String, Object> json;

    LiveLatency(ConsoleContext context, PrintWriter out, Map<String, Object> json) {
        this.context = context;
        this.out = out;
        this.json = json;
    }

    void run() throws Exception {
        List<UUID> commands = pendingCommands();
        Map<String, Object> section = new LinkedHashMap<>();
        out.println();
        out.printf("Live latency: UPDATE of a command's status committed on a bare connection -> the notice for that "
                + "command delivered by the console's listener (LiveChanges, ChangeBus); %d round trips%n", ROUND_TRIPS);
        if (commands.isEmpty()) {
            out.println("  skipped: no pending command to mark sent.");
            section.put("skipped", "no pending command");
            json.put("live_latency", section);
            return;
        }
        BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        CountDownLatch live = new CountDownLatch(1);
        ChangeBus bus = new ChangeBus();
        bus.onChange(Runnable::run, notice -> {
            if (notice.commandId() != null) {
                arrivals.add(new Arrival(notice.commandId(), System.nanoTime()));
            }
        });
        bus.onMode(Runnable::run, mode -> {
            if (mode == LiveChanges.Mode.LIVE) {
                live.countDown();
            }
        });
        // Polls an hour apart: every notice timed here came through NOTIFY.
        LiveChanges.Settings settings = new LiveChanges.Settings(Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofSeconds(1));
        long[] nanos = new long[ROUND_TRIPS];
        int lost = 0;
        try (LiveChanges listener = new LiveChanges(context.database()::openDedicatedConnection, bus, settings);
             Connection other = context.database().openBareConnection("redflag-console (bench live)", new Properties());
             PreparedStatement markSent = other.prepareStatement(
                     "UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE id = ?")) {
            listener.start();
            if (!live.await(10, TimeUnit.SECONDS)) {
                throw new SQLException("The console's listener did not start listening within 10 s");
            }
            for (int i = 0; i < WARMUPS; i++) {
                roundTrip(markSent, commands.get(i % commands.size()), arrivals);
            }
            int timed = 0;
            for (int i = 0; i < ROUND_TRIPS; i++) {
                long took = roundTrip(markSent, commands.get((WARMUPS + i) % commands.size()), arrivals);
                if (took < 0) {
                    lost++;
                } else {
                    nanos[timed++] = took;
                }
            }
            nanos = Arrays.copyOf(nanos, timed);
        }
        report(nanos, lost, section);
    }

    /** Nanoseconds from sending the UPDATE to the notice for {@code command}, or -1 when none came in time. */
    private static long roundTrip(PreparedStatement markSent, UUID command, BlockingQueue<Arrival> arrivals)
            throws SQLException, InterruptedException {
        arrivals.clear();
        long start = System.nanoTime();
        markSent.setObject(1, command);
        markSent.executeUpdate();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(LOST_AFTER_MILLIS);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Arrival arrival = arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (arrival != null && arrival.commandId().equals(command)) {
                return arrival.nanos() - start;
            }
        }
        return -1;
    }

    private void report(long[] nanos, int lost, Map<String, Object> section) {
        section.put("round_trips", ROUND_TRIPS);
        section.put("lost", lost);
        if (nanos.length == 0) {
            out.printf("  every notice was lost (none within %d ms)%n", LOST_AFTER_MILLIS);
            section.put("goal_met", false);
            json.put("live_latency", section);
            return;
        }
        Timing timing = Timing.of(nanos);
        boolean met = timing.p95Millis() <= P95_GOAL_MILLIS && lost == 0;
        out.printf(Locale.ROOT, "  median %.2f ms, p95 %.2f ms, max %.2f ms; %d lost; goal (p95 <= %.0f ms, none lost): "
                + "%s%n", timing.medianMillis(), timing.p95Millis(), timing.maxMillis(), lost, P95_GOAL_MILLIS,
                met ? "met" : "MISSED");
        out.flush();
        section.put("median_ms", QueryReport.round(timing.medianMillis()));
        section.put("p95_ms", QueryReport.round(timing.p95Millis()));
        section.put("max_ms", QueryReport.round(timing.maxMillis()));
        section.put("goal_met", met);
        json.put("live_latency", section);
    }

    /** Commands waiting for an agent, newest first: marking one sent is what a server does when an agent takes it. */
    private List<UUID> pendingCommands() throws SQLException {
        try (Connection c = context.database().connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM agent_commands WHERE status = 'pending' ORDER BY created_at DESC, id LIMIT ?")) {
            ps.setInt(1, ROUND_TRIPS + WARMUPS);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }
}
