package org.redflag.console.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.profiles.ProfileProblem;
import org.redflag.console.profiles.ProfileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The databases the window may connect to, at start or with "Connect to…": the embedded demo and the saved
 * profiles of the data folder, read again each time they are asked for (a profile added meanwhile shows up).
 * The start-up options other than the database (data folder, --no-migrate, --no-demo, the timeout) hold for
 * every choice; a profile brings its own URL, user, TLS and server, the environment the rest, as --profile does.
 */
public final class ConnectionChoices {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChoices.class);

    private final DatabaseOptions options;
    private final Map<String, String> env;
    private final boolean pickAtStart;

    private ConnectionChoices(DatabaseOptions options, Map<String, String> env, boolean pickAtStart) {
        this.options = options;
        this.env = Map.copyOf(env);
        this.pickAtStart = pickAtStart;
    }

    /**
     * The launcher's: the picker opens at start when profiles are saved and neither the options nor the
     * environment name a database; without profiles the console starts as it always did, on the embedded demo.
     */
    public static ConnectionChoices from(DatabaseOptions options, Map<String, String> env, boolean postMortemDemo) {
        ConnectionChoices choices = new ConnectionChoices(options, env, false);
        boolean pick = !postMortemDemo && options.databaseUrl(env) == null && !options.serverNamed()
                && choices.savedProfiles() > 0;
        return new ConnectionChoices(options, env, pick);
    }

    /** For a window opened with settings of its own (tests, tools): no picker at start; the same folder's profiles. */
    public static ConnectionChoices around(ConsoleSettings settings, Map<String, String> env) {
        DatabaseOptions options = new DatabaseOptions();
        options.dataDir = settings.dataDirectory();
        options.noMigrate = !settings.migrate();
        options.noDemo = !settings.demoFleet();
        options.commandTimeoutMinutes = Math.max(1, settings.commandTimeout().toMinutes());
        options.embeddedPort = settings.target() instanceof DatabaseTarget.Embedded embedded ? embedded.port() : 0;
        return new ConnectionChoices(options, env, false);
    }

    public boolean pickAtStart() {
        return pickAtStart;
    }

    /** The embedded demo first, then the saved profiles in the order they were added. */
    public List<ConnectionChoice> list() throws ProfileProblem {
        List<ConnectionChoice> choices = new ArrayList<>();
        choices.add(ConnectionChoice.embeddedDemo(options.dataDirectory(env)));
        new ProfileStore(options.dataDirectory(env)).list().forEach(p -> choices.add(ConnectionChoice.of(p)));
        return List.copyOf(choices);
    }

    /**
     * What to open for a choice.
     *
     * @throws IllegalArgumentException with a sentence for the user: the profile is gone, or its server lacks
     *                                  credentials in the environment
     */
    public ConsoleSettings settingsFor(ConnectionChoice choice) {
        DatabaseOptions through = new DatabaseOptions();
        through.dataDir = options.dataDirectory(env);
        through.noMigrate = options.noMigrate;
        through.noDemo = options.noDemo;
        through.commandTimeoutMinutes = options.commandTimeoutMinutes;
        through.embeddedPort = options.embeddedPort;
        through.profileName = choice.profile().map(p -> p.name()).orElse(null);
        Map<String, String> environment = env;
        if (choice.profile().isEmpty()) {
            // The demo is the console's own database, whatever the environment names for a server.
            environment = new HashMap<>(env);
            environment.remove("REDFLAG_DB_URL");
            environment.remove("REDFLAG_SERVER_URL");
        }
        Optional<String> problem = through.problem(environment);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return through.toSettings(environment);
    }

    /** PGPASSWORD, as at start; otherwise pgjdbc reads ~/.pgpass, and the window asks when neither has one. */
    public Optional<char[]> password() {
        return Passwords.fromEnvironment(env);
    }

    private int savedProfiles() {
        try {
            return new ProfileStore(options.dataDirectory(env)).list().size();
        } catch (ProfileProblem unreadable) {
            // The window starts as it did before profiles; `profiles list` says what is wrong with the file.
            LOG.warn("No connection picker at start: {}", unreadable.getMessage());
            return 0;
        }
    }
}
