package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.redflag.console.testing.MutableClock;

class DebouncerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final Debouncer<String> debouncer = new Debouncer<>(clock, Duration.ofSeconds(1));

    @Test
    void theFirstClickFiresAndClicksWhileInFlightAreIgnored() {
        assertThat(debouncer.tryStart("web-01/storage")).isTrue();
        assertThat(debouncer.isInFlight("web-01/storage")).isTrue();
        clock.advance(Duration.ofMillis(80));
        assertThat(debouncer.tryStart("web-01/storage")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(debouncer.tryStart("web-01/storage")).as("a slow request is still in flight").isFalse();
    }

    @Test
    void clicksInTheQuietWindowAfterTheAnswerAreIgnored() {
        debouncer.tryStart("web-01/storage");
        debouncer.finish("web-01/storage");
        clock.advance(Duration.ofMillis(999));
        assertThat(debouncer.tryStart("web-01/storage")).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(debouncer.tryStart("web-01/storage")).as("the window is over").isTrue();
    }

    @Test
    void keysAreIndependent() {
        assertThat(debouncer.tryStart("web-01/storage")).isTrue();
        assertThat(debouncer.tryStart("web-02/storage")).isTrue();
        assertThat(debouncer.tryStart("web-01/updates")).isTrue();
        debouncer.finish("web-02/storage");
        assertThat(debouncer.isInFlight("web-01/storage")).isTrue();
        assertThat(debouncer.isInFlight("web-02/storage")).isFalse();
    }

    @Test
    void finishingAKeyThatNeverStartedChangesNothing() {
        debouncer.finish("web-01/storage");
        assertThat(debouncer.tryStart("web-01/storage")).isTrue();
    }
}
