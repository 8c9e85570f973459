package org.followthrough.cases;

/** The agent's ways of looking at the work. */
public enum InboxView {
    /** Open cases I own. */
    MINE,
    /** Cases of my teams that nobody owns yet. */
    UNASSIGNED,
    /** Every case still being worked. */
    OPEN,
    /** Cases waiting on the customer or a third party. */
    WAITING;

    public String messageKey() {
        return "inbox." + name();
    }
}
