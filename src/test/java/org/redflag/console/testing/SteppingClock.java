package org.redflag.console.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves one millisecond every time it is read: distinct, ordered times without sleeping. */
public final class SteppingClock extends Clock {

    private final Instant start;
    private final AtomicLong reads = new AtomicLong();

    public SteppingClock(Instant start) {
        this.start = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return start.plus(Duration.ofMillis(reads.getAndIncrement()));
    }
}
