package org.redflag.console.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.history.HistoryRepository.PageKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code history}: the History view for scripts and tickets, newest first, filtered in SQL. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List history rows (update_logs), newest first: time, host, subsystem, action, result, exit "
                + "code and the first line of the output. In --json, stdout and stderr are each cut to their "
                + "first 2000 characters.",
        footer = {"", "Exit codes: 0 listed (also when nothing matched), 2 cannot run (unknown agent, bad input "
                + "or no database)."})
public final class HistoryCommand extends FleetSubcommand {

    static final int PAGE_SIZE = 500;

    @Option(names = "--agent", paramLabel = "HOST|ID",
            description = "Only this agent's rows: its id, or its exact hostname (case-insensitive).")
    String agent;

    @Option(names = "--subsystem", paramLabel = "S",
            description = "Only this subsystem (updates, storage, system, docker, or a console area).")
    String subsystem;

    @Option(names = "--result", paramLabel = "R", description = "Only this result (success, failed, partial).")
    String result;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
            description = "Show at most N rows, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    public HistoryCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        return limitProblem(limit)
                .or(() -> textProblem("--agent", agent, "--agent needs a hostname or an agent id; leave it out "
                        + "for every agent's history."))
                .or(() -> textProblem("--subsystem", subsystem, "--subsystem needs a name such as storage; leave "
                        + "it out for every subsystem."))
                .or(() -> textProblem("--result", result, "--result needs a result such as failed; leave it out "
                        + "for every result."))
                .or(() -> filter(null).problem());
    }

    private HistoryFilter filter(UUID agentId) {
        return new HistoryFilter(agentId, "", subsystem, result, null, null, "", false);
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException, Refusal {
        UUID agentId = agent == null ? null : new AgentLookup(context.agents()).resolve(agent).id();
        List<HistoryEntry> entries = newest(context.history(), filter(agentId));
        boolean more = entries.size() > limit;
        if (more) {
            entries = entries.subList(0, limit);
        }
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("entries", entries.stream().map(FleetJson::entry).toList());
            report.put("shown", entries.size());
            report.put("more", more);
            out.print(Json.write(report));
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out.println("No history rows match.");
            return ExitCodes.OK;
        }
        HistoryTable.print(out, entries, this::dateTime);
        out.println();
        out.printf("%d %s shown, newest first%s%n", entries.size(), entries.size() == 1 ? "row" : "rows",
                more ? "; older rows match too (raise --limit to see them)" : "");
        return ExitCodes.OK;
    }

    /** Up to limit + 1 rows, newest first: the one extra says whether there are more. */
    private List<HistoryEntry> newest(HistoryRepository repository, HistoryFilter filter) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>(Math.min(limit + 1, PAGE_SIZE));
        PageKey after = null;
        while (entries.size() <= limit) {
            int wanted = Math.min(PAGE_SIZE, limit + 1 - entries.size());
            List<HistoryEntry> page = repository.page(filter, after, wanted);
            entries.addAll(page);
            if (page.size() < wanted) {
                break;
            }
            after = PageKey.after(page.get(page.size() - 1));
        }
        return entries;
    }
}
