package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.fleet.Agent;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.scan.ScanOutcome;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scan}: asks one agent to scan one subsystem, as the Scan button does. Idempotent: a scan already
 * pending or sent for that agent and subsystem is the answer, and nothing new is queued.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Queue a scan of one subsystem on one agent, or report the one already queued; either way "
                + "the command's id is printed and the exit code is 0.",
        footer = {"", "Exit codes: 0 queued or already queued, 2 cannot run (unknown agent, unknown or disabled "
                + "subsystem, bad input, or no database)."})
public final class ScanCommand extends FleetSubcommand {

    @Option(names = "--agent", required = true, paramLabel = "HOST|ID",
            description = "The agent: its id, or its exact hostname (case-insensitive).")
    String agent;

    @Option(names = "--subsystem", required = true, paramLabel = "S",
            description = "What to scan: updates, storage, system or docker.")
    String subsystem;

    public ScanCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        Optional<String> problem = textProblem("--agent", agent, "--agent needs the hostname or id of the agent "
                + "to scan.");
        if (problem.isPresent()) {
            return problem;
        }
        try {
            Subsystem.parse(subsystem);
            return Optional.empty();
        } catch (ScanRefused refused) {
            return Optional.of(refused.getMessage());
        }
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException, Refusal, ScanRefused {
        Subsystem what = Subsystem.parse(subsystem);
        Agent target = new AgentLookup(context.agents()).resolve(agent);
        ScanOutcome outcome = context.scans().requestScan(target.id(), what);
        AgentCommand command = outcome.command();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("outcome", outcome.isNew() ? "queued" : "already_queued");
            report.put("command", FleetJson.command(command));
            report.put("agent", target.hostname());
            out.print(Json.write(report));
        } else if (outcome.isNew()) {
            out.printf("queued: %s scan of %s (command %s)%n", what, target.hostname(), command.id());
        } else {
            out.printf("already queued since %s (command %s)%n", timeOfDay(command.createdAt()), command.id());
        }
        return ExitCodes.OK;
    }
}
