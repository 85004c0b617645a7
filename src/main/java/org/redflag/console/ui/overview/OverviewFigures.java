package org.redflag.console.ui.overview;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.redflag.console.overview.AgentCounts;
import org.redflag.console.overview.CommandCounts;
import org.redflag.console.overview.FirstFigures;
import org.redflag.console.overview.FullDisks;
import org.redflag.console.overview.PendingUpdates;
import org.redflag.console.overview.ScanActivity;
import org.redflag.console.overview.Share;

/**
 * What the Overview shows, filled in as each figure is read: a null part is one not read yet (its tile keeps its
 * placeholder); on a refresh, each part keeps its last value until the new one arrives. An empty optional is data
 * this schema lacks, as in {@link org.redflag.console.overview.FleetOverview}.
 */
public record OverviewFigures(Instant readAt, AgentCounts agents, CommandCounts commands,
        Optional<PendingUpdates> updates, List<Share> byOs, List<Share> byVersion, ScanActivity scans,
        Optional<FullDisks> disks) {

    static final OverviewFigures NONE = new OverviewFigures(null, null, null, null, null, null, null, null);

    OverviewFigures with(FirstFigures first) {
        return new OverviewFigures(first.readAt(), first.agents(), first.commands(), first.updates(), byOs, byVersion,
                scans, disks);
    }

    OverviewFigures withOs(List<Share> shares) {
        return new OverviewFigures(readAt, agents, commands, updates, List.copyOf(shares), byVersion, scans, disks);
    }

    OverviewFigures withVersions(List<Share> shares) {
        return new OverviewFigures(readAt, agents, commands, updates, byOs, List.copyOf(shares), scans, disks);
    }

    OverviewFigures withScans(ScanActivity activity) {
        return new OverviewFigures(readAt, agents, commands, updates, byOs, byVersion, activity, disks);
    }

    OverviewFigures withDisks(Optional<FullDisks> full) {
        return new OverviewFigures(readAt, agents, commands, updates, byOs, byVersion, scans, full);
    }
}
