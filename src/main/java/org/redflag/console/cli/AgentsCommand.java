package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.fleet.AgentRepository.PageKey;
import org.redflag.console.fleet.Presence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agents}: the Agents view for scripts and tickets, in hostname order, read page by page. */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "List agents in hostname order: OS, agent version, online/offline (seen in the last "
                + "15 minutes), last seen, last scan, reboot required; then how many of the fleet that is.",
        footer = {"", "Exit codes: 0 listed (also when nothing matched), 2 cannot run (bad input or no database)."})
public final class AgentsCommand extends FleetSubcommand {

    /** Rows per query: a small --limit reads exactly that many, a large one a few pages. */
    static final int PAGE_SIZE = 500;

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only agents whose hostname contains TEXT (case-insensitive).")
    String search;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "Show at most N agents, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    public AgentsCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        return limitProblem(limit).or(() -> textProblem("--search", search,
                "--search needs part of a hostname; leave it out to list every agent."))
                .or(() -> AgentRepository.searchProblem(search));
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException {
        List<Agent> agents = firstAgents(context.agents());
        long total = context.agents().count();
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("agents", agents.stream().map(this::toJson).toList());
            report.put("shown", agents.size());
            report.put("total", total);
            out.print(Json.write(report));
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("Hostname", "OS", "Version", "Presence", "Last seen", "Last scan", "Reboot");
        for (Agent agent : agents) {
            table.row(agent.hostname(), agent.osLabel(), agent.agentVersion(), presence(agent).label(),
                    dateTime(agent.lastSeen()), dateTime(agent.lastScan()), agent.rebootRequired() ? "required" : "");
        }
        if (!agents.isEmpty()) {
            table.print(out);
            out.println();
        } else if (search != null) {
            out.println("No agent's hostname contains \"" + search.strip() + "\".");
        }
        out.printf("%d %s shown of %d%n", agents.size(), agents.size() == 1 ? "agent" : "agents", total);
        return ExitCodes.OK;
    }

    /** The first {@code limit} agents in hostname order, read in keyset pages; never more rows than that. */
    private List<Agent> firstAgents(AgentRepository repository) throws SQLException {
        List<Agent> agents = new ArrayList<>(Math.min(limit, PAGE_SIZE));
        PageKey after = null;
        while (agents.size() < limit) {
            int wanted = Math.min(PAGE_SIZE, limit - agents.size());
            List<Agent> page = repository.page(search, after, wanted);
            agents.addAll(page);
            if (page.size() < wanted) {
                break;
            }
            after = PageKey.after(page.get(page.size() - 1));
        }
        return agents;
    }

    private Presence presence(Agent agent) {
        return Presence.of(agent.lastSeen(), clock);
    }

    private Map<String, Object> toJson(Agent agent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", agent.id().toString());
        row.put("hostname", agent.hostname());
        row.put("os_type", agent.osType());
        row.put("os_version", agent.osVersion());
        row.put("architecture", agent.osArchitecture());
        row.put("version", agent.agentVersion());
        row.put("status", presence(agent).label());
        row.put("last_seen", agent.lastSeen());
        row.put("last_scan", agent.lastScan());
        row.put("reboot_required", agent.rebootRequired());
        return row;
    }
}
