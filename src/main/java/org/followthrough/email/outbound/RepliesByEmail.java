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
    private final EmailDelivery delivery;
    private final MailStore store;
    private final Outbox outbox;
    private final List<ReplyAddition> additions;
    private final MessageSource messages;

    RepliesByEmail(
            CaseQueries cases,
            CustomerQueries customers,
            EmailDelivery delivery,
            MailStore store,
            Outbox outbox,
            List<ReplyAddition> additions,
            MessageSource messages) {
        this.cases = cases;
        this.customers = customers;
        this.delivery = delivery;
        this.store = store;
        this.outbox = outbox;
        this.additions = additions;
        this.messages = messages;
    }

    @Override
    public void entryAdded(TimelineEntry entry, Composer composer, Actor by) {
        if (entry.kind() != EntryKind.REPLY || entry.channel() != Channel.EMAIL || entry.undelivered()) {
            // A reply recorded without being sent says so on its own entry; there is no mail to send.
            return;
        }
        var supportCase = cases.get(entry.caseId());
        var customer = customers.get(supportCase.people().customerId());
        var locale = Locale.forLanguageTag(customer.language());
        var mailbox = delivery.mailboxFor(supportCase.id(), supportCase.people().teamId())
                .orElse(null);
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
            outbox.notSent(mail, messages.getMessage(delivery.noMailbox().messageKey(), null, Locale.ENGLISH));
        } else if (to == null) {
            outbox.notSent(mail, messages.getMessage("mail.notSent.noAddress", null, Locale.ENGLISH));
        } else {
            outbox.queue(mail);
        }
    }

    private String subject(CaseView supportCase, Locale locale) {
        var token = "[#" + supportCase.number() + "]";
        var subject = supportCase.subject();
        var reply = messages.getMessage("mail.reply.prefix", null, "Re:", locale) + " " + subject;
        return subject.contains(token) ? reply : reply + " " + token;
    }
}
