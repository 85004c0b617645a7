package org.redflag.console.scan;

import java.time.Instant;

/**
 * The newest system scan of an agent. Each schema keeps a different part of it: the console's system_info has
 * memory in use and uptime, RedFlag's agent_specs has disks (in whole GB) and memory in MB. What a schema
 * does not keep is null.
 */
public record SystemInfo(String cpuModel, Integer cpuCores, Long memoryTotalBytes, Long memoryUsedBytes,
        Long uptimeSeconds, Long diskTotalBytes, Long diskFreeBytes, Instant collectedAt) {
}
