package org.followthrough.email.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.customer.CustomerView;
import org.followthrough.email.MailProperties;
import org.followthrough.email.MailTime;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.parse.MailAddress;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a customer who wrote in that their message is a case, its number, and by when they will
 * hear back. Machine-written (RFC 3834 {@code Auto-Submitted: auto-replied}), never sent to
 * auto-replies, bounces or list mail (the caller checks), and at most a few an hour per address, so
 * two auto-responders can never keep each other busy.
 */
@Component
public class Acknowledgements {

    private final Outbox outbox;
    private final CalendarQueries calendars;
    private final MessageSource messages;
    private final MailProperties properties;
    private final Clock clock;

    Acknowledgements(
            Outbox outbox, CalendarQueries calendars, MessageSource messages, MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.calendars = calendars;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    public void acknowledge(
            Mailbox mailbox, CaseView supportCase, CustomerView customer, MailAddress to, String answering) {
        var now = clock.instant();
        var address = to.address().toLowerCase(Locale.ROOT);
        if (outbox.acknowledgementsTo(address, now.minus(Duration.ofHours(1)))
                >= properties.acknowledgementsPerHour()) {
            return;
        }
        var locale = Locale.forLanguageTag(customer.language());
        var answerBy = calendars.of(supportCase.people().teamId()).plusBusinessTime(now, properties.answerWithin());
        var when = MailTime.formatted(answerBy.atZone(customer.timeZone()).toInstant(), customer.timeZone(), locale);
        var number = String.valueOf(supportCase.number());
        var subject = messages.getMessage("mail.ack.subject", new Object[] {supportCase.subject(), number}, locale);
        var text = messages.getMessage(
                "mail.ack.body",
                new Object[] {customer.name(), number, supportCase.subject(), when, mailbox.displayName()},
                locale);
        var threaded = answering.startsWith("sha256:") ? null : answering;
        outbox.queue(new Outbox.Mail(
                Outbox.Kind.ACKNOWLEDGEMENT,
                mailbox,
                supportCase.id(),
                null,
                null,
                mailbox.displayName(),
                List.of(address),
                List.of(),
                subject,
                threaded,
                threaded == null ? List.of() : List.of(threaded),
                text,
                true));
    }
}
