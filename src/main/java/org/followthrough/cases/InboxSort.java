package org.followthrough.cases;

/** The orders of the inbox, one per column; each keeps to one direction so its pages seek by keyset. */
public enum InboxSort {
    /** Most recent contact first. */
    ACTIVITY,
    /** Most urgent first, then most recent contact. */
    PRIORITY,
    /** The next promise due first (broken ones lead), then the cases that owe nothing, by activity. */
    PROMISE,
    /** Newest case first. */
    NUMBER,
    /** By subject, A to Z. */
    SUBJECT,
    /** By the customer's name, A to Z. */
    CUSTOMER,
    /** New, open, then waiting. */
    STATUS,
    /** Unowned first, then by the owner's name. */
    OWNER,
    /** The customer who has waited longest first, then the cases waiting for nobody, by activity. */
    WAITING;

    public String messageKey() {
        return "inbox.sort." + name();
    }
}
