package org.redflag.console.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An in-flight guard with a cooldown (not a debouncer: the first click acts at once). It spares the database
 * pointless work from impatient clicks: the first click for a key goes through, further
 * ones are ignored while its request is in flight and for a short quiet window after it finished. The
 * database stays the judge of duplicates; this only keeps a triple click from becoming three requests.
 * Keys are independent, so one agent's button never blocks another's. Use it on one thread (the FX thread).
 */
public final class ClickGuard<K> {

    public static final Duration DEFAULT_QUIET_WINDOW = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration quietWindow;
    private final Set<K> inFlight = new HashSet<>();
    private final Map<K, Instant> quietUntil = new HashMap<>();

    public ClickGuard(Clock clock, Duration quietWindow) {
        this.clock = clock;
        this.quietWindow = quietWindow;
    }

    /** True when this click should fire; the caller must then call {@link #finish} when its request is answered. */
    public boolean tryStart(K key) {
        Instant now = clock.instant();
        quietUntil.values().removeIf(until -> !now.isBefore(until));
        if (inFlight.contains(key) || quietUntil.containsKey(key)) {
            return false;
        }
        inFlight.add(key);
        return true;
    }

    /** The request for {@code key} was answered (either way); the quiet window starts now. */
    public void finish(K key) {
        if (inFlight.remove(key)) {
            quietUntil.put(key, clock.instant().plus(quietWindow));
        }
    }

    public boolean isInFlight(K key) {
        return inFlight.contains(key);
    }
}
