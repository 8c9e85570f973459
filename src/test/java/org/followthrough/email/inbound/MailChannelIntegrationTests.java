package org.followthrough.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.EntryKind;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.outbound.Outbox;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The email channel end to end against a real mail server: customers' mail delivered into an IMAP
 * mailbox, polled into cases, replies sent back out over SMTP and read where the customer reads them.
 */
@IntegrationTest
class MailChannelIntegrationTests {

    private static final String PASSWORD = "mailbox-secret-1";

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailPoller poller;

    @Autowired
    MailIngest ingest;

    @Autowired
    Outbox outbox;

    @Autowired
    CaseDesk desk;

    @Autowired
    PromiseDesk promises;

    @Autowired
    CaseQueries cases;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient db;

    Mailbox mailbox;
    String support;

    @BeforeEach
    void mailbox() {
        support = Fixtures.unique("support") + "@desk.example";
        mailbox = mailboxes.create(server.mailbox(support, PASSWORD, null, true), Actor.SYSTEM);
    }

    @Test
    void aCustomersEmailBecomesACaseAndIsAcknowledgedWithItsNumber() throws Exception {
        var customer = Fixtures.unique("ann") + "@customer.example";
        deliver(message(
                customer,
                "Ann Lee",
                "Printer on fire",
                "<first-" + UUID.randomUUID() + "@customer.example>",
                null,
                "Hello,\n\nthe printer is on fire again.\n\nAnn"));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(1);
        var c = caseOf(customer);
        assertThat(c.subject()).isEqualTo("Printer on fire");
        assertThat(c.channel()).isEqualTo(Channel.EMAIL);
        var inbound = cases.timeline(c.id()).stream()
                .filter(e -> e.kind() == EntryKind.INBOUND)
                .toList();
        assertThat(inbound)
                .singleElement()
                .satisfies(e -> assertThat(e.body()).contains("the printer is on fire again"));
        assertThat(unseenIn(support)).isZero();

        timerRunner.runDue();

        var ack = server.receivedBy(customer);
        assertThat(ack).hasSize(1);
        assertThat(ack.getFirst().getSubject()).contains("[#" + c.number() + "]");
        assertThat(ack.getFirst().getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(body(ack.getFirst())).contains("#" + c.number()).contains("We will answer by");
    }

    @Test
    void theCasesOpenPromisesAreListedUnderAReplyOnlyWhenTheAgentTicksTheBox() throws Exception {
        var customer = Fixtures.unique("cleo") + "@customer.example";
        deliver(message(
                customer,
                "Cleo",
                "Refund",
                "<refund-" + UUID.randomUUID() + "@customer.example>",
                null,
                "Where is my refund?"));
        poller.poll(mailbox);
        var c = caseOf(customer);
        var agent = Fixtures.signedIn(fixtures.agent(Role.AGENT));
        promises.make(
                new PromiseDesk.MakePromise(
                        c.id(), "Refund the second charge", clock.instant().plus(Duration.ofDays(2)), agent.id(), null),
                agent.actor());

        desk.reply(c.id(), "Looking into it.", Channel.EMAIL, null, agent.actor());
        desk.reply(
                c.id(),
                "Here is where we stand.",
                Channel.EMAIL,
                null,
                new Composer(List.of(), new Composer.MailOptions(true)),
                agent.actor());
        timerRunner.runDue();

        var replies = server.receivedBy(customer).stream()
                .filter(m -> header(m, "Auto-Submitted") == null)
                .toList();
        assertThat(replies).hasSize(2);
        var bodies = new ArrayList<String>();
        for (var reply : replies) {
            bodies.add(body(reply));
        }
        var plain = bodies.stream()
                .filter(b -> b.contains("Looking into it."))
                .findFirst()
                .orElseThrow();
        var listed = bodies.stream()
                .filter(b -> b.contains("Here is where we stand."))
                .findFirst()
                .orElseThrow();
        assertThat(plain).doesNotContain("What we have promised you").doesNotContain("Refund the second charge");
        assertThat(listed).contains("What we have promised you:").contains("Refund the second charge");
    }

    @Test
    void anAgentsReplyLeavesThreadedAndTheCustomersAnswerJoinsTheCase() throws Exception {
        var customer = Fixtures.unique("bob") + "@customer.example";
        var firstId = "first-" + UUID.randomUUID() + "@customer.example";
        deliver(message(customer, "Bob", "Invoice wrong", "<" + firstId + ">", null, "My invoice is wrong."));
        poller.poll(mailbox);
        var c = caseOf(customer);
        var agent = fixtures.agent(Role.AGENT);

        var reply = desk.reply(
                c.id(),
                "Sorry Bob, fixing it today.",
                Channel.EMAIL,
                CaseStatus.WAITING_ON_CUSTOMER,
                Fixtures.signedIn(agent).actor());
        timerRunner.runDue();

        var received = server.receivedBy(customer).stream()
                .filter(m -> header(m, "Auto-Submitted") == null)
                .toList();
        assertThat(received).hasSize(1);
        var sent = received.getFirst();
        assertThat(sent.getSubject()).isEqualTo("Re: Invoice wrong [#" + c.number() + "]");
        assertThat(header(sent, "In-Reply-To")).isEqualTo("<" + firstId + ">");
        assertThat(header(sent, "References")).contains("<" + firstId + ">");
        assertThat(sent.getFrom()[0].toString()).contains(agent.displayName()).contains(support);
        assertThat(body(sent)).contains("fixing it today");
        assertThat(outboxState(reply.id())).isEqualTo("SENT");

        deliver(message(
                customer,
                "Bob",
                "Re: Invoice wrong",
                "<answer-" + UUID.randomUUID() + "@customer.example>",
                sent.getMessageID(),
                "Thanks, that was quick.\n\nOn Monday, Ann wrote:\n> Sorry Bob, fixing it today."));
        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.ADDED)).isEqualTo(1);
        var after = cases.get(c.id());
        assertThat(after.status()).isEqualTo(CaseStatus.OPEN);
        var last = cases.timeline(c.id()).stream()
                .filter(e -> e.kind() == EntryKind.INBOUND)
                .toList()
                .getLast();
        assertThat(last.body()).isEqualTo("Thanks, that was quick.");
    }

    @Test
    void aColleagueCopiedInJoinsTheThreadAndIsCopiedOnReplies() throws Exception {
        var customer = Fixtures.unique("cara") + "@customer.example";
        var colleague = Fixtures.unique("dave") + "@customer.example";
        var firstId = "<cc-" + UUID.randomUUID() + "@customer.example>";
        deliver(raw("From: Cara <" + customer + ">\r\nTo: " + support + "\r\nCc: Dave <" + colleague + ">\r\n"
                + "Subject: Access for Dave\r\nMessage-ID: " + firstId + "\r\n\r\nPlease give Dave access.\r\n"));
        poller.poll(mailbox);
        var c = caseOf(customer);

        deliver(raw("From: Dave <" + colleague + ">\r\nTo: " + support + "\r\nSubject: Re: Access for Dave\r\n"
                + "Message-ID: <dave-" + UUID.randomUUID() + "@customer.example>\r\nIn-Reply-To: " + firstId + "\r\n"
                + "\r\nI need it by Friday.\r\n"));
        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.ADDED)).isEqualTo(1);
        assertThat(poll.count(Outcome.NEW_CASE)).isZero();
        var entry = cases.timeline(c.id()).stream()
                .filter(e -> e.kind() == EntryKind.INBOUND)
                .toList()
                .getLast();
        assertThat(entry.author().name()).isEqualTo("Dave");
        desk.reply(
                c.id(),
                "Done.",
                Channel.EMAIL,
                null,
                Fixtures.signedIn(fixtures.agent(Role.AGENT)).actor());
        timerRunner.runDue();
        // The mail server keeps one copy per recipient's mailbox: one reply, to Cara and copied to Dave.
        var reply = server.receivedBy(customer).stream()
                .filter(m -> header(m, "Auto-Submitted") == null)
                .toList();
        assertThat(reply.stream().map(m -> header(m, "Message-ID")).distinct()).hasSize(1);
        assertThat(header(reply.getFirst(), "To")).contains(customer);
        assertThat(header(reply.getFirst(), "Cc")).contains(colleague);
        // Besides Cara's first mail (Dave was copied on it), Dave gets the one reply the desk sent.
        assertThat(server.receivedBy(colleague).stream()
                        .filter(m -> header(m, "From").contains(support))
                        .filter(m -> header(m, "Auto-Submitted") == null)
                        .map(m -> header(m, "Message-ID"))
                        .distinct())
                .containsExactly(header(reply.getFirst(), "Message-ID"));
    }

    @Test
    void theCaseNumberInTheSubjectThreadsAMessageWithoutHeaders() throws Exception {
        var customer = Fixtures.unique("erin") + "@customer.example";
        deliver(message(
                customer, "Erin", "Password reset", "<pr-" + UUID.randomUUID() + "@x.example>", null, "Locked out."));
        poller.poll(mailbox);
        var c = caseOf(customer);

        deliver(message(
                customer,
                "Erin",
                "Still locked out [#" + c.number() + "]",
                "<pr2-" + UUID.randomUUID() + "@x.example>",
                null,
                "Any news?"));
        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.ADDED)).isEqualTo(1);
        assertThat(cases.timeline(c.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .hasSize(2);
    }

    @Test
    void aReplyToAClosedCaseReopensItButLongAfterOpensALinkedFollowUp() throws Exception {
        var customer = Fixtures.unique("finn") + "@customer.example";
        var firstId = "<closed-" + UUID.randomUUID() + "@x.example>";
        deliver(message(customer, "Finn", "Broken hinge", firstId, null, "The hinge broke."));
        poller.poll(mailbox);
        var c = caseOf(customer);
        var agent = Fixtures.signedIn(fixtures.agent(Role.AGENT));
        desk.reply(c.id(), "Replaced.", Channel.PHONE, CaseStatus.RESOLVED, agent.actor());

        deliver(message(
                customer,
                "Finn",
                "Re: Broken hinge",
                "<r1-" + UUID.randomUUID() + "@x.example>",
                firstId,
                "It broke again."));
        poller.poll(mailbox);
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.OPEN);

        desk.change(c.id(), CaseDesk.CaseChanges.status(CaseStatus.RESOLVED), agent.actor());
        clock.advance(Duration.ofDays(31));
        deliver(message(
                customer,
                "Finn",
                "Re: Broken hinge",
                "<r2-" + UUID.randomUUID() + "@x.example>",
                firstId,
                "And again, a month later."));
        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.FOLLOW_UP)).isEqualTo(1);
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.RESOLVED);
        var followUp = cases.timeline(c.id()).stream()
                .filter(e -> "followed_up_by".equals(e.eventType()))
                .findFirst()
                .orElseThrow();
        var number = ((Number) followUp.eventData().get("number")).longValue();
        var next = cases.findByNumber(number).orElseThrow();
        assertThat(next.people().customerId()).isEqualTo(c.people().customerId());
        assertThat(cases.timeline(next.id()).stream().anyMatch(e -> "follow_up_of".equals(e.eventType())))
                .isTrue();
    }

    @Test
    void anOutOfOfficeIsRecordedWithoutWakingTheCaseAndNeverOpensOne() throws Exception {
        var customer = Fixtures.unique("gus") + "@customer.example";
        var firstId = "<ooo-" + UUID.randomUUID() + "@x.example>";
        deliver(message(customer, "Gus", "Refund", firstId, null, "Where is my refund?"));
        poller.poll(mailbox);
        var c = caseOf(customer);
        desk.reply(
                c.id(),
                "On its way.",
                Channel.EMAIL,
                CaseStatus.WAITING_ON_CUSTOMER,
                Fixtures.signedIn(fixtures.agent(Role.AGENT)).actor());
        timerRunner.runDue();
        int mailBefore = server.receivedBy(customer).size();

        deliver(raw("From: Gus <" + customer + ">\r\nTo: " + support + "\r\nSubject: Automatic reply: Re: Refund\r\n"
                + "Auto-Submitted: auto-replied\r\nMessage-ID: <oooreply-" + UUID.randomUUID() + "@x.example>\r\n"
                + "In-Reply-To: " + firstId + "\r\n\r\nI am out of the office until Monday.\r\n"));
        var stranger = Fixtures.unique("bot") + "@elsewhere.example";
        deliver(raw("From: " + stranger + "\r\nTo: " + support + "\r\nSubject: Out of Office\r\n"
                + "Auto-Submitted: auto-replied\r\nMessage-ID: <bot-" + UUID.randomUUID() + "@x.example>\r\n"
                + "\r\nAway.\r\n"));
        var poll = poller.poll(mailbox);
        timerRunner.runDue();

        assertThat(poll.count(Outcome.AUTO_REPLY)).isEqualTo(1);
        assertThat(poll.count(Outcome.IGNORED)).isEqualTo(1);
        assertThat(cases.get(c.id()).status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
        assertThat(cases.timeline(c.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .hasSize(2);
        assertThat(server.receivedBy(customer)).hasSize(mailBefore);
        assertThat(server.receivedBy(stranger)).isEmpty();
        assertThat(db.sql("select count(*) from customer_email where lower(address) = lower(?)")
                        .param(stranger)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aBounceMarksTheAddressAndLandsOnTheCaseOfTheMessageThatBounced() throws Exception {
        var customer = Fixtures.unique("hal") + "@customer.example";
        deliver(message(
                customer, "Hal", "Order 77", "<b-" + UUID.randomUUID() + "@x.example>", null, "Where is order 77?"));
        poller.poll(mailbox);
        var c = caseOf(customer);
        var owner = fixtures.agent(Role.AGENT);
        var reply = desk.reply(
                c.id(),
                "Shipped.",
                Channel.EMAIL,
                null,
                Fixtures.signedIn(owner).actor());
        var ourId = db.sql("select message_id from mail_outbox where entry_id = ?")
                .param(reply.id())
                .query(String.class)
                .single();

        deliver(raw("From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>\r\nTo: " + support + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-" + UUID.randomUUID() + "@mx>\r\n"
                + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
                + "--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n"
                + "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.customer.example\r\n\r\n"
                + "Final-Recipient: rfc822; " + customer + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
                + "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + support + "\r\nTo: " + customer + "\r\n"
                + "Subject: Re: Order 77\r\nMessage-ID: <" + ourId + ">\r\n\r\n--B--\r\n"));
        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.BOUNCE)).isEqualTo(1);
        assertThat(cases.timeline(c.id()).stream().anyMatch(e -> "mail_bounced".equals(e.eventType())))
                .isTrue();
        assertThat(db.sql("select count(*) from bouncing_address where address = lower(?)")
                        .param(customer)
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(outboxState(reply.id())).isEqualTo("BOUNCED");
        var problems = outbox.problemsOf(owner.id(), 10);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.caseNumber()).isEqualTo(c.number());
            assertThat(p.reason()).contains("user unknown");
        });
        assertThat(outbox.countProblemsOf(owner.id(), 99)).isOne();

        outbox.problemSeen(problems.getFirst().id(), Fixtures.signedIn(owner).actor());

        assertThat(outbox.problemsOf(owner.id(), 10)).isEmpty();
    }

    @Test
    void theSameMessageReadTwiceIsAddedOnce() throws Exception {
        var customer = Fixtures.unique("ivy") + "@customer.example";
        var raw = message(
                customer, "Ivy", "Twice", "<twice-" + UUID.randomUUID() + "@x.example>", null, "Only once please.");
        // As after a crash between the commit and the flag: ingested, but still unseen on the server.
        assertThat(ingest.ingest(mailbox, raw).outcome()).isEqualTo(Outcome.NEW_CASE);
        deliver(raw);

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.DUPLICATE)).isEqualTo(1);
        assertThat(unseenIn(support)).isZero();
        assertThat(cases.timeline(caseOf(customer).id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .hasSize(1);
    }

    @Test
    void aMessageThatCannotBePlacedIsQuarantinedAndTheMailboxGoesOn() throws Exception {
        var customer = Fixtures.unique("jo") + "@customer.example";
        deliver(raw("To: " + support + "\r\nSubject: Nobody sent this\r\nMessage-ID: <nobody-" + UUID.randomUUID()
                + "@x.example>\r\n\r\nNo From header at all.\r\n"));
        deliver(message(
                customer, "Jo", "After the broken one", "<ok-" + UUID.randomUUID() + "@x.example>", null, "Hello."));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.QUARANTINED)).isEqualTo(1);
        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(1);
        assertThat(poll.error()).isNull();
        assertThat(unseenIn(support)).isZero();
        assertThat(db.sql("select reason from mail_quarantine where subject = 'Nobody sent this'")
                        .query(String.class)
                        .single())
                .contains("no sender address");
    }

    @Test
    void aReplyWaitsOutAnSmtpOutageAndIsSentOnce() throws Exception {
        var customer = Fixtures.unique("kim") + "@customer.example";
        deliver(message(customer, "Kim", "Outage", "<out-" + UUID.randomUUID() + "@x.example>", null, "Hello?"));
        poller.poll(mailbox);
        timerRunner.runDue();
        var c = caseOf(customer);
        server.stopSmtp();
        try {
            var reply = desk.reply(
                    c.id(),
                    "We are here.",
                    Channel.EMAIL,
                    null,
                    Fixtures.signedIn(fixtures.agent(Role.AGENT)).actor());
            timerRunner.runDue();

            assertThat(outboxState(reply.id())).isEqualTo("FAILED");
            assertThat(db.sql("select last_error from mail_outbox where entry_id = ?")
                            .param(reply.id())
                            .query(String.class)
                            .single())
                    .contains("Nothing answered");

            clock.advance(Duration.ofMinutes(2));
            timerRunner.runDue();
            assertThat(outboxState(reply.id())).isEqualTo("FAILED");

            server.startSmtp();
            clock.advance(Duration.ofMinutes(6));
            timerRunner.runDue();
            clock.advance(Duration.ofHours(5));
            timerRunner.runDue();

            assertThat(outboxState(reply.id())).isEqualTo("SENT");
            assertThat(server.receivedBy(customer).stream().filter(m -> header(m, "Auto-Submitted") == null))
                    .hasSize(1);
        } finally {
            server.startSmtp();
        }
    }

    @Test
    void readingAMessageDoesNotFlagItSeenOnlyItsCommittedIngestDoes() throws Exception {
        var customer = Fixtures.unique("lea") + "@customer.example";
        deliver(message(customer, "Lea", "Peek", "<peek-" + UUID.randomUUID() + "@x.example>", null, "Hello."));
        var session = Session.getInstance(new Properties());
        try (var store = session.getStore("imap")) {
            store.connect("127.0.0.1", server.imapPort(), support, PASSWORD);
            var folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            var raws = MailPoller.fetch(folder, folder.getMessages());
            assertThat(new String(raws[0], StandardCharsets.UTF_8)).contains("Subject: Peek");
            folder.close(false);
        }

        assertThat(unseenIn(support)).isOne();
    }

    @Test
    void aBatchFiledOnLanesKeepsEveryReplyOnTheCaseItAnswers() throws Exception {
        // One poll reads originals and their replies together; replies come from colleagues (other
        // senders), so only the thread keeps them behind their originals.
        int threads = 8;
        var customers = new String[threads];
        var firstIds = new String[threads];
        for (int i = 0; i < threads; i++) {
            customers[i] = Fixtures.unique("lane" + i) + "@customer.example";
            firstIds[i] = "<lane-" + i + "-" + UUID.randomUUID() + "@customer.example>";
            deliver(message(customers[i], "Customer " + i, "Problem " + i, firstIds[i], null, "Problem number " + i));
        }
        for (int i = 0; i < threads; i++) {
            var colleague = Fixtures.unique("colleague" + i) + "@customer.example";
            deliver(message(
                    colleague,
                    "Colleague " + i,
                    "Re: Problem " + i,
                    "<reply-" + i + "-" + UUID.randomUUID() + "@customer.example>",
                    firstIds[i],
                    "More about problem " + i));
        }

        var poll = poller.poll(mailbox);

        assertThat(poll.error()).isNull();
        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(threads);
        assertThat(poll.count(Outcome.ADDED)).isEqualTo(threads);
        for (int i = 0; i < threads; i++) {
            var c = caseOf(customers[i]);
            var bodies = cases.timeline(c.id()).stream()
                    .filter(e -> e.kind() == EntryKind.INBOUND)
                    .map(e -> e.body())
                    .toList();
            assertThat(bodies).containsExactly("Problem number " + i, "More about problem " + i);
        }
        assertThat(unseenIn(support)).isZero();
    }

    // --- helpers -----------------------------------------------------------------------------

    private CaseView caseOf(String customerAddress) {
        var id = db.sql("""
                        select c.id from support_case c join customer_email e on e.customer_id = c.customer_id
                        where lower(e.address) = lower(?) order by c.created_at limit 1""")
                .param(customerAddress)
                .query((rs, n) -> new CaseId(UUID.fromString(rs.getString(1))))
                .single();
        return cases.get(id);
    }

    private String outboxState(UUID entryId) {
        return db.sql("select state from mail_outbox where entry_id = ?")
                .param(entryId)
                .query(String.class)
                .single();
    }

    private byte[] message(String from, String name, String subject, String messageId, String inReplyTo, String body) {
        return raw("From: " + name + " <" + from + ">\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n" + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n")
                + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n");
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(byte[] raw) throws Exception {
        server.deliver(support, raw);
    }

    private int unseenIn(String address) throws Exception {
        var session = Session.getInstance(new Properties());
        try (var store = session.getStore("imap")) {
            store.connect("127.0.0.1", server.imapPort(), address, PASSWORD);
            var folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            try {
                return folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            } finally {
                folder.close(false);
            }
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            var values = message.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) throws Exception {
        var content = message.getContent();
        if (content instanceof Multipart multipart) {
            return String.valueOf(multipart.getBodyPart(0).getContent());
        }
        return String.valueOf(content);
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
