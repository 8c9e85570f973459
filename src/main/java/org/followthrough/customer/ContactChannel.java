package org.followthrough.customer;

/** How a customer prefers to be reached. */
public enum ContactChannel {
    EMAIL,
    PHONE,
    PORTAL,
    CHAT,
    IN_PERSON
}
