package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.migration.Companion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrations companion}: what the console would add to a RedFlag database, and, only with --yes, adding
 * or removing it. Without --yes it prints the plan and changes nothing.
 */
@Command(name = "companion", mixinStandardHelpOptions = true,
        description = {"The console's optional companion on a RedFlag database: live-change triggers and page indexes "
                + "in their own schema (redflag_console) with their own Flyway history; and RedFlag 023a's "
                + "one-pending-command index for a v0.1.x database.",
            "Without an action it shows what is there and what would be created. Actions change the database only with --yes."})
final class CompanionCommand extends MigrationsCommand.Subcommand {

    @Option(names = "--install", description = "Create (or upgrade) the companion.")
    boolean install;

    @Option(names = "--remove", description = "Remove the companion and everything it created.")
    boolean remove;

    @Option(names = "--add-pending-index", description = "Add RedFlag 023a's unique index idx_agent_pending_subsystem.")
    boolean addPendingIndex;

    @Option(names = "--yes", description = "Really do the action (without it, the plan is printed and nothing changes).")
    boolean yes;

    CompanionCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        int actions = (install ? 1 : 0) + (remove ? 1 : 0) + (addPendingIndex ? 1 : 0);
        return actions > 1 ? Optional.of("Give one action at a time: --install, --remove or --add-pending-index.")
                : Optional.empty();
    }

    @Override
    ConsoleSettings settingsFor(ConsoleSettings asked) {
        return asked.asIs();
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException {
        Optional<Companion> found = context.companion();
        if (found.isEmpty()) {
            return CliErrors.print(spec, "The companion is for RedFlag databases; this one is a "
                    + context.capabilities().describe() + ". The console's own schema has all of it already.");
        }
        Companion companion = found.get();
        List<String> plan = install ? companion.status().pending()
                : remove ? companion.removal()
                : addPendingIndex ? List.of(Companion.ONE_PENDING_INDEX) : List.of();
        if ((install || remove || addPendingIndex) && !yes) {
            out.println(plan.isEmpty() ? "Nothing to do." : "This would run, on " + context.database().describe() + ":");
            plan.forEach(step -> out.println("  - " + step));
            out.println("Nothing was changed. Add --yes to do it.");
            return ExitCodes.OK;
        }
        if (install) {
            companion.install();
        } else if (remove) {
            companion.remove();
        } else if (addPendingIndex) {
            try {
                companion.addOnePendingIndex();
            } catch (IllegalStateException refused) {
                return CliErrors.print(spec, refused.getMessage());
            }
        }
        print(companion.status(), out);
        return ExitCodes.OK;
    }

    private void print(Companion.Status status, PrintWriter out) {
        if (json) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("installed_version", status.installedVersion().orElse(null));
            facts.put("would_create", status.pending());
            facts.put("one_pending_index", status.onePendingIndex());
            facts.put("duplicate_pending", status.duplicatePending());
            out.print(Json.write(facts));
            return;
        }
        out.printf("Companion       %s%n", status.installedVersion().map(v -> "installed at V" + v).orElse("not installed"));
        status.pending().forEach(step -> out.printf("  would create  %s%n", step));
        out.printf("023a index      %s%n", status.onePendingIndex() ? "present"
                : "missing" + (status.duplicatePending() > 0 ? " (" + status.duplicatePending()
                        + " duplicate pending pairs stand in its way)" : " (add it with --add-pending-index --yes)"));
    }
}
