package org.followthrough.cases;

/** Which cases an inbox view keeps by the promises they owe; none keeps all. */
public enum InboxPromiseFilter {
    /** A promise past its due and not made good. */
    BROKEN,
    /** A promise inside its reminder window. */
    AT_RISK,
    /** Any unsettled promise. */
    ANY,
    /** No unsettled promise. */
    NONE;

    public String messageKey() {
        return "inbox.promise." + name();
    }
}
