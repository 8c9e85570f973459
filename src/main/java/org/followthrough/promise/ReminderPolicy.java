package org.followthrough.promise;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How long before a promise falls due its owner is reminded: a share of the time between making
 * the promise and its due time, at most a cap. 25% and 24 hours unless a team says otherwise: a
 * promise made today for tomorrow afternoon reminds in the morning; one for next month, a day ahead.
 */
public record ReminderPolicy(int leadPercent, Duration leadMax) {

    public static final ReminderPolicy DEFAULT = new ReminderPolicy(25, Duration.ofHours(24));

    public ReminderPolicy {
        if (leadPercent < 0 || leadPercent > 100) {
            throw new IllegalArgumentException("leadPercent must be between 0 and 100");
        }
        if (leadMax == null || leadMax.isNegative()) {
            throw new IllegalArgumentException("leadMax must not be negative");
        }
    }

    /** When to remind, or null when the policy asks for no reminder or the moment has passed. */
    public Instant remindAt(Instant now, Instant dueAt) {
        var window = Duration.between(now, dueAt);
        if (window.isNegative() || window.isZero() || leadPercent == 0 || leadMax.isZero()) {
            return null;
        }
        var share = window.multipliedBy(leadPercent).dividedBy(100);
        var lead = share.compareTo(leadMax) < 0 ? share : leadMax;
        // Microseconds, as PostgreSQL keeps them: the time a client is told is the time stored.
        var at = dueAt.minus(lead).truncatedTo(ChronoUnit.MICROS);
        return at.isAfter(now) ? at : null;
    }
}
