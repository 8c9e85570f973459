package org.followthrough.cases;

/** What a timeline entry records. */
public enum EntryKind {
    /** A message from the customer. */
    INBOUND(true),
    /** A reply to the customer. */
    REPLY(true),
    /** A phone call, either way. */
    CALL(false),
    /** An internal note for colleagues. */
    NOTE(false),
    /** Something the system recorded: a status change, an assignment. */
    EVENT(false);

    private final boolean customerVisibleByDefault;

    EntryKind(boolean customerVisibleByDefault) {
        this.customerVisibleByDefault = customerVisibleByDefault;
    }

    public boolean customerVisibleByDefault() {
        return customerVisibleByDefault;
    }
}
