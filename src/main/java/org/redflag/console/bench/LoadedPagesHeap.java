package org.redflag.console.bench;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.cli.TextTable;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryEntry;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;

/** The Memory part of the report: what the pages a view loads weigh on the heap. */
final class LoadedPagesHeap {

    private LoadedPagesHeap() {
    }

    /** The heap the loaded pages hold, measured the way a view holds them: in a list that stays referenced. */
    static void measure(ConsoleContext context, long historyRows, PrintWriter out, Map<String, Object> json)
            throws SQLException {
        HistoryRepository history = context.history();
        long baseline = usedHeap();
        List<HistoryEntry> loaded = new ArrayList<>(history.page(HistoryFilter.all(), null, FleetBench.PAGE));
        long afterFirst = usedHeap();
        for (int page = 1; page < 10 && !loaded.isEmpty(); page++) {
            HistoryRepository.PageKey after = HistoryRepository.PageKey.after(loaded.get(loaded.size() - 1));
            loaded.addAll(history.page(HistoryFilter.all(), after, FleetBench.PAGE));
        }
        long afterTen = usedHeap();
        List<Agent> agents = new ArrayList<>(context.agents().page("", null, FleetBench.PAGE));
        for (int page = 1; page < 10 && !agents.isEmpty(); page++) {
            AgentRepository.PageKey after = AgentRepository.PageKey.after(agents.get(agents.size() - 1));
            agents.addAll(context.agents().page("", after, FleetBench.PAGE));
        }
        long afterAgents = usedHeap();
        out.println();
        out.printf("Memory (heap used after System.gc(); history has %,d rows)%n", historyRows);
        TextTable table = new TextTable("State", "Rows held", "Heap used", "Above baseline");
        table.row("baseline", "0", Figures.megabytes(baseline), "");
        table.row("history: first page", String.valueOf(Math.min(FleetBench.PAGE, loaded.size())), Figures.megabytes(afterFirst),
                Figures.kilobytes(afterFirst - baseline));
        table.row("history: 10 pages", String.valueOf(loaded.size()), Figures.megabytes(afterTen), Figures.kilobytes(afterTen - baseline));
        table.row("+ agents: 10 pages", String.valueOf(agents.size()), Figures.megabytes(afterAgents),
                Figures.kilobytes(afterAgents - baseline));
        table.print(out);
        out.flush();
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("baseline_bytes", baseline);
        memory.put("history_first_page_bytes", afterFirst - baseline);
        memory.put("history_10_pages_rows", loaded.size());
        memory.put("history_10_pages_bytes", afterTen - baseline);
        memory.put("with_agents_10_pages_rows", agents.size());
        memory.put("with_agents_10_pages_bytes", afterAgents - baseline);
        json.put("memory_above_baseline", memory);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
