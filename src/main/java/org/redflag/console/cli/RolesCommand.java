package org.redflag.console.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.redflag.console.roles.ConsoleRoles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code roles}: the console's two database roles. With {@code --sql}, the script that makes them, to pipe
 * into psql; without, what each may do and how to apply it. Needs no database: an administrator runs the
 * script with their own client and rights.
 */
@Command(name = "roles", mixinStandardHelpOptions = true,
        description = "The console's database roles, redflag_operator and redflag_viewer: what each may do, or "
                + "with --sql the script that makes them (roles --sql | psql -d DB -U OWNER).")
public final class RolesCommand implements Callable<Integer> {

    @Option(names = "--sql", description = "Print the SQL that creates the roles and grants their rights.")
    boolean sql;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (sql) {
            out.print(ConsoleRoles.sql());
        } else {
            out.println("""
                    redflag_operator  reads the fleet and the history, queues scans, cancels and retries commands,
                                      and appends history rows
                    redflag_viewer    reads everything and appends only its own console errors
                    For both the history is append-only (no UPDATE or DELETE), and neither may migrate.

                    Both are groups: GRANT redflag_viewer TO alice; for each person's login role. Make them in the
                    console's database, as the role that owns its tables:
                        redflag-console roles --sql | psql -d redflag -U redflag_owner""");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
