package org.redflag.console.overview;

import java.time.Duration;
import java.util.Map;

/**
 * Commands not finished yet, by status in the order they pass through ("pending", "sent", "received",
 * "running"), and how many of those an agent took longer ago than {@code timeout} without answering: the
 * ones the console's sweep would time out.
 */
public record CommandCounts(Map<String, Long> inFlightByStatus, long stuck, Duration timeout) {

    public CommandCounts {
        inFlightByStatus = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inFlightByStatus));
    }

    public long inFlight() {
        return inFlightByStatus.values().stream().mapToLong(Long::longValue).sum();
    }
}
