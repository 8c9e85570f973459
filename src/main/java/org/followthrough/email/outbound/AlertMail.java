package org.followthrough.email.outbound;

import java.util.List;
import java.util.UUID;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mail to agents about their work, for whoever alerts them (the notifications module): sent from the
 * active mailbox of the team concerned, else the first active one, marked as machine-written, and
 * never threaded onto a case, so an agent answering one does not land on the customer's thread.
 */
@Service
@NamedInterface("outbound")
public class AlertMail {

    /** One alert: to whom, and what it says. */
    public record Alert(AgentId agent, String address, String fromName, String subject, String text) {}

    private final Outbox outbox;
    private final MailboxDesk mailboxes;

    AlertMail(Outbox outbox, MailboxDesk mailboxes) {
        this.outbox = outbox;
        this.mailboxes = mailboxes;
    }

    /** Whether there is a mailbox to send alerts from at all. */
    public boolean canSend() {
        return !mailboxes.active().isEmpty();
    }

    /**
     * Queues the alert in the caller's transaction, so it is mailed exactly when what it reports is
     * recorded. False when no active mailbox can send it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean send(TeamId team, Alert alert) {
        var mailbox = mailboxFor(team);
        if (mailbox == null) {
            return false;
        }
        outbox.queue(new Outbox.Mail(
                Outbox.Kind.ALERT,
                mailbox,
                null,
                null,
                alert.agent(),
                alert.fromName(),
                List.of(alert.address()),
                List.of(),
                alert.subject(),
                null,
                List.of(),
                alert.text(),
                true));
        return true;
    }

    /** Whether this message of the outbox was an alert. */
    public boolean isAlert(UUID outboxId) {
        return outbox.find(outboxId).map(Outbox.Line::kind).orElse(null) == Outbox.Kind.ALERT;
    }

    private Mailbox mailboxFor(TeamId team) {
        var active = mailboxes.active();
        return active.stream()
                .filter(m -> team != null && team.equals(m.teamId()))
                .findFirst()
                .or(() -> active.stream().findFirst())
                .orElse(null);
    }
}
