package org.redflag.console.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @Test
    void seenWithinFifteenMinutesIsOnline() {
        assertThat(Presence.of(now.minus(Duration.ofMinutes(14).plusSeconds(59)), clock)).isEqualTo(Presence.ONLINE);
        assertThat(Presence.of(now, clock)).isEqualTo(Presence.ONLINE);
    }

    @Test
    void seenFifteenMinutesAgoOrEarlierIsOffline() {
        assertThat(Presence.of(now.minus(Duration.ofMinutes(15)), clock)).isEqualTo(Presence.OFFLINE);
        assertThat(Presence.of(now.minus(Duration.ofDays(3)), clock)).isEqualTo(Presence.OFFLINE);
    }

    @Test
    void neverSeenIsOffline() {
        assertThat(Presence.of(null, clock)).isEqualTo(Presence.OFFLINE);
    }
}
