package org.redflag.console.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.scan.ScanService;
import org.redflag.console.server.ServerConnection;

/**
 * What the console was asked to do at start-up, after flags and environment were resolved.
 *
 * @param target         the database to open
 * @param migrate        run Flyway migrations at start-up (off for people who only inspect)
 * @param demoFleet      seed the demo fleet; only ever honoured for the embedded database
 * @param simulateFleet  run the simulated agents that answer scans (the window only)
 * @param commandTimeout how long a sent command may go unanswered before it is marked timed out
 * @param dataDirectory  the console's own files (logs, the error spool, and the embedded database's folder)
 * @param server         the RedFlag server that queues (and signs) scans when the database's commands are signed
 * @param profile        the connection profile the target came from (--profile), for the window's bar and for
 *                       holding a read-only profile's connection to reading
 */
public record ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet, boolean simulateFleet,
        Duration commandTimeout, Path dataDirectory, Optional<ServerConnection> server,
        Optional<ConnectionProfile> profile) {

    public ConsoleSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(profile, "profile");
    }

    /** Not through a profile. */
    public ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet, boolean simulateFleet,
            Duration commandTimeout, Path dataDirectory, Optional<ServerConnection> server) {
        this(target, migrate, demoFleet, simulateFleet, commandTimeout, dataDirectory, server, Optional.empty());
    }

    /** The name of the read-only profile this connection is held to, if it is. */
    public Optional<String> readOnlyProfile() {
        return profile.filter(ConnectionProfile::readOnly).map(ConnectionProfile::name);
    }

    /** Without a RedFlag server: the console queues scans in the database itself. */
    public ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet, boolean simulateFleet,
            Duration commandTimeout, Path dataDirectory) {
        this(target, migrate, demoFleet, simulateFleet, commandTimeout, dataDirectory, Optional.empty());
    }

    /**
     * The defaults for everything else: the simulated fleet answers where the demo fleet lives, and the data
     * folder is the embedded database's parent folder, or the platform's default for a server.
     */
    public ConsoleSettings(DatabaseTarget target, boolean migrate, boolean demoFleet) {
        this(target, migrate, demoFleet, simulatesByDefault(target, demoFleet), ScanService.DEFAULT_COMMAND_TIMEOUT,
                defaultDataDirectory(target));
    }

    public ConsoleSettings withDataDirectory(Path folder) {
        return new ConsoleSettings(target, migrate, demoFleet, simulateFleet, commandTimeout, folder, server, profile);
    }

    public ConsoleSettings withServer(ServerConnection connection) {
        return new ConsoleSettings(target, migrate, demoFleet, simulateFleet, commandTimeout, dataDirectory,
                Optional.of(connection), profile);
    }

    public ConsoleSettings withoutServer() {
        return new ConsoleSettings(target, migrate, demoFleet, simulateFleet, commandTimeout, dataDirectory,
                Optional.empty(), profile);
    }

    /**
     * For commands that look rather than change: a database given with --db-url is never migrated; the
     * embedded one, which the console owns, is prepared as the window would prepare it.
     */
    public ConsoleSettings inspecting() {
        return new ConsoleSettings(target, migrate && target instanceof DatabaseTarget.Embedded, demoFleet,
                simulateFleet, commandTimeout, dataDirectory, server, profile);
    }

    /** Opens the database as it is: no migration, no demo data (for a command that migrates itself). */
    public ConsoleSettings asIs() {
        return new ConsoleSettings(target, false, false, false, commandTimeout, dataDirectory, server, profile);
    }

    static boolean simulatesByDefault(DatabaseTarget target, boolean demoFleet) {
        return demoFleet && target instanceof DatabaseTarget.Embedded;
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
