package org.followthrough.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The case lifecycle, kept as data: each status has a category and the statuses it may move to.
 * Everything that asks "is this case still being worked?" asks the category, not the status.
 */
public enum CaseStatus {
    NEW(Category.INITIAL),
    OPEN(Category.ACTIVE),
    WAITING_ON_CUSTOMER(Category.WAITING),
    WAITING_ON_THIRD_PARTY(Category.WAITING),
    RESOLVED(Category.INACTIVE),
    CLOSED(Category.INACTIVE);

    public enum Category {
        /** Not yet triaged: the only category in which a case may have no owner. */
        INITIAL,
        ACTIVE,
        WAITING,
        INACTIVE
    }

    private static final Map<CaseStatus, Set<CaseStatus>> TRANSITIONS = Map.of(
            NEW, EnumSet.of(OPEN, WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED, CLOSED),
            OPEN, EnumSet.of(WAITING_ON_CUSTOMER, WAITING_ON_THIRD_PARTY, RESOLVED),
            WAITING_ON_CUSTOMER, EnumSet.of(OPEN, WAITING_ON_THIRD_PARTY, RESOLVED),
            WAITING_ON_THIRD_PARTY, EnumSet.of(OPEN, WAITING_ON_CUSTOMER, RESOLVED),
            RESOLVED, EnumSet.of(OPEN, CLOSED),
            CLOSED, EnumSet.of(OPEN));

    private final Category category;

    CaseStatus(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    public boolean isActive() {
        return category != Category.INACTIVE;
    }

    public boolean isWaiting() {
        return category == Category.WAITING;
    }

    public Set<CaseStatus> next() {
        return TRANSITIONS.get(this);
    }

    public boolean canMoveTo(CaseStatus target) {
        return TRANSITIONS.get(this).contains(target);
    }

    /** The message key naming this status, e.g. {@code status.WAITING_ON_CUSTOMER}. */
    public String messageKey() {
        return "status." + name();
    }
}
