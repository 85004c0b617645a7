package org.redflag.console.simulator;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.redflag.console.fleet.Presence;
import org.redflag.console.scan.Subsystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents that answer: a stand-in for a RedFlag fleet, so the console can be tried end to end. Each round,
 * online agents poll, take their pending scans, run them for a while, and report results where a real
 * agent's would land. They keep to presence as real ones do: an online agent takes a scan at its next
 * check-in (its own interval), an offline one only when it comes back (it checks in, then takes its scans),
 * and one not seen for {@link Presence#STALE_AFTER} never does, so pending stays pending long enough to be
 * cancelled and the console's timeout can be seen. Rounds are plain method calls, so tests drive them one at a time with their own
 * clock; {@link #start()} runs them on a daemon thread for the window.
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);

    /**
     * How the fleet behaves.
     *
     * @param minScanTime   the shortest a scan takes (zero: a scan finishes in the round that takes it)
     * @param maxScanTime   the longest a scan takes
     * @param failureShare  the share of scans that fail (0 to 1), as some real ones do
     * @param batchSize     how many commands one round takes or finishes at most
     * @param roundInterval the pause between rounds when started in the background
     * @param minCheckIn    the shortest check-in interval of an online agent (zero: it takes scans at once)
     * @param maxCheckIn    the longest; each agent has its own in between, and its own phase
     * @param minReturn     how soon after a scan is asked for an offline agent comes back at the earliest
     * @param maxReturn     at the latest; each agent and scan its own in between
     */
    public record Settings(Duration minScanTime, Duration maxScanTime, double failureShare, int batchSize,
            Duration roundInterval, Duration minCheckIn, Duration maxCheckIn, Duration minReturn, Duration maxReturn) {

        public Settings {
            range("scan time", minScanTime, maxScanTime);
            range("check-in interval", minCheckIn, maxCheckIn);
            range("return time", minReturn, maxReturn);
            if (failureShare < 0 || failureShare > 1) {
                throw new IllegalArgumentException("failure share " + failureShare + " is not between 0 and 1");
            }
        }

        /** Agents that take a scan in the round after it is asked for (offline ones too, but never stale ones). */
        public Settings(Duration minScanTime, Duration maxScanTime, double failureShare, int batchSize,
                Duration roundInterval) {
            this(minScanTime, maxScanTime, failureShare, batchSize, roundInterval, Duration.ZERO, Duration.ZERO,
                    Duration.ZERO, Duration.ZERO);
        }

        private static void range(String what, Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException(what + " range " + min + ".." + max);
            }
        }

        /**
         * A few seconds per scan and one in ten failing; agents check in every 10–30 s and offline ones come back
         * within 1–3 minutes: what a demo should feel like, with time to cancel a pending scan.
         */
        public static Settings realistic() {
            return new Settings(Duration.ofSeconds(2), Duration.ofSeconds(6), 0.1, 50, Duration.ofSeconds(1),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(3));
        }

        /** Every scan is taken at once and finishes in the round that takes it; for tests. */
        public static Settings instant(double failureShare) {
            return new Settings(Duration.ZERO, Duration.ZERO, failureShare, 500, Duration.ofMillis(50));
        }

        /** These settings with agents checking in every {@code checkIn} and offline ones back after {@code comeBack}. */
        public Settings waiting(Duration checkIn, Duration comeBack) {
            return new Settings(minScanTime, maxScanTime, failureShare, batchSize, roundInterval, checkIn, checkIn,
                    comeBack, comeBack);
        }
    }

    /** What one round did. */
    public record Round(int taken, int completed, int failed) {
    }

    /** Agents are polled at most this often for the heartbeat, so a large fleet is not rewritten every second. */
    private static final Duration HEARTBEAT_EVERY = Duration.ofMinutes(1);

    /** How many waiting scans a round looks at for each one it may take, so scans not yet due do not hide due ones. */
    private static final int LOOK_AHEAD = 10;

    private final AgentPolls polls;
    private final AgentReports reports;
    private final Clock clock;
    private final Settings settings;
    private ScheduledExecutorService scheduler;

    public SimulatedFleet(DataSource dataSource, Clock clock, Settings settings) {
        this.polls = new AgentPolls(dataSource);
        this.reports = new AgentReports(dataSource);
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One round: heartbeats, then the pending scans whose agents poll now taken and started, then every scan
     * that is due reported.
     */
    public Round runRound() throws SQLException {
        Instant now = clock.instant();
        polls.heartbeat(now, now.minus(Presence.ONLINE_WINDOW), now.minus(HEARTBEAT_EVERY), settings.batchSize());
        List<UUID> due = polls.waiting(now.minus(Presence.STALE_AFTER), settings.batchSize() * LOOK_AHEAD).stream()
                .filter(scan -> !takenAt(scan, now).isAfter(now))
                .limit(settings.batchSize())
                .map(AgentPolls.Waiting::commandId)
                .toList();
        List<UUID> taken = polls.claim(due, now);
        polls.markRunning(taken);
        int completed = 0;
        int failed = 0;
        for (AgentReports.InFlight scan : reports.running(settings.batchSize())) {
            Duration scanTime = scanTime(scan.commandId());
            // sent_at never precedes created_at, which the database stamped; a clock a little behind the
            // database's must not hold back a scan that takes no time at all.
            if (!scanTime.isZero() && scan.sentAt().plus(scanTime).isAfter(now)) {
                continue;
            }
            AgentReports.Report report = run(scan, scanTime);
            if (reports.report(scan, report, now)) {
                if (report.success()) {
                    completed++;
                } else {
                    failed++;
                }
            }
        }
        return new Round(taken.size(), completed, failed);
    }

    /** Runs rounds in the background until closed; a failed round is logged and the next one tries again. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulated-fleet");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.roundInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                Round round = runRound();
                if (round.taken() + round.completed() + round.failed() > 0) {
                    LOG.info("Simulated fleet: {} scans taken, {} completed, {} failed", round.taken(), round.completed(),
                            round.failed());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Simulated fleet round failed; trying again in {} ms", every, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Simulated fleet started: scans take {}–{} s, {}% fail", settings.minScanTime().toSeconds(),
                settings.maxScanTime().toSeconds(), Math.round(settings.failureShare() * 100));
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    /**
     * When the scan's agent takes it: an online agent at its first check-in after the scan was asked for (it
     * polls every interval of its own, at a phase of its own); an offline one when it comes back. Worked out
     * from ids, the same in every round, so no per-agent state is kept and two fleets agree.
     */
    Instant takenAt(AgentPolls.Waiting scan, Instant now) {
        boolean online = scan.lastSeen().isAfter(now.minus(Presence.ONLINE_WINDOW));
        if (!online) {
            Duration away = spread(settings.minReturn(), settings.maxReturn(),
                    scan.agentId().getMostSignificantBits() ^ scan.commandId().getLeastSignificantBits());
            // No wait at all means at once, even if this clock runs a little behind the database's created_at.
            return away.isZero() ? now : scan.createdAt().plus(away);
        }
        long every = spread(settings.minCheckIn(), settings.maxCheckIn(), scan.agentId().getMostSignificantBits())
                .toMillis();
        if (every == 0) {
            return now;
        }
        long phase = Math.floorMod(scan.agentId().getLeastSignificantBits(), every);
        long asked = scan.createdAt().toEpochMilli();
        long polls = Math.floorDiv(asked - phase + every - 1, every);
        return Instant.ofEpochMilli(polls * every + phase);
    }

    private static Duration spread(Duration min, Duration max, long seed) {
        long spread = max.toMillis() - min.toMillis();
        return min.plusMillis(spread == 0 ? 0 : Math.floorMod(seed, spread + 1));
    }

    /** Each command gets its own duration, the same in every round, so no per-command state is kept. */
    Duration scanTime(UUID commandId) {
        long min = settings.minScanTime().toMillis();
        long spread = settings.maxScanTime().toMillis() - min;
        return Duration.ofMillis(min + (spread == 0 ? 0 : Math.floorMod(commandId.getMostSignificantBits(), spread + 1)));
    }

    private AgentReports.Report run(AgentReports.InFlight scan, Duration scanTime) {
        Random random = new Random(scan.commandId().getLeastSignificantBits());
        long seconds = Math.max(1, (scanTime.toMillis() + 999) / 1000);
        if (random.nextDouble() < settings.failureShare()) {
            return new AgentReports.Report(false, 1 + random.nextInt(2), "", ScanFindings.failure(scan.subsystem(), random),
                    seconds, List.of(), List.of(), null, List.of());
        }
        ScanFindings.Host host = scan.host();
        return switch (scan.subsystem()) {
            case STORAGE -> {
                var mounts = ScanFindings.storage(host, random);
                yield success(scan.subsystem(), host, seconds, mounts.size(), mounts, List.of(), null, List.of());
            }
            case UPDATES -> {
                var packages = ScanFindings.updates(host, random);
                yield success(scan.subsystem(), host, seconds, packages.size(), List.of(), packages, null, List.of());
            }
            case SYSTEM -> success(scan.subsystem(), host, seconds, 1, List.of(), List.of(),
                    ScanFindings.system(host, random), List.of());
            case DOCKER -> {
                var images = ScanFindings.docker(random);
                yield success(scan.subsystem(), host, seconds, images.size(), List.of(), List.of(), null, images);
            }
        };
    }

    private static AgentReports.Report success(Subsystem subsystem, ScanFindings.Host host, long seconds, int items,
            List<ScanFindings.Mount> mounts, List<ScanFindings.UpdatePackage> packages, ScanFindings.SystemFacts system,
            List<ScanFindings.Image> images) {
        return new AgentReports.Report(true, 0, ScanFindings.summary(subsystem, host, items), "", seconds, mounts,
                packages, system, images);
    }
}
