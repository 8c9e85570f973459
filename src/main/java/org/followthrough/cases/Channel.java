package org.followthrough.cases;

/** Where a contact happened. {@code INTERNAL} is for what only the team sees. */
public enum Channel {
    EMAIL,
    PHONE,
    PORTAL,
    CHAT,
    API,
    IN_PERSON,
    INTERNAL;

    public String messageKey() {
        return "channel." + name();
    }
}
