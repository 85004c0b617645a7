package org.redflag.console.app;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.Database;
import org.redflag.console.db.DatabaseHealth;
import org.redflag.console.db.SchemaMigrator;
import org.redflag.console.demo.DemoFleet;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.live.ChangeBus;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.live.LiveChanges;
import org.redflag.console.operations.OperationsRepository;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanResultRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.updates.UpdatesRepository;
import org.redflag.console.updates.UpdatesService;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.migration.AuditRepository;
import org.redflag.console.migration.Companion;
import org.redflag.console.migration.ReplayAudit;
import org.redflag.console.migration.ReplaySource;
import org.redflag.console.migration.LegacyAudit;
import org.redflag.console.migration.MigrationService;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.SchemaKind;
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
    private volatile Capabilities capabilities;
    private final SchemaMigrator migrator;
    private final AgentRepository agents;
    private final HistoryRepository history;
    private final CommandRepository commands;
    private final SubsystemRepository subsystems;
    private final ScanResultRepository scanResults;
    private final ScanService scans;
    private final org.redflag.console.overview.OverviewRepository overview;
    private final UpdatesService updates;
    private final OperationsService operations;
    private final ChangeBus changes = new ChangeBus();
    private final DatabaseHealth health;
    private BackgroundWork backgroundWork;
    private final MigrationService migrations;
    private final LegacyAudit legacyAudit;
    private final ReplayAudit replayAudit = ReplayAudit.embedded();
    private volatile boolean schemaCheckedWithoutFlyway;

    /** The repositories speak the schema the probe found; an empty database is about to become the console's. */
    private ConsoleContext(ConsoleSettings settings, Database database, Clock clock, Capabilities found) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.capabilities = found;
        Capabilities schema = found.kind() == SchemaKind.EMPTY ? Capabilities.CONSOLE_SCHEMA.withRole(found.role()) : found;
        DataSource dataSource = database.dataSource();
        this.migrator = new SchemaMigrator(dataSource);
        this.agents = new AgentRepository(dataSource, schema);
        this.history = new HistoryRepository(dataSource, schema);
        this.commands = new CommandRepository(dataSource, schema);
        this.subsystems = new SubsystemRepository(dataSource, schema);
        this.scanResults = new ScanResultRepository(dataSource, schema);
        this.updates = new UpdatesService(new UpdatesRepository(dataSource, schema), schema);
        this.scans = new ScanService(commands, subsystems, agents, clock, settings.commandTimeout(), schema,
                ScanRoutes.from(settings));
        this.overview = new org.redflag.console.overview.OverviewRepository(dataSource, schema,
                settings.commandTimeout(), clock);
        this.operations = new OperationsService(new OperationsRepository(dataSource), scans, schema, clock);
        this.migrations = new MigrationService(migrator, dataSource, schema);
        this.legacyAudit = new LegacyAudit(new AuditRepository(dataSource), migrator);
        this.health = database.health();
        // Whatever changed while the database was away is caught up on as soon as it answers again.
        health.onChange(state -> {
            if (state == DatabaseHealth.State.UP) {
                changes.publish(ChangeNotice.poll());
            }
        });
    }

    /** Blocking: call it off the FX thread. */
    public static ConsoleContext open(ConsoleSettings settings, Optional<char[]> password, Clock clock)
            throws ConnectionProblem {
        Database database = Database.open(settings.target(), password, settings.readOnlyProfile().isPresent());
        StartupTimeline.mark(settings.target() instanceof org.redflag.console.db.DatabaseTarget.Embedded
                ? "embedded server up" : "connected");
        try {
            SchemaPreparation.Prepared prepared = SchemaPreparation.prepare(settings, database);
            ConsoleContext context = new ConsoleContext(settings, database, clock, prepared.found());
            context.schemaCheckedWithoutFlyway = prepared.checkedWithoutFlyway();
            context.seedDemoFleet();
            StartupTimeline.mark("database ready");
            return context;
        } catch (ConnectionProblem | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private void seedDemoFleet() {
        if (settings.seedsDemoFleet() && capabilities.isConsole()) {
            try {
                new DemoFleet(database.dataSource(), clock).seed();
            } catch (SQLException e) {
                LOG.warn("Could not seed the demo fleet", e);
            }
        }
    }

    public ConsoleSettings settings() {
        return settings;
    }

    /** What the database is and can do, as found when it was opened (or since {@link #schemaChanged}). */
    public Capabilities capabilities() {
        return capabilities;
    }

    /**
     * The console's optional companion on a RedFlag database (live triggers, page indexes, 023a's index);
     * empty on any other schema.
     */
    public Optional<Companion> companion() {
        if (!capabilities.isRedFlag()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Companion.forCurrentSchema(database.dataSource()));
        } catch (SQLException e) {
            LOG.warn("Could not read the current schema for the companion", e);
            return Optional.empty();
        }
    }

    /**
     * The administrator changed the schema (companion installed or removed, 023a's index added): look again,
     * and restart the background work so live refresh follows what is there now.
     */
    public void schemaChanged() throws ConnectionProblem {
        Capabilities found = SchemaPreparation.probe(settings, database);
        synchronized (this) {
            this.capabilities = found.kind() == capabilities.kind() ? found : capabilities;
            if (backgroundWork != null) {
                backgroundWork.close();
                backgroundWork = BackgroundWork.start(this);
            }
        }
    }

    /**
     * The start found the record matching this build's scripts exactly without asking Flyway: the views may open at
     * once, and Flyway's own validation ({@link MigrationService#validate}) is the window's to run, in the background.
     */
    public boolean schemaCheckedWithoutFlyway() {
        return schemaCheckedWithoutFlyway;
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

    /** Migration truth by replay, into a throwaway database on an embedded PostgreSQL of its own. */
    public ReplayAudit replayAudit() {
        return replayAudit;
    }

    /**
     * The scripts whose replay tells the truth about this database's record: the console's own Flyway scripts
     * (shipped inside the console) for its schema; RedFlag's files, from the folder the administrator gives,
     * for a RedFlag database. Empty when there is nothing to replay: then the hand catalog is the fallback.
     */
    public Optional<ReplaySource> replaySource(Optional<java.nio.file.Path> redflagScripts) {
        if (capabilities.isConsole()) {
            return Optional.of(ReplaySource.console());
        }
        if (redflagScripts.isEmpty() && settings.target() instanceof org.redflag.console.db.DatabaseTarget.Embedded) {
            // A RedFlag database in the console's own embedded server was built by the scripts the console
            // ships (bench --shape, --post-mortem-demo): those are its scripts.
            return Optional.of(ReplaySource.redFlag(org.redflag.console.shapes.MigrationScripts.classpath()));
        }
        return redflagScripts.map(ReplaySource::redFlagFolder);
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

    /** The Overview's figures. */
    public org.redflag.console.overview.OverviewRepository overview() {
        return overview;
    }

    /** The fleet's pending updates, and installing them. */
    public UpdatesService updates() {
        return updates;
    }

    /** The commands in flight across the fleet: paged, cancelled, retried and archived many at a time. */
    public OperationsService operations() {
        return operations;
    }

    /** Database changes and the live/polling mode, for the views. */
    public ChangeBus changes() {
        return changes;
    }

    /** Whether the database answers now; checked in the background once {@link #startBackgroundWork} ran. */
    public DatabaseHealth health() {
        return health;
    }

    /**
     * Starts what only the window needs: live change notifications, the command timeout sweep, and the
     * simulated fleet when the settings ask for it. Headless commands never call this.
     */
    public synchronized void startBackgroundWork() {
        health.start();
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
        health.close();
        database.close();
    }
}
