package org.redflag.console.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Online or offline, judged from last_seen against an injected clock (RedFlag's rule: seen in the last 15 min). */
public enum Presence {
    ONLINE,
    OFFLINE;

    public static final Duration ONLINE_WINDOW = Duration.ofMinutes(15);

    /** Not seen for this long, an agent is taken for gone (decommissioned, reinstalled): it will not answer. */
    public static final Duration STALE_AFTER = Duration.ofDays(7);

    public static Presence of(Instant lastSeen, Clock clock) {
        if (lastSeen == null) {
            return OFFLINE;
        }
        Instant now = clock.instant();
        return lastSeen.isAfter(now.minus(ONLINE_WINDOW)) ? ONLINE : OFFLINE;
    }

    public String label() {
        return this == ONLINE ? "online" : "offline";
    }
}
