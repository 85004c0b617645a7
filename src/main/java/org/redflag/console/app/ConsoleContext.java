package org.redflag.console.app;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.Database;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.demo.DemoFleet;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.live.ChangeBus;
import org.redflag.console.live.LiveChanges;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanResultRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.simulator.SimulatedFleet;
import org.redflag.console.migration.AuditRepository;
import org.redflag.console.migration.LegacyAudit;
import org.redflag.console.migration.MigrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root below the UI: opens the database, brings the schema up to date, seeds the demo
 * fleet where that is allowed, and builds the repositories. The GUI and the headless commands share it,
 * so they start the same way.
 */
public final class ConsoleContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleContext.class);

    private final ConsoleSettings settings;
    private final Database database;
    private final Clock clock;
    private final SchemaMigrator migrator;
    private final AgentRepository agents;
    private final HistoryRepository history;
    private final CommandRepository commands;
    private final SubsystemRepository subsystems;
    private final ScanResultRepository scanResults;
    private final ScanService scans;
    private final ChangeBus changes = new ChangeBus();
    private BackgroundWork backgroundWork;
    private final MigrationService migrations;
    private final LegacyAudit legacyAudit;

    private ConsoleContext(ConsoleSettings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.migrator = new SchemaMigrator(database.dataSource());
        this.agents = new AgentRepository(database.dataSource());
        this.history = new HistoryRepository(database.dataSource());
        this.commands = new CommandRepository(database.dataSource());
        this.subsystems = new SubsystemRepository(database.dataSource());
        this.scanResults = new ScanResultRepository(database.dataSource());
        this.scans = new ScanService(commands, subsystems, agents, clock, settings.commandTimeout());
        this.migrations = new MigrationService(migrator);
        this.legacyAudit = new LegacyAudit(new AuditRepository(database.dataSource()), migrator);
    }

    /** Blocking: call it off the FX thread. */
    public static ConsoleContext open(ConsoleSettings settings, Optional<char[]> password, Clock clock)
            throws ConnectionProblem {
        Database database = Database.open(settings.target(), password);
        ConsoleContext context = new ConsoleContext(settings, database, clock);
        try {
            context.prepareSchemaAndData();
            return context;
        } catch (ConnectionProblem | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private void prepareSchemaAndData() throws ConnectionProblem {
        if (settings.migrate()) {
            try {
                var result = migrator.migrate();
                LOG.info("Schema at version {} ({} migrations applied now)",
                        migrator.currentVersion().orElse("none"), result.migrationsExecuted);
            } catch (FlywayException e) {
                throw new ConnectionProblem(ConnectionProblem.Kind.SCHEMA_MIGRATION_FAILED,
                        "The database schema could not be brought up to date: " + firstLine(e.getMessage())
                                + ". Nothing of the failed migration was kept. Start with --no-migrate to inspect "
                                + "the database as it is, and see the Migrations view for details.", e);
            }
        }
        if (settings.seedsDemoFleet()) {
            try {
                new DemoFleet(database.dataSource(), clock).seed();
            } catch (SQLException e) {
                LOG.warn("Could not seed the demo fleet", e);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    public ConsoleSettings settings() {
        return settings;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }

    public SchemaMigrator migrator() {
        return migrator;
    }

    public MigrationService migrations() {
        return migrations;
    }

    public LegacyAudit legacyAudit() {
        return legacyAudit;
    }

    public AgentRepository agents() {
        return agents;
    }

    public HistoryRepository history() {
        return history;
    }

    public CommandRepository commands() {
        return commands;
    }

    public SubsystemRepository subsystems() {
        return subsystems;
    }

    public ScanResultRepository scanResults() {
        return scanResults;
    }

    public ScanService scans() {
        return scans;
    }

    /** Database changes and the live/polling mode, for the views. */
    public ChangeBus changes() {
        return changes;
    }

    /**
     * Starts what only the window needs: live change notifications, the command timeout sweep, and the
     * simulated fleet when the settings ask for it. Headless commands never call this.
     */
    public synchronized void startBackgroundWork() {
        if (backgroundWork == null) {
            backgroundWork = BackgroundWork.start(this);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (backgroundWork != null) {
                backgroundWork.close();
                backgroundWork = null;
            }
        }
        database.close();
    }
}
