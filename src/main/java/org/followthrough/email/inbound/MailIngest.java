package org.followthrough.email.inbound;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseId;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.parse.MailParser;
import org.followthrough.email.parse.ParsedMail;
import org.followthrough.email.parse.UnparseableMailException;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.followthrough.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts one received message where it belongs, in one transaction: on the case it answers, on a new
 * case for its sender, or, for what a machine sent, recorded without waking anyone. A message is
 * recognised by its Message-ID (or the hash of its bytes), so reading it twice adds it once. What
 * cannot be read or placed goes to the {@link Quarantine} with the reason; only a database that
 * cannot be reached makes this throw, and then the message stays on the server for the next poll.
 */
@NamedInterface("inbound")
@Service
public class MailIngest {

    private static final Logger log = LoggerFactory.getLogger(MailIngest.class);

    /** What became of a message. */
    public enum Outcome {
        NEW_CASE,
        ADDED,
        FOLLOW_UP,
        AUTO_REPLY,
        BOUNCE,
        IGNORED,
        DUPLICATE,
        QUARANTINED
    }

    private final MailParser parser;
    private final MailStore store;
    private final Quarantine quarantine;
    private final MailboxDesk mailboxes;
    private final CaseFiling filing;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;

    MailIngest(
            MailParser parser,
            MailStore store,
            Quarantine quarantine,
            MailboxDesk mailboxes,
            CaseFiling filing,
            AuditLog audit,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.parser = parser;
        this.store = store;
        this.quarantine = quarantine;
        this.mailboxes = mailboxes;
        this.filing = filing;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    /** Where a message went: the outcome and the case, if it is on one. */
    public record Result(Outcome outcome, CaseId caseId) {}

    /** Reads one raw message from this mailbox (null when it was deleted since) into the desk. */
    public Result ingest(Mailbox mailbox, byte[] raw) {
        return ingestAll(mailbox, List.of(raw)).getFirst();
    }

    /**
     * Reads several messages in one transaction, each in a savepoint of its own: one message that
     * cannot be placed is quarantined (with its savepoint rolled back) while the others go on, and
     * a poll commits once per group instead of once per message. If the transaction itself fails
     * (the database went away), nothing of the group is kept and it is all read again.
     */
    public List<Result> ingestAll(Mailbox mailbox, List<byte[]> raws) {
        return fileAll(mailbox, readAll(mailbox, raws));
    }

    /**
     * A message parsed and ready to file: {@code mail} when it could be read and has a sender,
     * else {@code unreadable} says why it will be quarantined.
     */
    record Read(byte[] raw, ParsedMail mail, Unreadable unreadable) {

        /** The message's key: its Message-ID, or the hash of its bytes. */
        String key() {
            return mail != null ? mail.key() : unreadable.key();
        }
    }

    /** Parses each message; no database work, so any thread may do it. */
    List<Read> readAll(Mailbox mailbox, List<byte[]> raws) {
        var reads = new ArrayList<Read>(raws.size());
        for (var raw : raws) {
            reads.add(parse(mailbox, raw));
        }
        return reads;
    }

    /** Files messages already read, in one transaction with a savepoint for each (see {@link #ingestAll}). */
    List<Result> fileAll(Mailbox mailbox, List<Read> reads) {
        return transaction.execute(status -> {
            var ours = ourAddresses();
            var results = new ArrayList<Result>(reads.size());
            for (var read : reads) {
                results.add(
                        read.mail() != null
                                ? file(mailbox, read.mail(), read.raw(), ours)
                                : quarantined(mailbox, read.unreadable(), read.raw()));
            }
            return results;
        });
    }

    /** Why a message could not be read, with what little is known of it. */
    record Unreadable(String key, String subject, String from, String reason) {}

    private Read parse(Mailbox mailbox, byte[] raw) {
        ParsedMail mail;
        try {
            mail = parser.parse(raw);
        } catch (UnparseableMailException e) {
            return unreadable(raw, new Unreadable(hashKey(raw), "", "", "Could not be read: " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Parsing a message from {} failed", mailbox == null ? "a deleted mailbox" : mailbox.address(), e);
            return unreadable(raw, new Unreadable(hashKey(raw), "", "", "Could not be read: " + e));
        }
        var from = mail.from() == null ? "" : mail.from().address();
        if (mail.from() == null || !plausibleAddress(from)) {
            return unreadable(
                    raw,
                    new Unreadable(mail.key(), mail.subject(), from, "The message has no sender address to answer"));
        }
        return new Read(raw, mail, null);
    }

    private static Read unreadable(byte[] raw, Unreadable why) {
        return new Read(raw, null, why);
    }

    private Result file(Mailbox mailbox, ParsedMail mail, byte[] raw, Set<String> ours) {
        try {
            return savepoint.execute(status -> place(mailbox, mail, raw, ours));
        } catch (TransientDataAccessException | CannotCreateTransactionException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Placing message {} failed; it is quarantined", mail.key(), e);
            return quarantined(
                    mailbox,
                    new Unreadable(
                            mail.key(),
                            mail.subject(),
                            mail.from().address(),
                            "Could not be placed on a case: " + reason(e)),
                    raw);
        }
    }

    /** Tries a quarantined message again, once whatever stopped it is mended. */
    public Result retry(UUID quarantined) {
        var item = quarantine
                .find(quarantined)
                .orElseThrow(() -> new NotFoundException("Quarantined message", quarantined));
        if (!item.open()) {
            throw new ConflictException(
                    "This message already went through" + (item.releasedTo() == null ? "" : " to its case"));
        }
        var raw = quarantine.raw(quarantined).orElseThrow();
        var mailbox = item.mailboxId() == null
                ? null
                : mailboxes.find(item.mailboxId()).orElse(null);
        var result = ingest(mailbox, raw);
        if (result.outcome() != Outcome.QUARANTINED) {
            quarantine.released(quarantined, result.caseId());
        }
        return result;
    }

    private Result quarantined(Mailbox mailbox, Unreadable why, byte[] raw) {
        quarantine.keep(mailbox == null ? null : mailbox.id(), why.key(), why.subject(), why.from(), why.reason(), raw);
        return new Result(Outcome.QUARANTINED, null);
    }

    private Result place(Mailbox mailbox, ParsedMail mail, byte[] raw, Set<String> ours) {
        var now = clock.instant();
        var id = Ids.newId();
        if (!store.claimInbound(id, mailbox == null ? null : mailbox.id(), mail.key(), now)) {
            return new Result(Outcome.DUPLICATE, null);
        }
        var by = mailbox == null
                ? Actor.SYSTEM
                : new Actor(Actor.Type.SYSTEM, mailbox.id().value(), mailbox.address());
        var sender = mail.from();
        if (ours.contains(sender.address().toLowerCase(Locale.ROOT))) {
            // Our own mail came back to us (a forwarding loop): never a case, never an answer.
            store.recordInbound(id, mail, Outcome.IGNORED.name(), null, null, raw);
            store.notFiled(id, "Sent from one of our own mailboxes (a forwarding loop)");
            return new Result(Outcome.IGNORED, null);
        }
        var placed = switch (mail.auto()) {
            case BOUNCE -> filing.bounce(mail, by, now);
            case AUTO_REPLY, BULK -> filing.automatic(mail, by);
            case NONE, LIST -> filing.fromPerson(mailbox, mail, ours, by, now, true);
        };
        if (placed.outcome() != Outcome.BOUNCE) {
            store.clearBouncing(sender.address());
        }
        store.recordInbound(id, mail, placed.outcome().name(), placed.caseId(), placed.entryId(), raw);
        if (placed.caseId() != null) {
            filing.noteRefusedAttachments(placed.caseId(), mail, by);
        } else {
            store.notFiled(id, notFiledReason(mail));
        }
        return new Result(placed.outcome(), placed.caseId());
    }

    /** Why a message went on no case, for the admins' list of mail not filed. */
    private static String notFiledReason(ParsedMail mail) {
        return switch (mail.auto()) {
            case BOUNCE -> "A delivery failure for mail on no case (" + mail.autoReason() + ")";
            case AUTO_REPLY -> "An automatic reply that answers no case (" + mail.autoReason() + ")";
            case BULK -> "Bulk mail or a notification (" + mail.autoReason() + ")";
            case NONE, LIST -> "Not for a case";
        };
    }

    /** What filing a message as a case came to: its case, and whether an earlier request had filed it already. */
    public record Filed(Outcome outcome, CaseId caseId, boolean already) {}

    /**
     * Files a received message that went on no case (bulk, a notification, an automatic reply) as if a
     * person had written it: on the case it answers, or a new case for its sender, never acknowledged.
     * Its row is locked first, so two requests file it once; the second gets the same case.
     */
    public Filed fileAsCase(UUID messageId, Actor admin) {
        return transaction.execute(status -> {
            var locked = store.lockInbound(messageId)
                    .orElseThrow(() -> new NotFoundException("Received message", messageId));
            if (locked.caseId() != null) {
                return new Filed(null, locked.caseId(), true);
            }
            ParsedMail mail;
            try {
                mail = parser.parse(locked.raw());
            } catch (UnparseableMailException e) {
                throw new ConflictException("This message cannot be read: " + e.getMessage());
            }
            if (mail.from() == null || !plausibleAddress(mail.from().address())) {
                throw new ConflictException("This message has no sender address to answer, so it cannot be a case");
            }
            var ours = ourAddresses();
            if (ours.contains(mail.from().address().toLowerCase(Locale.ROOT))) {
                throw new ConflictException(
                        "This message was sent from one of our own mailboxes; it cannot be a customer's case");
            }
            var mailbox = locked.mailboxId() == null
                    ? null
                    : mailboxes.find(locked.mailboxId()).orElse(null);
            var by = mailbox == null
                    ? Actor.SYSTEM
                    : new Actor(Actor.Type.SYSTEM, mailbox.id().value(), mailbox.address());
            var now = clock.instant();
            var placed = filing.fromPerson(mailbox, mail, ours, by, now, false);
            store.filed(messageId, placed.outcome().name(), placed.caseId(), placed.entryId(), admin.id(), now);
            filing.noteRefusedAttachments(placed.caseId(), mail, by);
            var data = new LinkedHashMap<String, Object>();
            data.put("case_id", placed.caseId().value().toString());
            data.put("outcome", placed.outcome().name());
            audit.record(admin, "mail_message", messageId, "filed_as_case", null, data);
            return new Filed(placed.outcome(), placed.caseId(), false);
        });
    }

    // --- small things -------------------------------------------------------------------------

    private Set<String> ourAddresses() {
        return mailboxes.list().stream()
                .map(m -> m.address().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    static boolean plausibleAddress(String address) {
        return EmailAddress.isValid(address);
    }

    static String hashKey(byte[] raw) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(Throwable e) {
        var message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
