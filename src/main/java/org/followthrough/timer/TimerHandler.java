package org.followthrough.timer;

import java.time.Instant;
import java.util.UUID;

/**
 * Does the work of one kind of timer. Runs inside the transaction that removes the timer, so its
 * database work and the timer's removal commit together: a timer fires exactly once, or, if the
 * handler throws, not at all and is tried again later.
 */
public interface TimerHandler {

    /** The kind this handler answers, such as {@code promise.due}. */
    String kind();

    void fire(UUID subject, Instant dueAt);
}
