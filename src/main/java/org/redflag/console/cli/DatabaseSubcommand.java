package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.scan.ScanRefused;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Every headless command that works on a database: the database options and --json, the options checked
 * before anything is opened, the database opened as the command needs it, and every way of not getting an
 * answer turned into one sentence on stderr and exit code 2, never a stack trace.
 */
abstract class DatabaseSubcommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    final Map<String, String> env;
    final Clock clock;

    DatabaseSubcommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /** What the command does once the database is open; its return value is the exit code. */
    abstract int run(ConsoleContext context, PrintWriter out) throws Exception;

    /** Most commands look without changing anything; one that writes says how it opens the database. */
    ConsoleSettings settingsFor(ConsoleSettings asked) {
        return asked.inspecting();
    }

    /** A sentence when the options cannot be used as given, checked before the database is opened. */
    Optional<String> inputProblem() {
        return Optional.empty();
    }

    @Override
    public final Integer call() {
        Optional<String> refused = database.problem(env).or(this::inputProblem);
        if (refused.isPresent()) {
            return CliErrors.print(spec, refused.get());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleContext context = ConsoleContext.open(settingsFor(database.toSettings(env)),
                Passwords.fromEnvironment(env), clock)) {
            int code = run(context, out);
            out.flush();
            return code;
        } catch (ConnectionProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        } catch (FleetSubcommand.Refusal | ScanRefused refusal) {
            return CliErrors.print(spec, refusal.getMessage());
        } catch (SQLException e) {
            return CliErrors.print(spec, "Connected, but reading the database failed: " + firstLine(e.getMessage()));
        } catch (IOException e) {
            return CliErrors.print(spec, "Could not read the migration files: " + e.getMessage());
        } catch (FlywayException e) {
            return CliErrors.print(spec, "Flyway could not read this database's migrations: " + firstLine(e.getMessage()));
        } catch (IllegalStateException e) {
            // The console's own failures that already say what happened and what to do (a companion install).
            return CliErrors.print(spec, e.getMessage());
        } catch (Exception e) {
            return CliErrors.print(spec, "The command stopped: " + firstLine(String.valueOf(e.getMessage()))
                    + ". The log in the data folder has the details.");
        }
    }

    static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
