package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.MutableClock;

class ClickGuardTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final ClickGuard<String> clickGuard = new ClickGuard<>(clock, Duration.ofSeconds(1));

    @Test
    void theFirstClickFiresAndClicksWhileInFlightAreIgnored() {
        assertThat(clickGuard.tryStart("web-01/storage")).isTrue();
        assertThat(clickGuard.isInFlight("web-01/storage")).isTrue();
        clock.advance(Duration.ofMillis(80));
        assertThat(clickGuard.tryStart("web-01/storage")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(clickGuard.tryStart("web-01/storage")).as("a slow request is still in flight").isFalse();
    }

    @Test
    void clicksInTheQuietWindowAfterTheAnswerAreIgnored() {
        clickGuard.tryStart("web-01/storage");
        clickGuard.finish("web-01/storage");
        clock.advance(Duration.ofMillis(999));
        assertThat(clickGuard.tryStart("web-01/storage")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(clickGuard.tryStart("web-01/storage")).as("the window is over").isTrue();
    }

    @Test
    void keysAreIndependent() {
        assertThat(clickGuard.tryStart("web-01/storage")).isTrue();
        assertThat(clickGuard.tryStart("web-02/storage")).isTrue();
        assertThat(clickGuard.tryStart("web-01/updates")).isTrue();
        clickGuard.finish("web-02/storage");
        assertThat(clickGuard.isInFlight("web-01/storage")).isTrue();
        assertThat(clickGuard.isInFlight("web-02/storage")).isFalse();
    }

    @Test
    void finishingAKeyThatNeverStartedChangesNothing() {
        clickGuard.finish("web-01/storage");
        assertThat(clickGuard.tryStart("web-01/storage")).isTrue();
    }
}
