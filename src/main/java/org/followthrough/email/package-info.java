/**
 * The email channel: mailboxes read over IMAP and sent from over SMTP, messages threaded onto
 * cases, replies sent through an outbox, and nothing that arrives ever lost.
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
            "bouncing_address",
            "agent_mail_alerts"
        })
package org.followthrough.email;

import org.followthrough.platform.Tables;
