package org.followthrough.email.outbound;

import java.util.List;
import java.util.Locale;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.EntryFollowUp;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.email.ReplyAddition;
import org.followthrough.email.inbound.MailStore;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Actor;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A reply by email goes out through the case's mailbox: queued in the reply's transaction, threaded
 * under the customer's last message, the case token in the subject, everyone on the thread copied,
 * and, when the agent asks, what other modules add under it ({@link ReplyAddition}: the promises
 * still open on the case). Runs after the other follow-ups, so a promise made in this very reply is
 * on the list.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RepliesByEmail implements EntryFollowUp {

    private final CaseQueries cases;
    private final CustomerQueries customers;
    private final MailboxDesk mailboxes;
    private final MailStore store;
    private final Outbox outbox;
    private final List<ReplyAddition> additions;
    private final MessageSource messages;

    RepliesByEmail(
            CaseQueries cases,
            CustomerQueries customers,
            MailboxDesk mailboxes,
            MailStore store,
            Outbox outbox,
            List<ReplyAddition> additions,
            MessageSource messages) {
        this.cases = cases;
        this.customers = customers;
        this.mailboxes = mailboxes;
        this.store = store;
        this.outbox = outbox;
        this.additions = additions;
        this.messages = messages;
    }

    @Override
    public void entryAdded(TimelineEntry entry, Composer composer, Actor by) {
        if (entry.kind() != EntryKind.REPLY || entry.channel() != Channel.EMAIL) {
            return;
        }
        var supportCase = cases.get(entry.caseId());
        var customer = customers.get(supportCase.people().customerId());
        var locale = Locale.forLanguageTag(customer.language());
        var mailbox = mailboxFor(supportCase);
        var thread = store.thread(supportCase.id());
        var to = customer.primaryEmail();
        var cc = store.participants(supportCase.id()).stream()
                .filter(address -> to == null || !address.equalsIgnoreCase(to))
                .toList();
        var text = entry.body();
        if (composer.mail().listPromises()) {
            for (var addition : additions) {
                text += addition.under(supportCase.id(), customer.timeZone(), locale);
            }
        }
        var mail = new Outbox.Mail(
                Outbox.Kind.REPLY,
                mailbox,
                supportCase.id(),
                entry.id(),
                new AgentId(by.id()),
                mailbox == null ? by.name() : by.name() + " (" + mailbox.displayName() + ")",
                to == null ? List.of() : List.of(to),
                cc,
                subject(supportCase, locale),
                thread.lastReceived(),
                thread.references(),
                text,
                false);
        if (mailbox == null) {
            outbox.notSent(mail, messages.getMessage("mail.notSent.noMailbox", null, Locale.ENGLISH));
        } else if (to == null) {
            outbox.notSent(mail, messages.getMessage("mail.notSent.noAddress", null, Locale.ENGLISH));
        } else {
            outbox.queue(mail);
        }
    }

    /** The mailbox the thread runs through, else the team's, else the first one there is. */
    private Mailbox mailboxFor(CaseView supportCase) {
        var active = mailboxes.active();
        var threadMailbox = store.mailboxOf(supportCase.id());
        if (threadMailbox.isPresent()) {
            var found = active.stream()
                    .filter(m -> m.id().equals(threadMailbox.get()))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        return active.stream()
                .filter(m -> supportCase.people().teamId() != null
                        && supportCase.people().teamId().equals(m.teamId()))
                .findFirst()
                .or(() -> active.stream().findFirst())
                .orElse(null);
    }

    private String subject(CaseView supportCase, Locale locale) {
        var token = "[#" + supportCase.number() + "]";
        var subject = supportCase.subject();
        var reply = messages.getMessage("mail.reply.prefix", null, "Re:", locale) + " " + subject;
        return subject.contains(token) ? reply : reply + " " + token;
    }
}
