package org.redflag.console.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.redflag.console.db.DatabaseTarget;

/**
 * What the console was asked to do at start-up, after flags and environment were resolved.
 *
 * @param target        the database to open
 * @param migrate       run Flyway migrations at start-up (off for people who only inspect)
 * @param demoFleet     seed the demo fleet; only ever honoured for the embedded database
 * @param dataDirectory the console's own files (logs, the error spool, and the embedded database's folder)
 */
public record ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet, Path dataDirectory) {

    public ConsoleSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /** The data folder is the embedded database's parent folder, or the platform's default for a server. */
    public ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet) {
        this(target, migrate, demoFleet, defaultDataDirectory(target));
    }

    /** Demo data goes only into a database the console owns, never into one given with --db-url. */
    public boolean seedsDemoFleet() {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
    }

    private static Path defaultDataDirectory(DatabaseTarget target) {
        if (target instanceof DatabaseTarget.Embedded embedded
                && embedded.dataDirectory().toAbsolutePath().getParent() != null) {
            return embedded.dataDirectory().toAbsolutePath().getParent();
        }
        return DataFolders.defaultDataDirectory(Map.copyOf(System.getenv()));
    }
}
