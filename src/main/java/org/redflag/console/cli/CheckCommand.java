package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.migration.MigrationOverview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code check}: can the console open its database? Prints the server version, schema version and agent
 * count. It never changes a database given with --db-url; the embedded one is prepared as the GUI would.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Connect (or start the embedded database), print the server version, schema version and "
                + "agent count, and exit 0; exit 2 with a message when that is not possible.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public CheckCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var refused = database.problem(env);
        if (refused.isPresent()) {
            return CliErrors.print(spec, refused.get());
        }
        ConsoleSettings settings = database.toSettings(env).inspecting();
        try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
            MigrationOverview migrations = MigrationOverview.read(context.migrator());
            out.printf("Connected to  %s%n", context.database().describe());
            out.printf("Server        PostgreSQL %s%n", context.database().serverVersion());
            out.printf("Schema        %s%n", migrations.summary());
            out.printf("Agents        %s%n", agentCount(context));
            out.flush();
            return ExitCodes.OK;
        } catch (ConnectionProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        } catch (SQLException e) {
            return CliErrors.print(spec, "Connected, but a query failed: " + e.getMessage());
        }
    }

    private static String agentCount(ConsoleContext context) {
        try {
            return String.valueOf(context.agents().count());
        } catch (SQLException e) {
            // A database the console has never migrated has no agents table; say so instead of failing.
            return "unknown (" + e.getMessage().strip() + ")";
        }
    }
}
