package org.redflag.console.app;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each phase of a start ended, counted from the JVM's own start (so class loading and JavaFX's start-up
 * count too), up to the first rows of the first view: what "the console starts in N s" means, phase by phase.
 * One per process, because a start is: the launcher, the connection thread and the FX thread each add to it.
 * The log always gets the line; {@code --startup-report} prints it too.
 */
public final class StartupTimeline {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTimeline.class);
    private static final List<String> PHASES = new ArrayList<>();
    private static final AtomicBoolean DONE = new AtomicBoolean();
    private static volatile Consumer<String> printer = line -> { };

    private StartupTimeline() {
    }

    /** Also print the finished line (to the terminal, for --startup-report). */
    public static void printTo(Consumer<String> out) {
        printer = out;
    }

    /** Notes that a phase ended now; ignored once the start is over (a reconnect is not a start). */
    public static void mark(String phase) {
        if (DONE.get()) {
            return;
        }
        long at = ManagementFactory.getRuntimeMXBean().getUptime();
        synchronized (PHASES) {
            PHASES.add(phase + " " + at + " ms");
        }
    }

    /** The first rows are on screen: the start is over; the whole line goes to the log (and the terminal). */
    public static void finish(String lastPhase) {
        mark(lastPhase);
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        String line;
        synchronized (PHASES) {
            line = "Start-up (ms since the JVM started): " + PHASES.stream().collect(Collectors.joining(" · "));
        }
        LOG.info(line);
        printer.accept(line);
    }
}
