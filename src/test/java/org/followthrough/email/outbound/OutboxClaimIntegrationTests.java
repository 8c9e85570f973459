package org.followthrough.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.Channel;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.followthrough.timer.Timers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message another node claimed for sending: left alone while the claim holds, sent once when it
 * has run out (that node died mid-send), never twice.
 */
@IntegrationTest
class OutboxClaimIntegrationTests {

    /** How long a node's claim on a message lasts ({@code OutboxSender}). */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailIngest ingest;

    @Autowired
    CaseDesk desk;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    Timers timers;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient db;

    @Autowired
    PlatformTransactionManager transactions;

    String customer;
    UUID queued;

    @BeforeEach
    void aQueuedReply() {
        var support = Fixtures.unique("claims") + "@desk.example";
        var mailbox = mailboxes.create(server.mailbox(support, "pw-1", null, false), Actor.SYSTEM);
        customer = Fixtures.unique("olga") + "@customer.example";
        var raw = ("From: Olga <" + customer + ">\r\nTo: " + support + "\r\nSubject: Wrong size\r\n"
                        + "Message-ID: <claim-" + UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe shoes are too small.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var caseId = ingest.ingest(mailbox, raw).caseId();
        desk.reply(
                caseId,
                "We will swap them.",
                Channel.EMAIL,
                null,
                Fixtures.signedIn(fixtures.agent(Role.AGENT)).actor());
        queued = db.sql("select id from mail_outbox where case_id = ? and kind = 'REPLY'")
                .param(caseId.value())
                .query(UUID.class)
                .single();
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    /** What a node leaves behind that claimed the message until then and died before sending it. */
    private void claimedByAnotherNodeUntil(Instant until) {
        inTransaction(() -> {
            db.sql("update mail_outbox set state = 'SENDING', claimed_until = ? where id = ?")
                    .params(Sql.ts(until), queued)
                    .update();
            timers.set(Outbox.SEND_TIMER, queued, until);
        });
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    @Test
    void aFreshClaimIsLeftToItsNodeAndTheTimerWaitsUntilItRunsOut() {
        var until = clock.instant().plus(CLAIM);
        claimedByAnotherNodeUntil(until);
        // The send timer fires here anyway (set before the claim moved it): the claim still holds.
        inTransaction(() -> timers.set(Outbox.SEND_TIMER, queued, clock.instant()));
        timerRunner.runDue();

        assertThat(server.receivedBy(customer)).isEmpty();
        assertThat(state()).isEqualTo("SENDING");
        assertThat(timers.dueAt(Outbox.SEND_TIMER, queued)).contains(until);

        clock.set(until.minusMillis(1));
        timerRunner.runDue();
        assertThat(server.receivedBy(customer)).isEmpty();
        assertThat(state()).isEqualTo("SENDING");
    }

    @Test
    void aClaimThatRanOutIsSentOnceByAnotherNode() throws Exception {
        var until = clock.instant().plus(CLAIM);
        claimedByAnotherNodeUntil(until);

        clock.set(until);
        timerRunner.runDue();
        timerRunner.runDue();

        var received = server.receivedBy(customer);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getSubject()).startsWith("Re: Wrong size");
        assertThat(state()).isEqualTo("SENT");
        assertThat(db.sql("select attempts from mail_outbox where id = ?")
                        .param(queued)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(db.sql("select sent_at from mail_outbox where id = ?")
                        .param(queued)
                        .query((rs, n) -> Sql.instant(rs, "sent_at"))
                        .single())
                .isEqualTo(until);
        assertThat(timers.dueAt(Outbox.SEND_TIMER, queued)).isEmpty();

        clock.advance(CLAIM.multipliedBy(2));
        timerRunner.runDue();
        assertThat(server.receivedBy(customer)).hasSize(1);
    }

    private String state() {
        return db.sql("select state from mail_outbox where id = ?")
                .param(queued)
                .query(String.class)
                .single();
    }
}
