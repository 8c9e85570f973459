package org.followthrough.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.EntryKind;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail as old programs and odd systems write it, through the real poll from a real IMAP server:
 * senders on intranet domains, raw 8-bit headers, NUL bytes, quoted history in other languages.
 */
@IntegrationTest
class MailFromTheWildIntegrationTests {

    private static final String PASSWORD = "mailbox-secret-1";

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailPoller poller;

    @Autowired
    CaseQueries cases;

    @Autowired
    CustomerQueries customers;

    @Autowired
    Quarantine quarantine;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient db;

    Mailbox mailbox;
    String support;

    @BeforeEach
    void mailbox() {
        support = Fixtures.unique("support") + "@desk.example";
        mailbox = mailboxes.create(server.mailbox(support, PASSWORD, null, true), Actor.SYSTEM);
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    @Test
    void aSenderOnASingleLabelDomainIsACustomerWeCanAnswer() throws Exception {
        var subject = Fixtures.unique("Cron job failed");
        var quarantinedBefore = quarantine.countOpen();
        deliver(ascii("From: root@localhost (Cron Daemon)\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@build01>\r\nDate: Mon, 5 Jan 2026 03:00:01 +0100\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n/usr/local/bin/backup: disk full\r\n"));
        var intranet = Fixtures.unique("ops") + "@intranet";
        var intranetSubject = Fixtures.unique("Printer on floor 3");
        deliver(ascii("From: Ops <" + intranet + ">\r\nTo: " + support + "\r\nSubject: " + intranetSubject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@intranet>\r\n\r\nIt is out of toner.\r\n"));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(2);
        assertThat(poll.count(Outcome.QUARANTINED)).isZero();
        assertThat(quarantine.countOpen()).isEqualTo(quarantinedBefore);
        assertThat(customers
                        .find(caseWithSubject(subject).people().customerId())
                        .orElseThrow()
                        .emails())
                .containsExactly("root@localhost");
        assertThat(customers
                        .find(caseWithSubject(intranetSubject).people().customerId())
                        .orElseThrow()
                        .emails())
                .containsExactly(intranet);
    }

    @Test
    void raw8BitHeadersAreReadInTheCharsetOfTheText() throws Exception {
        var token = Fixtures.unique("").replace("-", "");
        var koi8 = Charset.forName("KOI8-R");
        var russian = bytes(("From: Иван Петров <ivan" + token + "@mail.example>\r\nTo: " + support + "\r\n"
                        + "Subject: Счёт не пришёл " + token + "\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@mail.example>\r\nContent-Type: text/plain; charset=koi8-r\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nДобрый день, счёт так и не пришёл.\r\n")
                .getBytes(koi8));
        var norwegian = bytes(("From: Wilhelmsen Håvard <havard" + token + "@firma.example>\r\nTo: " + support
                        + "\r\nSubject: Årsoppgjør " + token + "\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@firma.example>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                        + "Content-Transfer-Encoding: 8bit\r\n\r\nHei, se vedlegg.\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        deliver(russian);
        deliver(norwegian);

        assertThat(poller.poll(mailbox).count(Outcome.NEW_CASE)).isEqualTo(2);

        var ivan = caseWithSubject("Счёт не пришёл " + token);
        assertThat(customers.find(ivan.people().customerId()).orElseThrow().name())
                .isEqualTo("Иван Петров");
        var havard = caseWithSubject("Årsoppgjør " + token);
        assertThat(customers.find(havard.people().customerId()).orElseThrow().name())
                .isEqualTo("Wilhelmsen Håvard");
    }

    @Test
    void nulCharactersAreDroppedAndTheMessageBecomesACase() throws Exception {
        var subject = Fixtures.unique("Printer jam");
        var quarantinedBefore = quarantine.countOpen();
        deliver(ascii("From: Bob\u0000 Smith <" + Fixtures.unique("bob") + "@example.com>\r\nTo: " + support + "\r\n"
                + "Subject: " + subject + "\u0000\r\nMessage-ID: <" + UUID.randomUUID() + "@example.com>\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe printer\u0000 jams again.\r\n"));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(1);
        assertThat(quarantine.countOpen()).isEqualTo(quarantinedBefore);
        var opened = caseWithSubject(subject);
        assertThat(cases.timeline(opened.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("The printer jams again."));
    }

    @Test
    void aRussianAttributionWrappedOverTwoLinesStaysOutOfTheNewText() throws Exception {
        var subject = Fixtures.unique("Re: Доставка");
        var body = "Спасибо, получил.\r\n\r\n"
                + "02.04.2012 14:20 пользователь \"bob@desk.example\" <bob@desk.example>\r\nнаписал:\r\n"
                + "> Ваш заказ отправлен.\r\n";
        deliver(bytes(("From: Пётр <" + Fixtures.unique("petr") + "@mail.example>\r\nTo: " + support + "\r\n"
                        + "Subject: =?UTF-8?B?"
                        + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                        + "?=\r\nMessage-ID: <" + UUID.randomUUID() + "@mail.example>\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(poller.poll(mailbox).count(Outcome.NEW_CASE)).isEqualTo(1);

        var opened = caseWithSubject(subject);
        assertThat(cases.timeline(opened.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("Спасибо, получил."));
    }

    private CaseView caseWithSubject(String subject) {
        var id = db.sql("select id from support_case where subject = ?")
                .param(subject)
                .query((rs, n) -> new CaseId(UUID.fromString(rs.getString(1))))
                .single();
        return cases.get(id);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(byte[] raw) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(raw);
        return out.toByteArray();
    }

    private void deliver(byte[] raw) throws Exception {
        server.deliver(support, raw);
    }
}
