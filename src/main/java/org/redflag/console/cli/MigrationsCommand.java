package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redflag.console.app.ConsoleContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code migrations status|validate|migrate|audit}: the Migrations view for scripts and tickets. Exit 0 when
 * clean, 1 when there are findings (failed, pending or edited migrations, validation problems, audit errors
 * or warnings, a failed migrate), 2 when it could not run.
 */
@Command(name = "migrations", mixinStandardHelpOptions = true,
        description = "Is this database's schema what it claims to be? Our Flyway migrations and a legacy RedFlag audit.",
        footer = {"", "Exit codes: 0 clean, 1 findings (failed/pending/edited migrations, audit errors or warnings),",
            "2 cannot run (bad input or no database)."})
public final class MigrationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private MigrationsCommand() {
    }

    /** The command with its four subcommands, ready to add to the launcher's tree. */
    public static CommandLine create(Map<String, String> env, Clock clock) {
        CommandLine line = new CommandLine(new MigrationsCommand());
        line.addSubcommand(new MigrationStatusCommand(env, clock));
        line.addSubcommand(new ValidateCommand(env, clock));
        line.addSubcommand(new MigrateCommand(env, clock));
        line.addSubcommand(new AuditCommand(env, clock));
        line.addSubcommand(new RepairCommand(env, clock));
        line.addSubcommand(new CompanionCommand(env, clock));
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliErrors.print(spec, "Say which: migrations status, validate, migrate, audit, repair or companion.");
    }

    /** Opening the database and turning every way of not getting there into exit code 2 with a sentence. */
    abstract static class Subcommand extends DatabaseSubcommand {

        Subcommand(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        abstract int run(ConsoleContext context, PrintWriter out) throws SQLException, IOException;

        static int exitCode(boolean clean) {
            return clean ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
