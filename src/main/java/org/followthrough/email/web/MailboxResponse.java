package org.followthrough.email.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.platform.ApiNames;

/** A mailbox as the API shows it: its settings without the passwords, and how its polling goes. */
record MailboxResponse(
        UUID id,
        String address,
        String displayName,
        UUID teamId,
        Imap imap,
        Smtp smtp,
        long pollIntervalSeconds,
        boolean acknowledge,
        boolean active,
        Instant lastPolledAt,
        String lastError,
        Instant lastErrorAt,
        Instant createdAt,
        Instant updatedAt) {

    record Imap(
            String host,
            int port,

            @Schema(allowableValues = {"none", "starttls", "tls"})
            String security,

            String user,
            String folder,

            @Schema(description = "Whether a password is stored; the password itself is never shown")
            boolean passwordSet) {}

    record Smtp(
            String host,
            int port,

            @Schema(allowableValues = {"none", "starttls", "tls"})
            String security,

            @Schema(description = "Empty when the server takes mail without signing in")
            String user,

            @Schema(description = "Whether a password is stored; the password itself is never shown")
            boolean passwordSet) {}

    static MailboxResponse of(Mailbox m) {
        return new MailboxResponse(
                m.id().value(),
                m.address(),
                m.displayName(),
                m.teamId() == null ? null : m.teamId().value(),
                new Imap(
                        m.imap().host(),
                        m.imap().port(),
                        ApiNames.of(m.imap().security()),
                        m.imap().user(),
                        m.imapFolder(),
                        m.imap().passwordSet()),
                new Smtp(
                        m.smtp().host(),
                        m.smtp().port(),
                        ApiNames.of(m.smtp().security()),
                        m.smtp().user(),
                        m.smtp().passwordSet()),
                m.pollInterval().toSeconds(),
                m.acknowledge(),
                m.active(),
                m.lastPolledAt(),
                m.lastError(),
                m.lastErrorAt(),
                m.createdAt(),
                m.updatedAt());
    }
}
