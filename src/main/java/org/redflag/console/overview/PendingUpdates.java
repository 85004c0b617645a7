package org.redflag.console.overview;

import java.util.Map;

/**
 * Updates agents reported as available and not yet installed, by severity (most severe first), and on how many
 * agents. {@code estimated} when the counts are the planner's statistics rather than a count (a table too big
 * to count on every refresh): the view prefixes them with "≈".
 */
public record PendingUpdates(Map<String, Long> bySeverity, long agents, boolean estimated) {

    /** RedFlag's and the console's severities, most severe first. */
    public static final java.util.List<String> SEVERITIES = java.util.List.of("critical", "important", "moderate", "low");

    public PendingUpdates {
        bySeverity = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bySeverity));
    }

    public long total() {
        return bySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
}
