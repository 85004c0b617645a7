package org.redflag.console.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway owns the schema: this is the only place that configures it. Per-script settings come from
 * Flyway's script configuration files next to a script ({@code V3__x.sql.conf} with
 * {@code executeInTransaction=false} for {@code CREATE INDEX CONCURRENTLY}), so a script that cannot run
 * in a transaction says so itself and every other script keeps PostgreSQL's transactional DDL.
 */
public final class SchemaMigrator {

    public static final String DEFAULT_LOCATION = "classpath:db/migration";

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    private final DataSource dataSource;
    private final List<String> locations;
    /** Loaded on first use: configuring Flyway scans the classpath, which a start-up should pay for once. */
    private Flyway flyway;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, DEFAULT_LOCATION);
    }

    public SchemaMigrator(DataSource dataSource, String... locations) {
        this(dataSource, List.of(locations), null, null);
    }

    private SchemaMigrator(DataSource dataSource, List<String> locations, String ownSchema, String redflagSchema) {
        this.dataSource = dataSource;
        this.locations = locations;
        this.ownSchema = ownSchema;
        this.redflagSchema = redflagSchema;
    }

    /** Where the console's companion on a RedFlag database keeps its objects and its own Flyway history. */
    public static final String COMPANION_SCHEMA = "redflag_console";
    public static final String COMPANION_LOCATION = "classpath:db/companion";

    /**
     * The console's optional companion on a RedFlag database: its own versioned set of objects, with its own
     * Flyway history in its own schema, so it is listed, upgraded and removed apart from RedFlag's tables.
     *
     * @param redflagSchema the schema holding RedFlag's tables (where the triggers and indexes must go)
     */
    public static SchemaMigrator companion(DataSource dataSource, String redflagSchema) {
        return new SchemaMigrator(dataSource, List.of(COMPANION_LOCATION), COMPANION_SCHEMA, redflagSchema);
    }

    private final String ownSchema;
    private final String redflagSchema;

    private FluentConfiguration configure() {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true);
        if (ownSchema != null) {
            configuration.schemas(ownSchema).defaultSchema(ownSchema).createSchemas(true)
                    .placeholders(java.util.Map.of("console", quoted(ownSchema), "redflag", quoted(redflagSchema)));
        }
        // With Flyway's default transaction-scoped advisory lock, the lock's open transaction makes
        // CREATE INDEX CONCURRENTLY wait for it forever (flyway/flyway#3497); a session lock does not.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        configuration.initSql(STOP_WHEN_THE_CONSOLE_IS_GONE);
        return configuration;
    }

    /**
     * A console killed in the middle of a migration must not leave its statement running on the server with no one
     * to record it: a CREATE INDEX CONCURRENTLY would finish unrecorded (or wait for hours on a busy table) and keep
     * Flyway's session lock, so the next console could not migrate. PostgreSQL 14+ checks every two seconds that
     * the client is still there and otherwise ends the statement; the interrupted index stays INVALID, which
     * {@code migrations status} then names. (Older servers lack the setting and keep PostgreSQL's old behaviour.)
     */
    private static final String STOP_WHEN_THE_CONSOLE_IS_GONE = "DO $$ BEGIN IF current_setting('server_version_num')::int "
            + ">= 140000 THEN PERFORM set_config('client_connection_check_interval', '2000', false); END IF; END $$";

    /** The database Flyway migrates (for the checks that read its catalog beside Flyway's record). */
    public DataSource dataSource() {
        return dataSource;
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public synchronized Flyway flyway() {
        if (flyway == null) {
            flyway = configure().load();
        }
        return flyway;
    }

    public MigrateResult migrate() {
        return flyway().migrate();
    }

    /**
     * Whether the record already matches this build's scripts exactly, read without configuring Flyway (one query,
     * see {@link UpToDateCheck}); only for the console's own scripts, anything else is a question for Flyway.
     */
    public UpToDateCheck.Verdict upToDateWithoutFlyway() {
        if (ownSchema != null || !locations.equals(List.of(DEFAULT_LOCATION))) {
            return UpToDateCheck.Verdict.askFlyway("not the console's own scripts");
        }
        return UpToDateCheck.check(dataSource, ShippedScripts.in(SchemaMigrator.class.getClassLoader(),
                stripPrefix(DEFAULT_LOCATION)));
    }

    /** Migrates with callbacks that watch each script (progress, logs); the configuration is otherwise the same. */
    public MigrateResult migrate(Callback... callbacks) {
        return configure().callbacks(callbacks).load().migrate();
    }

    /** Flyway's validation, as a result rather than an exception, so every problem can be listed. */
    public ValidateResult validate() {
        return flyway().validateWithResult();
    }

    /** The version of the newest applied migration, e.g. "1", or empty on a database Flyway never touched. */
    public Optional<String> currentVersion() {
        MigrationInfo current = flyway().info().current();
        return current == null || current.getVersion() == null
                ? Optional.empty()
                : Optional.of(current.getVersion().getVersion());
    }

    /**
     * The text of a migration script of this build, looked up by its file name in the configured locations;
     * empty when no location has it (a migration applied by another build).
     */
    public Optional<String> scriptText(String scriptName) {
        if (scriptName == null || scriptName.contains("/") || scriptName.contains("\\")) {
            return Optional.empty();
        }
        for (String location : locations) {
            Optional<String> text = location.startsWith(FILESYSTEM)
                    ? readFile(Path.of(location.substring(FILESYSTEM.length())).resolve(scriptName))
                    : readResource(stripPrefix(location) + "/" + scriptName);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static String stripPrefix(String location) {
        String path = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Optional<String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> readResource(String path) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
