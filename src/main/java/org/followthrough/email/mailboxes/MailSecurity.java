package org.followthrough.email.mailboxes;

import org.springframework.modulith.NamedInterface;

/** How a connection to a mail server is protected. */
@NamedInterface("mailboxes")
public enum MailSecurity {
    /** Plain text: only for servers on the same machine or a trusted network. */
    NONE,
    /** Starts plain and upgrades to TLS before signing in; refused if the server cannot. */
    STARTTLS,
    /** TLS from the first byte (IMAPS on 993, SMTPS on 465). */
    TLS
}
