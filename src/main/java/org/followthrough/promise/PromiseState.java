package org.followthrough.promise;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A promise's lifecycle, kept as data. Open and renegotiated promises are pending: their reminder
 * and due timers run. A broken promise is still unsettled until it is kept late, renegotiated with
 * the customer or released; kept and released are final.
 */
public enum PromiseState {
    OPEN,
    RENEGOTIATED,
    BROKEN,
    KEPT,
    RELEASED;

    private static final Map<PromiseState, Set<PromiseState>> TRANSITIONS = Map.of(
            OPEN, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            RENEGOTIATED, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            BROKEN, EnumSet.of(KEPT, RENEGOTIATED, RELEASED),
            KEPT, EnumSet.noneOf(PromiseState.class),
            RELEASED, EnumSet.noneOf(PromiseState.class));

    public static final Set<PromiseState> UNSETTLED = EnumSet.of(OPEN, RENEGOTIATED, BROKEN);

    /** Due timers run: not yet kept, broken or released. */
    public boolean isPending() {
        return this == OPEN || this == RENEGOTIATED;
    }

    /** Still owed to the customer: pending, or broken and not yet made good. */
    public boolean isUnsettled() {
        return UNSETTLED.contains(this);
    }

    public Set<PromiseState> next() {
        return TRANSITIONS.get(this);
    }

    public boolean canMoveTo(PromiseState target) {
        return TRANSITIONS.get(this).contains(target);
    }

    public String messageKey() {
        return "promise.state." + name();
    }
}
