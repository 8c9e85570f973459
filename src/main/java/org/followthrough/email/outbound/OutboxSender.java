package org.followthrough.email.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseId;
import org.followthrough.email.MailEvents.MailNotSent;
import org.followthrough.email.MailProperties;
import org.followthrough.email.MailWork;
import org.followthrough.email.mailboxes.MailServers;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.followthrough.timer.TimerHandler;
import org.followthrough.timer.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends what the outbox holds. The {@code mail.send} timer claims a message in a short transaction
 * (and moves itself to when the claim runs out, should this node die mid-send); the SMTP
 * conversation happens after that commits, holding no database connection; the outcome is written
 * in a second short transaction. A refused or unreachable server is tried again with backoff, a
 * permanent refusal (5xx) is not, and either way the reply's timeline entry shows the server's answer.
 *
 * <p>A message is sent at most once, except in one window no mail system closes: the server has
 * accepted it and this node dies before recording so. It is then sent again with the same
 * Message-ID, which mail clients show once.
 */
@Component
class OutboxSender implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final List<Duration> BACKOFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4));

    private final JdbcClient db;
    private final MailboxDesk mailboxes;
    private final MailServers servers;
    private final Timers timers;
    private final MailWork work;
    private final CaseDesk desk;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final MailProperties properties;
    private final Clock clock;

    OutboxSender(
            JdbcClient db,
            MailboxDesk mailboxes,
            MailServers servers,
            Timers timers,
            MailWork work,
            CaseDesk desk,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            MailProperties properties,
            Clock clock) {
        this.db = db;
        this.mailboxes = mailboxes;
        this.servers = servers;
        this.timers = timers;
        this.work = work;
        this.desk = desk;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Outbox.SEND_TIMER;
    }

    private record Queued(
            UUID id,
            UUID mailboxId,
            UUID caseId,
            String messageId,
            String fromName,
            List<String> to,
            List<String> cc,
            String subject,
            String inReplyTo,
            List<String> references,
            String text,
            boolean autoSubmitted,
            Outbox.Kind kind,
            Outbox.State state,
            int attempts,
            Instant claimedUntil) {}

    @Override
    public void fire(UUID id, Instant dueAt) {
        var now = clock.instant();
        var claim = now.plus(CLAIM);
        // Claims it in one statement when it is waiting to be sent and no one else holds it.
        boolean claimed = db.sql("""
                        update mail_outbox set state = 'SENDING', claimed_until = ?
                        where id = ? and state in ('QUEUED', 'FAILED', 'SENDING')
                            and (claimed_until is null or claimed_until <= ?)""").params(Sql.ts(claim), id, Sql.ts(now)).update() == 1;
        if (!claimed) {
            // Sent, given up, or being sent by another node until its claim runs out: look again then.
            db.sql("select claimed_until from mail_outbox where id = ? and state = 'SENDING'")
                    .param(id)
                    .query((rs, n) -> Sql.instant(rs, "claimed_until"))
                    .optional()
                    .ifPresent(until -> timers.set(kind(), id, until));
            return;
        }
        // Should this node die before recording the outcome, the timer fires again when the claim ends.
        timers.set(kind(), id, claim);
        claimedInThisTransaction().add(id);
    }

    /**
     * The messages this transaction claimed; once it commits they are sent together, one SMTP
     * connection per mailbox, instead of one connection (and one task) per message.
     */
    @SuppressWarnings("unchecked")
    private List<UUID> claimedInThisTransaction() {
        var claimed = (List<UUID>) TransactionSynchronizationManager.getResource(this);
        if (claimed == null) {
            var ids = new ArrayList<UUID>();
            TransactionSynchronizationManager.bindResource(this, ids);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run("Sending " + ids.size() + " mail(s)", () -> send(ids));
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OutboxSender.this);
                }
            });
            claimed = ids;
        }
        return claimed;
    }

    /** At most this many messages go over one SMTP connection before it is opened anew. */
    private static final int PER_CONNECTION = 100;

    /** The SMTP conversations, outside any transaction, then their outcomes. */
    void send(List<UUID> ids) {
        var byMailbox = new LinkedHashMap<UUID, List<Queued>>();
        for (var mail : load(ids)) {
            if (mail.state() == Outbox.State.SENDING) {
                byMailbox
                        .computeIfAbsent(mail.mailboxId(), k -> new ArrayList<>())
                        .add(mail);
            }
        }
        byMailbox.forEach((mailboxId, mails) -> {
            var mailbox = mailboxId == null
                    ? null
                    : mailboxes.find(new MailboxId(mailboxId)).orElse(null);
            if (mailbox == null) {
                mails.forEach(mail -> failed(mail, "The mailbox this was to be sent from has been deleted", true));
                return;
            }
            for (int from = 0; from < mails.size(); from += PER_CONNECTION) {
                sendOverOneConnection(mailbox, mails.subList(from, Math.min(mails.size(), from + PER_CONNECTION)));
            }
        });
    }

    private void sendOverOneConnection(Mailbox mailbox, List<Queued> mails) {
        var sent = new ArrayList<UUID>(mails.size());
        int next = 0;
        try (var transport = servers.connectSmtp(mailbox)) {
            for (; next < mails.size(); next++) {
                var mail = mails.get(next);
                try {
                    transport.sendMessage(build(mail, mailbox), recipients(mail));
                    sent.add(mail.id());
                } catch (SendFailedException e) {
                    // This message's recipients were refused; the connection is still good for the rest.
                    log.warn("Sending mail {} through {} failed: {}", mail.id(), mailbox.address(), e.toString());
                    failed(mail, MailServers.describe(e, mailbox, "SMTP"), permanent(e));
                }
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("Sending mail through {} failed: {}", mailbox.address(), e.toString());
            var reason = MailServers.describe(e, mailbox, "SMTP");
            var permanent = permanent(e);
            for (int i = next; i < mails.size(); i++) {
                failed(mails.get(i), reason, permanent);
            }
        } finally {
            sent(sent);
        }
    }

    private void sent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            db.sql("""
                    update mail_outbox set state = 'SENT', sent_at = ?, attempts = attempts + 1, claimed_until = null,
                        last_error = null, next_attempt_at = null
                    where id = any(?)""")
                    .params(Sql.ts(clock.instant()), ids.toArray(UUID[]::new))
                    .update();
            timers.clearAll(kind(), ids);
        });
    }

    private void failed(Queued mail, String reason, boolean permanent) {
        transaction.executeWithoutResult(status -> {
            var now = clock.instant();
            int attempts = mail.attempts() + 1;
            if (permanent || attempts >= properties.sendAttempts()) {
                db.sql("""
                        update mail_outbox set state = 'GAVE_UP', attempts = ?, claimed_until = null,
                            last_error = left(?, 2000), next_attempt_at = null
                        where id = ?""").params(attempts, reason, mail.id()).update();
                timers.clear(kind(), mail.id());
                var caseId = mail.caseId() == null ? null : new CaseId(mail.caseId());
                if (caseId != null && mail.kind() != Outbox.Kind.ALERT) {
                    desk.recordEvent(
                            caseId,
                            "mail_not_sent",
                            Map.of("to", String.join(", ", mail.to()), "reason", reason),
                            Actor.SYSTEM);
                }
                events.publishEvent(new MailNotSent(mail.id(), caseId, mail.to(), reason, now));
                return;
            }
            var next = now.plus(BACKOFF.get(Math.min(attempts - 1, BACKOFF.size() - 1)));
            db.sql("""
                    update mail_outbox set state = 'FAILED', attempts = ?, claimed_until = null,
                        last_error = left(?, 2000), next_attempt_at = ?
                    where id = ?""").params(attempts, reason, Sql.ts(next), mail.id()).update();
            timers.set(kind(), mail.id(), next);
        });
    }

    /** A 5xx answer means the server will never take it; anything else may pass later. */
    private static boolean permanent(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SendFailedException f && f.getNextException() instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof AddressException) {
                return true;
            }
        }
        return false;
    }

    private OutgoingMessage build(Queued mail, Mailbox mailbox) {
        var extra = new LinkedHashMap<String, String>();
        if (mail.autoSubmitted()) {
            extra.put("Auto-Submitted", mail.kind() == Outbox.Kind.ACKNOWLEDGEMENT ? "auto-replied" : "auto-generated");
            extra.put("X-Auto-Response-Suppress", "All");
            extra.put("Precedence", "auto_reply");
        }
        return OutgoingMessage.of(
                servers.smtpSession(mailbox),
                new OutgoingMessage.Draft(
                        mail.fromName(),
                        mailbox.address(),
                        mail.to(),
                        mail.cc(),
                        mail.subject(),
                        mail.messageId(),
                        mail.inReplyTo(),
                        mail.references(),
                        clock.instant(),
                        extra,
                        mail.text(),
                        asHtml(mail.text())));
    }

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n\\s*\n");

    /** The text as HTML: escaped, paragraphs kept, nothing added a client could run. */
    static String asHtml(String text) {
        var paragraphs = PARAGRAPH_BREAK.split(text.strip());
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif;font-size:14px\">");
        for (var paragraph : paragraphs) {
            html.append("<p>")
                    .append(HtmlUtils.htmlEscape(paragraph, "UTF-8").replace("\n", "<br>"))
                    .append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    private static InternetAddress[] recipients(Queued mail) throws MessagingException {
        var all = new ArrayList<String>(mail.to());
        all.addAll(mail.cc());
        var result = new InternetAddress[all.size()];
        for (int i = 0; i < all.size(); i++) {
            result[i] = new InternetAddress(all.get(i), true);
        }
        return result;
    }

    private List<Queued> load(List<UUID> ids) {
        return db.sql(QUEUED + " where id = any(?) order by created_at")
                .param(ids.toArray(UUID[]::new))
                .query(OutboxSender::queued)
                .list();
    }

    private static final String QUEUED = """
            select id, mailbox_id, case_id, message_id, from_name, to_addresses, cc_addresses, subject,
                in_reply_to, refs, body_text, auto_submitted, kind, state, attempts, claimed_until
            from mail_outbox""";

    private static Queued queued(ResultSet rs, int row) throws SQLException {
        return new Queued(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "mailbox_id"),
                Sql.uuid(rs, "case_id"),
                rs.getString("message_id"),
                rs.getString("from_name"),
                Sql.strings(rs, "to_addresses"),
                Sql.strings(rs, "cc_addresses"),
                rs.getString("subject"),
                rs.getString("in_reply_to"),
                Sql.strings(rs, "refs"),
                rs.getString("body_text"),
                rs.getBoolean("auto_submitted"),
                Outbox.Kind.valueOf(rs.getString("kind")),
                Outbox.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                Sql.instant(rs, "claimed_until"));
    }
}
