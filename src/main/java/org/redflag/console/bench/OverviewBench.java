package org.redflag.console.bench;

import java.util.ArrayList;
import java.util.List;
import org.redflag.console.overview.OverviewRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * The Overview's figures, timed as the window reads them (each one statement), console and raw, like the pages.
 * The history figure reads the charts' 7 days, so its cost grows with a week's history, not with the whole table.
 */
final class OverviewBench {

    static final String AGENTS = "overview: agents by presence";
    static final String BY_OS = "overview: agents by OS";
    static final String BY_VERSION = "overview: agents by version";
    static final String SCANS = "overview: scans 24 h and 7 days";
    static final String COMMANDS = "overview: commands in flight";
    static final String DISKS = "overview: disks over 90 %";
    static final String UPDATES = "overview: pending updates";

    /** The names the report prints, in order; the disks only where the schema keeps storage figures. */
    static List<String> measured(boolean storage) {
        List<String> names = new ArrayList<>(List.of(AGENTS, BY_OS, BY_VERSION, SCANS, COMMANDS));
        if (storage) {
            names.add(DISKS);
        }
        names.add(UPDATES);
        return names;
    }

    interface Compare {
        void compare(String name, Timing.Action action, Explained once) throws Exception;
    }

    interface Explained {
        Object run() throws Exception;
    }

    static void measure(OverviewRepository timed, OverviewRepository recorded, Capabilities capabilities,
            Compare compare) throws Exception {
        compare.compare(AGENTS, () -> (int) timed.agents().total(), recorded::agents);
        compare.compare(BY_OS, () -> timed.agentsByOs().size(), recorded::agentsByOs);
        compare.compare(BY_VERSION, () -> timed.agentsByVersion().size(), recorded::agentsByVersion);
        compare.compare(SCANS, () -> (int) timed.scans().weekCount(null, null), recorded::scans);
        compare.compare(COMMANDS, () -> (int) timed.commands().inFlight(), recorded::commands);
        if (capabilities.has(Feature.STORAGE_METRICS)) {
            compare.compare(DISKS, () -> (int) timed.fullDisks(OverviewRepository.FULLEST).orElseThrow().disks(),
                    () -> recorded.fullDisks(OverviewRepository.FULLEST));
        }
        compare.compare(UPDATES, () -> (int) (long) timed.pendingUpdates().map(u -> u.total()).orElse(0L),
                recorded::pendingUpdates);
    }
}
