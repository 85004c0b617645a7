package org.redflag.console.app;

import java.time.Duration;
import java.util.Objects;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.scan.ScanService;

/**
 * What the console was asked to do at start-up, after flags and environment were resolved.
 *
 * @param target         the database to open
 * @param migrate        run Flyway migrations at start-up (off for people who only inspect)
 * @param demoFleet      seed the demo fleet; only ever honoured for the embedded database
 * @param simulateFleet  run the simulated agents that answer scans (the window only)
 * @param commandTimeout how long a sent command may go unanswered before it is marked timed out
 */
public record ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet, boolean simulateFleet,
        Duration commandTimeout) {

    public ConsoleSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** The simulated fleet answers where the demo fleet lives, and nowhere else unless asked. */
    public ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet) {
        this(target, migrate, demoFleet, simulatesByDefault(target, demoFleet), ScanService.DEFAULT_COMMAND_TIMEOUT);
    }

    static boolean simulatesByDefault(DatabaseTarget target, boolean demoFleet) {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
    }

    /** Demo data goes only into a database the console owns, never into one given with --db-url. */
    public boolean seedsDemoFleet() {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
    }
}
