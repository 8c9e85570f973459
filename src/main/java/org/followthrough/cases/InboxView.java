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
    WAITING,
    /** Cases of my teams that owe their customer a broken promise: where supervisors start. */
    BROKEN;

    public String messageKey() {
        return "inbox." + name();
    }
}
