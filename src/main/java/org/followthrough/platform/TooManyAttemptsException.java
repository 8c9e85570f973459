package org.followthrough.platform;

import java.time.Duration;
import java.time.Instant;

/** Too many failed attempts: refused until {@code retryAt}, answered with 429 and Retry-After. */
public class TooManyAttemptsException extends RuntimeException {

    private final Instant retryAt;
    private final Duration retryAfter;

    public TooManyAttemptsException(Instant retryAt, Duration retryAfter) {
        super("Too many failed attempts; try again in " + minutes(retryAfter) + " minute"
                + (minutes(retryAfter) == 1 ? "" : "s"));
        this.retryAt = retryAt;
        this.retryAfter = retryAfter;
    }

    public Instant retryAt() {
        return retryAt;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up, as Retry-After wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    }

    /** Whole minutes to wait, rounded up, for people. */
    public static long minutes(Duration wait) {
        return Math.max(1, (wait.toSeconds() + 59) / 60);
    }
}
