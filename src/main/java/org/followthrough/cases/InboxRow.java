package org.followthrough.cases;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the inbox: the case, the next promise it owes its customer (null when it owes none)
 * and since when the customer has waited for us (null when nothing of theirs is unanswered).
 */
public record InboxRow(CaseView supportCase, NextPromise nextPromise, Instant waitingSince) {

    /** How the case's next promise stands, as the inbox marks it. */
    public enum Standing {
        /** Past its due and not made good: the promise module's BROKEN, or due and not yet marked. */
        BROKEN,
        /** Inside its reminder window (the team's reminder policy), not yet due. */
        AT_RISK,
        /** Due later than its reminder. */
        ON_TRACK;

        public String messageKey() {
            return "inbox.standing." + name();
        }
    }

    /** The unsettled promise of the case that falls due first, read from {@code promise_summary}. */
    public record NextPromise(UUID id, String description, Instant dueAt, String ownerName, Standing standing) {

        public static Standing standing(String state, Instant dueAt, Instant remindAt, Instant now) {
            if ("BROKEN".equals(state) || !dueAt.isAfter(now)) {
                return Standing.BROKEN;
            }
            if (remindAt != null && !remindAt.isAfter(now)) {
                return Standing.AT_RISK;
            }
            return Standing.ON_TRACK;
        }
    }
}
