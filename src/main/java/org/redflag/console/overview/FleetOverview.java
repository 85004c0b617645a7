package org.redflag.console.overview;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every figure of the Overview, read together at {@code readAt}; an empty optional is data this schema lacks. */
public record FleetOverview(Instant readAt, AgentCounts agents, List<Share> byOs, List<Share> byVersion,
        ScanActivity scans, CommandCounts commands, Optional<FullDisks> disks, Optional<PendingUpdates> updates) {

    public FleetOverview {
        byOs = List.copyOf(byOs);
        byVersion = List.copyOf(byVersion);
    }
}
