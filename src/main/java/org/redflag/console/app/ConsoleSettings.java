package org.redflag.console.app;

import java.util.Objects;
import org.redflag.console.db.DatabaseTarget;

/**
 * What the console was asked to do at start-up, after flags and environment were resolved.
 *
 * @param target    the database to open
 * @param migrate   run Flyway migrations at start-up (off for people who only inspect)
 * @param demoFleet seed the demo fleet; only ever honoured for the embedded database
 */
public record ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet) {

    public ConsoleSettings {
        Objects.requireNonNull(target, "target");
    }

    /** Demo data goes only into a database the console owns, never into one given with --db-url. */
    public boolean seedsDemoFleet() {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
    }
}
