package org.followthrough.cases;

/**
 * Why a reply recorded on a case did not reach the customer. Kept on the reply's timeline entry, so
 * it says so for good; the reasons are those the modules that deliver replies give
 * ({@link ReplyDelivery}).
 */
public enum NotDelivered {
    /** Nothing delivers replies on the channel chosen (the portal and chat do not exist yet). */
    NO_DELIVERY,
    /** The customer has no address on the channel. */
    NO_ADDRESS,
    /** Mail to the customer's address bounced, and no mail came from it since. */
    ADDRESS_BOUNCING,
    /** The mailbox the case would send from is switched off. */
    MAILBOX_SWITCHED_OFF,
    /** No mailbox is set up to send from. */
    NO_MAILBOX;

    public String messageKey() {
        return "reply.notDelivered." + name();
    }
}
