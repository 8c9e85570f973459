package org.followthrough.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock tests move by hand. Shared by the whole test context; tests only ever move it forward. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = micros(start);
    }

    public void advance(Duration duration) {
        now = micros(now.plus(duration));
    }

    public void set(Instant instant) {
        now = micros(instant);
    }

    /** PostgreSQL keeps microseconds: a test clock that does the same compares equal after a round trip. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
