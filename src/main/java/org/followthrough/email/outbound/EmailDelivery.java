package org.followthrough.email.outbound;

import java.util.Optional;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.Channel;
import org.followthrough.cases.NotDelivered;
import org.followthrough.cases.ReplyDelivery;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.email.inbound.MailStore;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.TeamId;
import org.springframework.stereotype.Component;

/**
 * Whether a reply by email reaches the customer of a case: there is a mailbox switched on to send
 * it from, and the customer has an address that does not bounce. The one place that picks the
 * mailbox a case's replies go out through, for {@link RepliesByEmail} and for the composer.
 */
@Component
class EmailDelivery implements ReplyDelivery {

    private final MailboxDesk mailboxes;
    private final MailStore store;
    private final CustomerQueries customers;

    EmailDelivery(MailboxDesk mailboxes, MailStore store, CustomerQueries customers) {
        this.mailboxes = mailboxes;
        this.store = store;
        this.customers = customers;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Optional<NotDelivered> blockedFor(Recipient recipient) {
        var mailbox = mailboxFor(recipient.caseId(), recipient.teamId());
        if (mailbox.isEmpty()) {
            return Optional.of(noMailbox());
        }
        var to = customers.get(recipient.customerId()).primaryEmail();
        if (to == null) {
            return Optional.of(NotDelivered.NO_ADDRESS);
        }
        if (store.bouncing(to).isPresent()) {
            return Optional.of(NotDelivered.ADDRESS_BOUNCING);
        }
        return Optional.empty();
    }

    /** The mailbox the thread runs through, else the team's, else the first one there is; switched on. */
    Optional<Mailbox> mailboxFor(CaseId caseId, TeamId teamId) {
        var active = mailboxes.active();
        var threadMailbox = store.mailboxOf(caseId);
        if (threadMailbox.isPresent()) {
            var found = active.stream()
                    .filter(m -> m.id().equals(threadMailbox.get()))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return active.stream()
                .filter(m -> teamId != null && teamId.equals(m.teamId()))
                .findFirst()
                .or(() -> active.stream().findFirst());
    }

    /** Why there is no mailbox to send from: every one there is switched off, or there is none. */
    NotDelivered noMailbox() {
        return mailboxes.list().isEmpty() ? NotDelivered.NO_MAILBOX : NotDelivered.MAILBOX_SWITCHED_OFF;
    }
}
