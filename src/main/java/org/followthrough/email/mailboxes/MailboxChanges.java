package org.followthrough.email.mailboxes;

import org.followthrough.identity.TeamId;

/**
 * Changes to a mailbox: every null leaves its field as it is, and so does a blank password. {@code
 * removeTeam} takes the mailbox out of its team; {@code Server.clearPassword} removes a stored SMTP
 * password (a server that sends without signing in needs none).
 */
public record MailboxChanges(
        String address,
        String displayName,
        TeamId teamId,
        boolean removeTeam,
        Server imap,
        String imapFolder,
        Server smtp,
        Integer pollIntervalSeconds,
        Boolean acknowledge,
        Boolean active) {

    /** Changes to one side's connection; the password in clear, which {@link #toString} leaves out. */
    public record Server(
            String host, Integer port, MailSecurity security, String user, String password, boolean clearPassword) {

        public static final Server UNCHANGED = new Server(null, null, null, null, null, false);

        @Override
        public String toString() {
            return "Server[host=" + host + ", port=" + port + ", security=" + security + ", user=" + user
                    + ", password=" + (password == null || password.isBlank() ? "(unchanged)" : "(new, hidden)")
                    + (clearPassword ? ", clearPassword" : "") + "]";
        }
    }
}
