package org.followthrough.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.Channel;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.platform.Actor;

/**
 * A demo mailbox and a short email thread read through the real ingest: an HTML message with a
 * screenshot in place and a receipt attached, quoted history, an agent's reply, the customer's
 * answer and their out-of-office. The mailbox is switched off (there is no mail server behind it):
 * an admin points it at a real one, or adds their own.
 */
final class DemoMail {

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);
    /** A small PNG, the customer's screenshot. */
    private static final String SCREENSHOT =
            "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAKUlEQVR42mNkYPhfz0AEYBxVSF+FjIwMDIwMqBoYiFUIVkusQqKtGFUIAP3cCAnV4CcbAAAAAElFTkSuQmCC";

    private final Replay r;
    private final DemoPeople.Cast cast;
    private final MailboxDesk mailboxes;
    private final MailIngest ingest;
    private final CaseDesk desk;

    DemoMail(Replay replay, DemoPeople.Cast cast, MailboxDesk mailboxes, MailIngest ingest, CaseDesk desk) {
        this.r = replay;
        this.cast = cast;
        this.mailboxes = mailboxes;
        this.ingest = ingest;
        this.desk = desk;
    }

    /**
     * The demo mailbox, switched off. Made before the other cases play, so that their replies by
     * email say the mailbox is switched off, as it is, rather than that there is none.
     */
    Mailbox mailbox(Actor admin) {
        return mailboxes.create(
                new MailboxDraft(
                        "support@followthrough.example",
                        "Followthrough Support",
                        cast.devices().id(),
                        new MailboxDraft.Server(
                                "imap.followthrough.example",
                                993,
                                MailSecurity.TLS,
                                "support@followthrough.example",
                                "demo-password"),
                        "INBOX",
                        new MailboxDraft.Server(
                                "smtp.followthrough.example",
                                587,
                                MailSecurity.STARTTLS,
                                "support@followthrough.example",
                                "demo-password"),
                        60,
                        false,
                        false),
                admin);
    }

    void play(Mailbox mailbox) {
        var first = "<CAF0demo-flicker-1@mail.gmail.com>";
        var opened =
                r.at(r.hoursAgo(5, 40), () -> ingest.ingest(mailbox, firstMessage(mailbox, first, r.hoursAgo(5, 40))));
        var caseId = opened.caseId();
        r.at(
                r.hoursAgo(5, 10),
                () -> desk.reply(
                        caseId,
                        "Hello Lena,\n\nthank you for the screenshot, that helps. Could you tell me which app version the"
                                + " tablet shows under Settings > About? Then I can check whether the fix from last week"
                                + " reached it.\n\nSofía",
                        Channel.EMAIL,
                        CaseStatus.WAITING_ON_CUSTOMER,
                        cast.sofia().actor()));
        r.at(r.hoursAgo(3, 5), () -> ingest.ingest(mailbox, answer(mailbox, first, r.hoursAgo(3, 5))));
        r.at(r.hoursAgo(3, 4), () -> ingest.ingest(mailbox, outOfOffice(mailbox, first, r.hoursAgo(3, 4))));
    }

    private static byte[] firstMessage(Mailbox mailbox, String id, Instant at) {
        var html = """
                <div dir="ltr"><p>Hi,</p><p>since yesterday's update the screen of my <b>Tab S</b> flickers whenever \
                I open the reading app. Screenshot below:</p><p><img src="cid:shot1" alt="screenshot of the flicker"></p>\
                <p>I attached the receipt, it is still under warranty.</p><p>Thanks,<br>Lena</p>\
                <div class="gmail_quote"><div class="gmail_attr">On Mon, Followthrough Support wrote:</div>\
                <blockquote class="gmail_quote">Your tablet has been repaired and is on its way back to you.</blockquote></div></div>""";
        var text = """
                Hi,

                since yesterday's update the screen of my Tab S flickers whenever I open the reading app. Screenshot below.

                I attached the receipt, it is still under warranty.

                Thanks,
                Lena

                On Mon, Followthrough Support wrote:
                > Your tablet has been repaired and is on its way back to you.
                """;
        return ("From: Lena Fischer <lena.fischer@example.net>\r\nTo: Followthrough Support <" + mailbox.address()
                        + ">\r\nSubject: Screen flickers after the update\r\nMessage-ID: " + id + "\r\nDate: "
                        + DATE.format(at.atOffset(ZoneOffset.UTC)) + "\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n"
                        + "--mixed\r\nContent-Type: multipart/related; boundary=\"related\"\r\n\r\n"
                        + "--related\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                        + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + crlf(text) + "\r\n"
                        + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n--alt--\r\n"
                        + "--related\r\nContent-Type: image/png\r\nContent-ID: <shot1>\r\n"
                        + "Content-Disposition: inline; filename=\"flicker.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + SCREENSHOT + "\r\n--related--\r\n"
                        + "--mixed\r\nContent-Type: text/plain; charset=UTF-8; name=\"receipt.txt\"\r\n"
                        + "Content-Disposition: attachment; filename=\"receipt.txt\"\r\n\r\n"
                        + "Receipt 2026-0412: Tab S, 1 x, 329.00 EUR, paid by card.\r\n--mixed--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] answer(Mailbox mailbox, String first, Instant at) {
        return ("From: Lena Fischer <lena.fischer@example.net>\r\nTo: " + mailbox.address()
                        + "\r\nSubject: RE: Screen flickers after the update\r\nMessage-ID: <demo-answer-2@example.net>\r\n"
                        + "In-Reply-To: " + first + "\r\nReferences: " + first + "\r\nDate: "
                        + DATE.format(at.atOffset(ZoneOffset.UTC))
                        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + crlf("""
                                It says version 4.2.1 (build 880).

                                Lena

                                -----Original Message-----
                                From: Sofía Herrera <%s>
                                Sent: Monday
                                Subject: Re: Screen flickers after the update

                                Could you tell me which app version the tablet shows under Settings > About?
                                """.formatted(mailbox.address())))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] outOfOffice(Mailbox mailbox, String first, Instant at) {
        return ("From: Lena Fischer <lena.fischer@example.net>\r\nTo: " + mailbox.address()
                        + "\r\nSubject: Automatic reply: Screen flickers after the update\r\n"
                        + "Auto-Submitted: auto-replied\r\nMessage-ID: <demo-ooo-3@example.net>\r\nIn-Reply-To: "
                        + first
                        + "\r\nDate: " + DATE.format(at.atOffset(ZoneOffset.UTC))
                        + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "I am travelling until Thursday and read mail only now and then.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
