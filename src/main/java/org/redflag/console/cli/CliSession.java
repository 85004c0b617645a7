package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.scan.ScanRefused;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every headless command that works on a database runs: the options checked before anything is opened,
 * the database opened as the command needs it, and every way of not getting an answer turned into one
 * sentence on stderr and exit code 2, never a stack trace.
 */
final class CliSession {

    /** What a command does once the database is open; its return value is the exit code. */
    @FunctionalInterface
    interface Body {
        int run(ConsoleContext context, PrintWriter out) throws Exception;
    }

    private CliSession() {
    }

    static int run(CommandSpec spec, DatabaseOptions database, Map<String, String> env, Clock clock,
            UnaryOperator<ConsoleSettings> settingsFor, Supplier<Optional<String>> inputProblem, Body body) {
        Optional<String> refused = database.problem(env).or(inputProblem);
        if (refused.isPresent()) {
            return CliErrors.print(spec, refused.get());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleContext context = ConsoleContext.open(settingsFor.apply(database.toSettings(env)),
                Passwords.fromEnvironment(env), clock)) {
            int code = body.run(context, out);
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
