package org.followthrough.email.mailboxes;

import java.time.Duration;
import java.time.Instant;
import org.followthrough.identity.TeamId;
import org.springframework.modulith.NamedInterface;

/**
 * A mailbox the desk reads and sends from. Passwords are not part of it: they are stored encrypted
 * and only the mail connections read them.
 */
@NamedInterface("mailboxes")
public record Mailbox(
        MailboxId id,
        String address,
        String displayName,
        TeamId teamId,
        Server imap,
        String imapFolder,
        Server smtp,
        Duration pollInterval,
        boolean acknowledge,
        boolean active,
        Instant lastPolledAt,
        String lastError,
        Instant lastErrorAt,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    /** Where one side of the mailbox connects; {@code passwordSet} says whether a password is stored. */
    public record Server(String host, int port, MailSecurity security, String user, boolean passwordSet) {}
}
