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

    /**
     * For commands that look rather than change: a database given with --db-url is never migrated; the
     * embedded one, which the console owns, is prepared as the window would prepare it.
     */
    public ConsoleSettings inspecting() {
        return new ConsoleSettings(target, migrate && target instanceof DatabaseTarget.Embedded, demoFleet);
    }

    /** Opens the database as it is: no migration, no demo data (for a command that migrates itself). */
    public ConsoleSettings asIs() {
        return new ConsoleSettings(target, false, false);
    }

    /** Demo data goes only into a database the console owns, never into one given with --db-url. */
    public boolean seedsDemoFleet() {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
    }
}
