package org.followthrough.handoff;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An offer's lifecycle, kept as data: an offer is open until its receiver accepts or declines it,
 * or its sender withdraws it; every answer is final.
 */
public enum HandoffState {
    OFFERED(Category.OPEN),
    ACCEPTED(Category.SETTLED),
    DECLINED(Category.SETTLED),
    WITHDRAWN(Category.SETTLED);

    public enum Category {
        /** Waiting for an answer: the owner stays accountable. */
        OPEN,
        /** Answered or taken back; nothing moves it again. */
        SETTLED
    }

    private static final Map<HandoffState, Set<HandoffState>> TRANSITIONS = Map.of(
            OFFERED, EnumSet.of(ACCEPTED, DECLINED, WITHDRAWN),
            ACCEPTED, EnumSet.noneOf(HandoffState.class),
            DECLINED, EnumSet.noneOf(HandoffState.class),
            WITHDRAWN, EnumSet.noneOf(HandoffState.class));

    private final Category category;

    HandoffState(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public boolean isOpen() {
        return category == Category.OPEN;
    }

    /** The states this one may move to; none for a settled offer. */
    public Set<HandoffState> allowedTransitions() {
        return Set.copyOf(TRANSITIONS.get(this));
    }

    public boolean canBecome(HandoffState target) {
        return TRANSITIONS.get(this).contains(target);
    }

    public String messageKey() {
        return "handoff.state." + name();
    }
}
