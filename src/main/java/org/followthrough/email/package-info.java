/**
 * The email channel: mailboxes read over IMAP and sent from over SMTP, messages threaded onto
 * cases, replies sent through an outbox, and nothing that arrives ever lost. In parts:
 * {@code inbound} (poll, file, quarantine, the archive of what came in), {@code outbound} (the
 * outbox, SMTP, replies and acknowledgements, alert mail), {@code mailboxes} (the admin's mailboxes,
 * their passwords, connection checks), {@code parse} (MIME), {@code web}. Other modules use this
 * package and the types each part names as its interface ({@code @NamedInterface}).
 */
@Tables(
        owns = {
            "mail_attachment",
            "mail_message",
            "mail_outbox",
            "mail_quarantine",
            "mail_raw",
            "mailbox",
            "case_mailbox",
            "case_mail_participant",
            "bouncing_address"
        })
package org.followthrough.email;

import org.followthrough.platform.Tables;
