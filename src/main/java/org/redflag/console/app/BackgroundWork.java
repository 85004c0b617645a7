package org.redflag.console.app;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.redflag.console.live.LiveChanges;
import org.redflag.console.schema.Feature;
import org.redflag.console.simulator.SimulatedFleet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's own threads while the window is open: live changes, the timeout sweep, the simulated fleet. */
final class BackgroundWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private static final long SWEEP_EVERY_SECONDS = 60;

    private final LiveChanges live;
    private final ScheduledExecutorService sweeper;
    private final Optional<SimulatedFleet> fleet;

    private BackgroundWork(LiveChanges live, ScheduledExecutorService sweeper, Optional<SimulatedFleet> fleet) {
        this.live = live;
        this.sweeper = sweeper;
        this.fleet = fleet;
    }

    /**
     * On a RedFlag database the console only watches: its server times commands out itself, and simulated
     * agents would write the console's tables, which are not there.
     */
    static BackgroundWork start(ConsoleContext context) {
        boolean ours = context.capabilities().isConsole();
        LiveChanges live = context.capabilities().has(Feature.LIVE_TRIGGERS)
                ? new LiveChanges(context.database()::openDedicatedConnection, context.changes(), LiveChanges.Settings.defaults())
                : LiveChanges.pollingOnly(context.changes(), LiveChanges.Settings.defaults());
        live.pollOnlyWhen(context.health()::isUp);
        live.start();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-timeout-sweep");
            thread.setDaemon(true);
            return thread;
        });
        if (ours) {
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    int timedOut = context.scans().sweepTimedOut();
                    if (timedOut > 0) {
                        LOG.info("{} commands timed out after {}", timedOut, context.scans().commandTimeout());
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("The command timeout sweep failed; it runs again in {} s", SWEEP_EVERY_SECONDS, e);
                }
            }, 5, SWEEP_EVERY_SECONDS, TimeUnit.SECONDS);
        }
        Optional<SimulatedFleet> fleet = Optional.empty();
        if (context.settings().simulateFleet() && ours) {
            SimulatedFleet simulated = new SimulatedFleet(context.database().dataSource(), context.clock(),
                    SimulatedFleet.Settings.realistic());
            simulated.start();
            fleet = Optional.of(simulated);
        }
        return new BackgroundWork(live, sweeper, fleet);
    }

    @Override
    public void close() {
        fleet.ifPresent(SimulatedFleet::close);
        sweeper.shutdownNow();
        live.close();
    }
}
