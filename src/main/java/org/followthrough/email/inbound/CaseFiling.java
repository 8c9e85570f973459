package org.followthrough.email.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Priority;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.email.MailEvents.MailBounced;
import org.followthrough.email.MailProperties;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.outbound.Acknowledgements;
import org.followthrough.email.outbound.Outbox;
import org.followthrough.email.parse.AutoKind;
import org.followthrough.email.parse.ParsedMail;
import org.followthrough.platform.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Puts a message that was read on the case it belongs to, inside {@link MailIngest}'s transaction:
 * a person's message on the case it answers or on a new case for its sender (acknowledged if the
 * mailbox says so), an automatic reply on its case without waking it, a bounce on the case of the
 * mail that did not arrive. It records the case side (timeline, participants, the case's
 * mailbox); {@link MailIngest} records the message itself.
 */
@Component
class CaseFiling {

    /** Where a message went: its outcome, its case and the timeline entry it became. */
    record Placed(Outcome outcome, CaseId caseId, UUID entryId) {}

    private final MailStore store;
    private final MailThreads threads;
    private final CaseDesk desk;
    private final CaseQueries cases;
    private final CustomerQueries customers;
    private final CustomerDesk customerDesk;
    private final Acknowledgements acknowledgements;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final MailProperties properties;
    private final Clock clock;

    CaseFiling(
            MailStore store,
            MailThreads threads,
            CaseDesk desk,
            CaseQueries cases,
            CustomerQueries customers,
            CustomerDesk customerDesk,
            Acknowledgements acknowledgements,
            Outbox outbox,
            ApplicationEventPublisher events,
            MailProperties properties,
            Clock clock) {
        this.store = store;
        this.threads = threads;
        this.desk = desk;
        this.cases = cases;
        this.customers = customers;
        this.customerDesk = customerDesk;
        this.acknowledgements = acknowledgements;
        this.outbox = outbox;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    // --- people -------------------------------------------------------------------------------

    Placed fromPerson(
            Mailbox mailbox, ParsedMail mail, Set<String> ours, Actor by, Instant now, boolean mayAcknowledge) {
        var sender = mail.from();
        var thread = threads.of(mail, sender);
        if (thread.isEmpty()) {
            return newCase(mailbox, mail, ours, by, Outcome.NEW_CASE, null, mayAcknowledge);
        }
        var threaded = thread.get();
        var existing = cases.get(threaded.caseId());
        var endedAt = existing.clock().closedAt() != null
                ? existing.clock().closedAt()
                : existing.clock().resolvedAt();
        if (!existing.status().isActive()
                && endedAt != null
                && endedAt.plus(properties.reopenWithin()).isBefore(now)) {
            return newCase(mailbox, mail, ours, by, Outcome.FOLLOW_UP, existing, mayAcknowledge);
        }
        var customer = customerDesk.findOrCreate(sender.name(), sender.address(), by);
        Actor author = null;
        if (!customer.id().equals(existing.people().customerId())) {
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
                    existing.people().customerId().equals(customer.id())
                            ? customer
                            : customers.find(existing.people().customerId()).orElse(null),
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
                followed != null && followed.people().teamId() != null
                        ? followed.people().teamId()
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
    private void addParticipants(CaseId caseId, ParsedMail mail, Set<String> ours, CustomerView customer, Instant now) {
        var others = Stream.concat(mail.to().stream(), mail.cc().stream())
                .filter(a -> MailIngest.plausibleAddress(a.address()))
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
    Placed automatic(ParsedMail mail, Actor by) {
        var thread = threads.of(mail, mail.from());
        if (thread.isEmpty()) {
            return new Placed(Outcome.IGNORED, null, null);
        }
        var caseId = thread.get().caseId();
        var sender = mail.from();
        var existing = cases.get(caseId);
        // The case's customer, someone we know, or a machine we don't: never a new customer record.
        var customer = customers.findByEmail(sender.address());
        Actor author = null;
        if (customer.isEmpty() || !customer.get().id().equals(existing.people().customerId())) {
            author = new Actor(
                    Actor.Type.CUSTOMER,
                    customer.map(c -> c.id().value()).orElse(null),
                    sender.name().isBlank() ? sender.address() : sender.name());
        }
        var entry = desk.recordInbound(caseId, author, entryText(mail), Channel.EMAIL, false, by);
        return new Placed(Outcome.AUTO_REPLY, caseId, entry.id());
    }

    /** Mail we sent did not arrive: the address is marked bouncing and the case's owner hears of it. */
    Placed bounce(ParsedMail mail, Actor by, Instant now) {
        var bounce = mail.bounce();
        Optional<CaseId> caseId = bounce.originalMessageId() == null
                ? Optional.empty()
                : store.caseOfMessages(List.of(bounce.originalMessageId()));
        if (caseId.isEmpty()) {
            caseId = store.caseOfMessages(MailThreads.headerReferences(mail));
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

    /** The new part of the message for the timeline; the whole of it stays one click away. */
    private static String entryText(ParsedMail mail) {
        var text = mail.newText() == null || mail.newText().isBlank() ? mail.text() : mail.newText();
        if (text == null || text.isBlank()) {
            text = mail.attachments().isEmpty() ? "(no text)" : "(no text, see the attachments)";
        }
        text = text.strip();
        return text.length() > CaseDesk.MAX_BODY ? text.substring(0, CaseDesk.MAX_BODY - 1) + "…" : text;
    }

    void noteRefusedAttachments(CaseId caseId, ParsedMail mail, Actor by) {
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
}
