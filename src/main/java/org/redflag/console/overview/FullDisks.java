package org.redflag.console.overview;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Mountpoints whose newest storage figure is over {@link #THRESHOLD_PERCENT} full, on how many agents, and the
 * fullest few.
 */
public record FullDisks(long disks, long agents, List<Disk> fullest) {

    public static final int THRESHOLD_PERCENT = 90;

    public FullDisks {
        fullest = List.copyOf(fullest);
    }

    public record Disk(UUID agentId, String hostname, String mountpoint, BigDecimal usedPercent) {
    }
}
