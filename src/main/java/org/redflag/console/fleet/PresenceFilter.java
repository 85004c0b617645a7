package org.redflag.console.fleet;

import java.util.Locale;
import java.util.Optional;

/**
 * The Agents view's status filter. Online and offline are judged as {@link Presence} judges the badge (last_seen
 * against the injected clock); stale splits off the offline agents not seen for {@link Presence#STALE_AFTER}, or
 * never, which will not answer a scan.
 */
public enum PresenceFilter {
    ONLINE,
    OFFLINE,
    STALE;

    /** "online", "offline", "stale": the words of {@code AgentsRequest} and of the filter's choices. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter of this label (any case); empty for null, blank or a word it does not know. */
    public static Optional<PresenceFilter> parse(String label) {
        if (label == null || label.isBlank()) {
            return Optional.empty();
        }
        for (PresenceFilter filter : values()) {
            if (filter.label().equalsIgnoreCase(label.strip())) {
                return Optional.of(filter);
            }
        }
        return Optional.empty();
    }
}
