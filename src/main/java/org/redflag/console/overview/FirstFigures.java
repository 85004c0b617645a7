package org.redflag.console.overview;

import java.time.Instant;
import java.util.Optional;

/**
 * The Overview's figures that cost least at fleet scale, read at {@code readAt}: agents by presence (one pass over
 * the agents), commands in flight (partial indexes) and pending updates (the planner's estimate on a big fleet). The
 * Overview shows them first; the groupings, charts and disks follow as each is read.
 */
public record FirstFigures(Instant readAt, AgentCounts agents, CommandCounts commands,
        Optional<PendingUpdates> updates) {
}
