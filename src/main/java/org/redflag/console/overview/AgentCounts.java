package org.redflag.console.overview;

/**
 * The fleet by presence, judged against one instant: online (seen within {@code Presence.ONLINE_WINDOW}),
 * offline (seen since, but not within it), stale (never seen, or not for {@code Presence.STALE_AFTER}), and
 * those whose last check-in said a reboot is required. Online, offline and stale add up to the total.
 */
public record AgentCounts(long total, long online, long offline, long stale, long rebootRequired) {
}
