package org.followthrough.email.mailboxes;

import org.followthrough.identity.TeamId;
import org.springframework.modulith.NamedInterface;

/**
 * A new mailbox as an admin describes it. A null port takes the usual port of the chosen security,
 * a null folder {@code INBOX}, a null poll interval 60 seconds.
 */
@NamedInterface("mailboxes")
public record MailboxDraft(
        String address,
        String displayName,
        TeamId teamId,
        Server imap,
        String imapFolder,
        Server smtp,
        Integer pollIntervalSeconds,
        boolean acknowledge,
        boolean active) {

    /** One side's connection; the password in clear, which is why {@link #toString} leaves it out. */
    public record Server(String host, Integer port, MailSecurity security, String user, String password) {

        @Override
        public String toString() {
            return "Server[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                    + ", password=" + (password == null || password.isEmpty() ? "(none)" : "(hidden)") + "]";
        }
    }
}
