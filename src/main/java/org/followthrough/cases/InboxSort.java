package org.followthrough.cases;

public enum InboxSort {
    /** Most recent contact first. */
    ACTIVITY,
    /** Most urgent first, then most recent contact. */
    PRIORITY
}
