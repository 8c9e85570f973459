package org.followthrough.email.mailboxes;

/** What trying a mailbox's servers showed, side by side, in words an admin can act on. */
public record ConnectionReport(boolean imapOk, String imapMessage, boolean smtpOk, String smtpMessage) {

    public boolean ok() {
        return imapOk && smtpOk;
    }
}
