package org.followthrough.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock, except on a thread that pinned it to a past moment to replay history: the
 * services then stamp cases, entries and audit records with that moment. Pinning is per thread so
 * that requests served while the demo is being seeded still see the real time.
 */
final class DemoClock extends Clock {

    private final Clock system;
    private final ThreadLocal<Instant> pinned;

    DemoClock(Clock system) {
        this(system, new ThreadLocal<>());
    }

    private DemoClock(Clock system, ThreadLocal<Instant> pinned) {
        this.system = system;
        this.pinned = pinned;
    }

    /** Until {@link #release()}, this thread reads {@code instant} as the time. */
    void pinAt(Instant instant) {
        if (instant.isAfter(system.instant())) {
            throw new IllegalArgumentException("Demo history must lie in the past, not at " + instant);
        }
        pinned.set(instant);
    }

    void release() {
        pinned.remove();
    }

    @Override
    public Instant instant() {
        var instant = pinned.get();
        return instant != null ? instant : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new DemoClock(system.withZone(zone), pinned);
    }
}
