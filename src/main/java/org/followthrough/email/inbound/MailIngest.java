package org.followthrough.email.inbound;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Priority;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.Customers;
import org.followthrough.email.MailEvents.MailBounced;
import org.followthrough.email.MailProperties;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.outbound.Acknowledgements;
import org.followthrough.email.outbound.Outbox;
import org.followthrough.email.parse.AutoKind;
import org.followthrough.email.parse.MailAddress;
import org.followthrough.email.parse.MailParser;
import org.followthrough.email.parse.ParsedMail;
import org.followthrough.email.parse.UnparseableMailException;
import org.followthrough.platform.Actor;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
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
    /** The token replies carry in their subject: {@code [#1042]}. */
    static final Pattern CASE_TOKEN = Pattern.compile("\\[#(\\d{1,18})]");

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
    private final CaseDesk desk;
    private final CaseQueries cases;
    private final Customers customers;
    private final Acknowledgements acknowledgements;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final MailProperties properties;
    private final Clock clock;

    MailIngest(
            MailParser parser,
            MailStore store,
            Quarantine quarantine,
            MailboxDesk mailboxes,
            CaseDesk desk,
            CaseQueries cases,
            Customers customers,
            Acknowledgements acknowledgements,
            Outbox outbox,
            ApplicationEventPublisher events,
            AuditLog audit,
            PlatformTransactionManager transactions,
            MailProperties properties,
            Clock clock) {
        this.parser = parser;
        this.store = store;
        this.quarantine = quarantine;
        this.mailboxes = mailboxes;
        this.desk = desk;
        this.cases = cases;
        this.customers = customers;
        this.acknowledgements = acknowledgements;
        this.outbox = outbox;
        this.events = events;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.properties = properties;
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
                .orElseThrow(
                        () -> new org.followthrough.platform.NotFoundException("Quarantined message", quarantined));
        if (!item.open()) {
            throw new org.followthrough.platform.ConflictException(
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
            case BOUNCE -> bounce(mail, by, now);
            case AUTO_REPLY, BULK -> automatic(mail, by);
            case NONE, LIST -> fromPerson(mailbox, mail, ours, by, now, true);
        };
        if (placed.outcome() != Outcome.BOUNCE) {
            store.clearBouncing(sender.address());
        }
        store.recordInbound(id, mail, placed.outcome().name(), placed.caseId(), placed.entryId(), raw);
        if (placed.caseId() != null) {
            noteRefusedAttachments(placed.caseId(), mail, by);
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
                    .orElseThrow(() -> new org.followthrough.platform.NotFoundException("Received message", messageId));
            if (locked.caseId() != null) {
                return new Filed(null, locked.caseId(), true);
            }
            ParsedMail mail;
            try {
                mail = parser.parse(locked.raw());
            } catch (UnparseableMailException e) {
                throw new org.followthrough.platform.ConflictException(
                        "This message cannot be read: " + e.getMessage());
            }
            if (mail.from() == null || !plausibleAddress(mail.from().address())) {
                throw new org.followthrough.platform.ConflictException(
                        "This message has no sender address to answer, so it cannot be a case");
            }
            var ours = ourAddresses();
            if (ours.contains(mail.from().address().toLowerCase(Locale.ROOT))) {
                throw new org.followthrough.platform.ConflictException(
                        "This message was sent from one of our own mailboxes; it cannot be a customer's case");
            }
            var mailbox = locked.mailboxId() == null
                    ? null
                    : mailboxes.find(locked.mailboxId()).orElse(null);
            var by = mailbox == null
                    ? Actor.SYSTEM
                    : new Actor(Actor.Type.SYSTEM, mailbox.id().value(), mailbox.address());
            var now = clock.instant();
            var placed = fromPerson(mailbox, mail, ours, by, now, false);
            store.filed(messageId, placed.outcome().name(), placed.caseId(), placed.entryId(), admin.id(), now);
            noteRefusedAttachments(placed.caseId(), mail, by);
            var data = new LinkedHashMap<String, Object>();
            data.put("case_id", placed.caseId().value().toString());
            data.put("outcome", placed.outcome().name());
            audit.record(admin, "mail_message", messageId, "filed_as_case", null, data);
            return new Filed(placed.outcome(), placed.caseId(), false);
        });
    }

    private record Placed(Outcome outcome, CaseId caseId, UUID entryId) {}

    // --- people -------------------------------------------------------------------------------

    private Placed fromPerson(
            Mailbox mailbox, ParsedMail mail, Set<String> ours, Actor by, Instant now, boolean mayAcknowledge) {
        var sender = mail.from();
        var thread = thread(mail, sender);
        if (thread.isEmpty()) {
            return newCase(mailbox, mail, ours, by, Outcome.NEW_CASE, null, mayAcknowledge);
        }
        var threaded = thread.get();
        var existing = cases.get(threaded.caseId());
        var endedAt = existing.closedAt() != null ? existing.closedAt() : existing.resolvedAt();
        if (!existing.status().isActive()
                && endedAt != null
                && endedAt.plus(properties.reopenWithin()).isBefore(now)) {
            return newCase(mailbox, mail, ours, by, Outcome.FOLLOW_UP, existing, mayAcknowledge);
        }
        var customer = customers.findOrCreate(sender.name(), sender.address(), by);
        Actor author = null;
        if (!customer.id().equals(existing.customerId())) {
            author = Actor.customer(customer.id().value(), customer.name());
            if (threaded.trusted()) {
                // Someone the customer copied in, answering the thread: they hear the replies too.
                store.addParticipant(existing.id(), sender, now);
            }
        }
        var entry = desk.recordInbound(existing.id(), author, entryText(mail), Channel.EMAIL, true, by);
        if (threaded.trusted()) {
            addParticipants(
                    existing.id(),
                    mail,
                    ours,
                    existing.customerId().equals(customer.id())
                            ? customer
                            : customers.find(existing.customerId()).orElse(null),
                    now);
        }
        if (mailbox != null) {
            store.useMailbox(existing.id(), mailbox.id());
        }
        return new Placed(Outcome.ADDED, existing.id(), entry.id());
    }

    private Placed newCase(
            Mailbox mailbox,
            ParsedMail mail,
            Set<String> ours,
            Actor by,
            Outcome outcome,
            CaseView followed,
            boolean mayAcknowledge) {
        var sender = mail.from();
        var subject = mail.subject().isBlank() ? "(no subject)" : mail.subject().strip();
        var command = new OpenCase(
                null,
                subject.length() > 500 ? subject.substring(0, 500) : subject,
                entryText(mail),
                Channel.EMAIL,
                followed == null ? Priority.NORMAL : followed.priority(),
                followed != null && followed.teamId() != null
                        ? followed.teamId()
                        : mailbox == null ? null : mailbox.teamId(),
                null,
                Set.of());
        var opened = desk.openFromMessage(sender.name(), sender.address(), command, by);
        var caseId = opened.supportCase().id();
        if (mailbox != null) {
            store.useMailbox(caseId, mailbox.id());
        }
        addParticipants(caseId, mail, ours, opened.customer(), clock.instant());
        if (followed != null) {
            desk.recordEvent(caseId, "follow_up_of", Map.of("number", followed.number()), by);
            desk.recordEvent(
                    followed.id(),
                    "followed_up_by",
                    Map.of("number", opened.supportCase().number()),
                    by);
        }
        if (mayAcknowledge && mailbox != null && mailbox.acknowledge() && mail.auto() == AutoKind.NONE) {
            acknowledgements.acknowledge(mailbox, opened.supportCase(), opened.customer(), sender, mail.key());
        }
        var entry = opened.message();
        return new Placed(outcome, caseId, entry == null ? null : entry.id());
    }

    /** Everyone on To and Cc who is neither us nor the customer joins the thread. */
    private void addParticipants(
            CaseId caseId,
            ParsedMail mail,
            Set<String> ours,
            org.followthrough.customer.Customer customer,
            Instant now) {
        var others = Stream.concat(mail.to().stream(), mail.cc().stream())
                .filter(a -> plausibleAddress(a.address()))
                .filter(a -> !ours.contains(a.address().toLowerCase(Locale.ROOT)))
                .filter(a -> !a.address().equalsIgnoreCase(mail.from().address()))
                .limit(20)
                .toList();
        if (others.isEmpty()) {
            return;
        }
        var customerAddresses = (customer == null ? List.<String>of() : customer.emails())
                .stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        others.stream()
                .filter(a -> !customerAddresses.contains(a.address().toLowerCase(Locale.ROOT)))
                .forEach(a -> store.addParticipant(caseId, a, now));
    }

    // --- machines -----------------------------------------------------------------------------

    /** An out-of-office or list mail: on its case if it answers one, never waking it, never a new case. */
    private Placed automatic(ParsedMail mail, Actor by) {
        var thread = thread(mail, mail.from());
        if (thread.isEmpty()) {
            return new Placed(Outcome.IGNORED, null, null);
        }
        var caseId = thread.get().caseId();
        var sender = mail.from();
        var existing = cases.get(caseId);
        // The case's customer, someone we know, or a machine we don't: never a new customer record.
        var customer = customers.findByEmail(sender.address());
        Actor author = null;
        if (customer.isEmpty() || !customer.get().id().equals(existing.customerId())) {
            author = new Actor(
                    Actor.Type.CUSTOMER,
                    customer.map(c -> c.id().value()).orElse(null),
                    sender.name().isBlank() ? sender.address() : sender.name());
        }
        TimelineEntry entry = desk.recordInbound(caseId, author, entryText(mail), Channel.EMAIL, false, by);
        return new Placed(Outcome.AUTO_REPLY, caseId, entry.id());
    }

    /** Mail we sent did not arrive: the address is marked bouncing and the case's owner hears of it. */
    private Placed bounce(ParsedMail mail, Actor by, Instant now) {
        var bounce = mail.bounce();
        Optional<CaseId> caseId = bounce.originalMessageId() == null
                ? Optional.empty()
                : store.caseOfMessages(List.of(bounce.originalMessageId()));
        if (caseId.isEmpty()) {
            caseId = store.caseOfMessages(headerReferences(mail));
        }
        var reason = bounce.reason() == null || bounce.reason().isBlank()
                ? "The receiving server did not accept the message"
                : bounce.reason();
        for (var address : bounce.failedRecipients()) {
            store.markBouncing(address, reason, caseId.orElse(null), now);
        }
        if (bounce.originalMessageId() != null) {
            outbox.bounced(bounce.originalMessageId(), reason);
        }
        UUID entryId = null;
        if (caseId.isPresent()) {
            var data = new LinkedHashMap<String, Object>();
            data.put("addresses", String.join(", ", bounce.failedRecipients()));
            data.put("reason", reason);
            entryId = desk.recordEvent(caseId.get(), "mail_bounced", data, by).id();
        }
        events.publishEvent(new MailBounced(caseId.orElse(null), bounce.failedRecipients(), reason, now));
        return new Placed(Outcome.BOUNCE, caseId.orElse(null), entryId);
    }

    // --- threading ----------------------------------------------------------------------------

    /**
     * The case a message answers. {@code trusted}: found by the Message-IDs it answers, or by the
     * case token from the customer or someone on the thread. A stranger who only knows a case number
     * may add to the case, but does not join its thread (and so does not receive its replies).
     */
    private record Threaded(CaseId caseId, boolean trusted) {}

    private Optional<Threaded> thread(ParsedMail mail, MailAddress sender) {
        var byHeaders = store.caseOfMessages(headerReferences(mail));
        if (byHeaders.isPresent()) {
            return byHeaders.map(id -> new Threaded(id, true));
        }
        var token = CASE_TOKEN.matcher(mail.subject());
        while (token.find()) {
            var found = cases.findByNumber(Long.parseLong(token.group(1)));
            if (found.isPresent()) {
                var c = found.get();
                boolean known = customers
                                .findByEmail(sender.address())
                                .filter(customer -> customer.id().equals(c.customerId()))
                                .isPresent()
                        || store.isParticipant(c.id(), sender.address());
                return Optional.of(new Threaded(c.id(), known));
            }
        }
        return Optional.empty();
    }

    /** In-Reply-To first, then References newest first: the message it answers most directly. */
    static List<String> headerReferences(ParsedMail mail) {
        var keys = new ArrayList<String>();
        if (mail.inReplyTo() != null) {
            keys.add(mail.inReplyTo());
        }
        keys.addAll(mail.references().reversed());
        return keys;
    }

    // --- small things -------------------------------------------------------------------------

    private Set<String> ourAddresses() {
        return mailboxes.list().stream()
                .map(m -> m.address().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** The new part of the message for the timeline; the whole of it stays one click away. */
    private static String entryText(ParsedMail mail) {
        var text = mail.newText() == null || mail.newText().isBlank() ? mail.text() : mail.newText();
        if (text == null || text.isBlank()) {
            text = mail.attachments().isEmpty() ? "(no text)" : "(no text, see the attachments)";
        }
        text = text.strip();
        return text.length() > CaseDesk.MAX_BODY ? text.substring(0, CaseDesk.MAX_BODY - 1) + "…" : text;
    }

    private void noteRefusedAttachments(CaseId caseId, ParsedMail mail, Actor by) {
        for (var attachment : mail.attachments()) {
            if (attachment.refusedReason() != null) {
                var data = new LinkedHashMap<String, Object>();
                data.put("filename", attachment.filename());
                data.put("size", attachment.size());
                data.put("reason", attachment.refusedReason());
                desk.recordEvent(caseId, "mail_attachment_refused", data, by);
            }
        }
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
