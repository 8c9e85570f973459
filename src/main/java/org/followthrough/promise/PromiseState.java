package org.followthrough.promise;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A promise's lifecycle, kept as data: each state has a category and the states that may follow
 * it. Open and renegotiated promises are pending: their reminder and due timers run. A broken
 * promise is still unsettled until it is kept late, renegotiated with the customer or released;
 * kept and released are final.
 */
public enum PromiseState {
    OPEN(Category.PENDING),
    RENEGOTIATED(Category.PENDING),
    BROKEN(Category.BROKEN),
    KEPT(Category.SETTLED),
    RELEASED(Category.SETTLED);

    public enum Category {
        /** Not yet due: the reminder and due timers run. */
        PENDING,
        /** Past due and not made good: still owed to the customer, no timers. */
        BROKEN,
        /** Kept or released: final. */
        SETTLED
    }

    private static final Map<PromiseState, Set<PromiseState>> TRANSITIONS = Map.of(
            OPEN, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            RENEGOTIATED, EnumSet.of(KEPT, BROKEN, RENEGOTIATED, RELEASED),
            BROKEN, EnumSet.of(KEPT, RENEGOTIATED, RELEASED),
            KEPT, EnumSet.noneOf(PromiseState.class),
            RELEASED, EnumSet.noneOf(PromiseState.class));

    public static final Set<PromiseState> UNSETTLED = EnumSet.of(OPEN, RENEGOTIATED, BROKEN);

    private final Category category;

    PromiseState(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /** Due timers run: not yet kept, broken or released. */
    public boolean isPending() {
        return category == Category.PENDING;
    }

    /** Still owed to the customer: pending, or broken and not yet made good. */
    public boolean isUnsettled() {
        return category != Category.SETTLED;
    }

    /** The states that may follow this one; none once settled. */
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
