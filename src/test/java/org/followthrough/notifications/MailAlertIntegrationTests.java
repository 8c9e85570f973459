package org.followthrough.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.cases.CaseView;
import org.followthrough.email.MailEvents.MailBounced;
import org.followthrough.email.MailEvents.MailNotSent;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.handoff.HandoffDesk;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseState;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MailAlertIntegrationTests {

    private static final String NOTE =
            "Needs the county receipt; escrow ops filed the request; I promised a call Friday.";

    @LocalServerPort
    int port;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    AlertSubscriptions subscriptions;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    HandoffDesk handoffs;

    @Autowired
    AgentDesk agents;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    MutableClock clock;

    @Autowired
    TestMailServer server;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient db;

    AgentView ann;
    AgentView bob;
    AgentView sue;
    TeamId team;
    CaseView escrow;

    /** Ann and Bob work in a team that Sue supervises; the team sends from its own mailbox. */
    @BeforeEach
    void aTeamWithItsMailbox() {
        ann = fixtures.agent(Role.AGENT);
        bob = fixtures.agent(Role.AGENT);
        sue = fixtures.agent(Role.SUPERVISOR);
        team = fixtures.team(ann, bob, sue);
        var address = Fixtures.unique("support") + "@desk.example";
        mailboxes.create(server.mailbox(address, "mailbox-password", team, false), Actor.SYSTEM);
        escrow = fixtures.aCase()
                .about(Fixtures.unique("Property tax unpaid from escrow"))
                .ownedBy(ann)
                .inTeam(team)
                .open();
    }

    private void promiseDueIn(CaseView supportCase, AgentView owner, Duration dueIn) {
        promises.make(
                new MakePromise(
                        supportCase.id(),
                        "Call back with the county's answer",
                        clock.instant().plus(dueIn),
                        null,
                        null),
                Fixtures.signedIn(owner).actor());
    }

    /** Fires what fell due (the breach), then the sending it queued. */
    private void runTimers() {
        timerRunner.runDue();
        timerRunner.runDue();
    }

    private List<MimeMessage> alertsTo(AgentView agent, String subjectStart) {
        return server.receivedBy(agent.email()).stream()
                .filter(m -> subject(m).startsWith(subjectStart))
                .toList();
    }

    @Test
    void anOwnerWhoAskedForAlertsIsEmailedWhenTheirPromiseBreaks() throws Exception {
        subscriptions.subscribe(ann.id());
        promiseDueIn(escrow, ann, Duration.ofHours(1));

        clock.advance(Duration.ofHours(2));
        runTimers();

        assertThat(promiseQueries.ofCase(escrow.id()).getFirst().state()).isEqualTo(PromiseState.BROKEN);
        var broken = alertsTo(ann, "Promise broken");
        assertThat(broken).hasSize(1);
        var mail = broken.getFirst();
        assertThat(subject(mail)).contains("case #" + escrow.number()).contains(escrow.subject());
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        var text = text(mail);
        assertThat(text)
                .contains("Your promise on case #" + escrow.number())
                .contains("Call back with the county's answer")
                .contains("/cases/" + escrow.number());
        // Not on the customer's thread: an agent answering the alert does not join the case's mail.
        assertThat(subject(mail)).doesNotContain("[#");
        assertThat(mail.getHeader("In-Reply-To")).isNull();
    }

    @Test
    void aPromiseFallingDueSoonRemindsItsOwner() throws Exception {
        subscriptions.subscribe(ann.id());
        // 25% of an 8-hour window: reminded 2 hours before it is due.
        promiseDueIn(escrow, ann, Duration.ofHours(8));

        clock.advance(Duration.ofHours(6).plusMinutes(1));
        runTimers();

        var soon = alertsTo(ann, "Promise due soon");
        assertThat(soon).hasSize(1);
        assertThat(text(soon.getFirst())).contains("Call back with the county's answer");
        assertThat(alertsTo(ann, "Promise broken")).isEmpty();
    }

    @Test
    void anAgentWhoDidNotAskGetsNothingWhileTheirSupervisorWhoDidHearsOfTheBreach() throws Exception {
        subscriptions.subscribe(sue.id());
        var bobs = fixtures.aCase().ownedBy(bob).inTeam(team).open();
        promiseDueIn(bobs, bob, Duration.ofHours(1));

        clock.advance(Duration.ofHours(2));
        runTimers();

        assertThat(server.receivedBy(bob.email())).isEmpty();
        var toSue = alertsTo(sue, "Promise broken");
        assertThat(toSue).hasSize(1);
        assertThat(text(toSue.getFirst())).contains(bob.displayName() + "\u2019s promise on case #" + bobs.number());
    }

    @Test
    void agentsWhoAreSwitchedOffGetNoMailWhateverTheyChose() {
        subscriptions.subscribe(ann.id());
        promiseDueIn(escrow, ann, Duration.ofHours(1));
        agents.update(ann.id(), ann.displayName(), ann.role(), ann.timeZone(), false, Actor.SYSTEM);

        clock.advance(Duration.ofHours(2));
        runTimers();

        assertThat(promiseQueries.ofCase(escrow.id()).getFirst().state()).isEqualTo(PromiseState.BROKEN);
        assertThat(server.receivedBy(ann.email())).isEmpty();
    }

    @Test
    void aCaseOfferedToSomeoneWhoAskedReachesThemWithTheNote() throws Exception {
        subscriptions.subscribe(bob.id());

        handoffs.offer(escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());
        runTimers();

        var offered = alertsTo(bob, "Case offered to you");
        assertThat(offered).hasSize(1);
        assertThat(subject(offered.getFirst())).contains("#" + escrow.number());
        assertThat(text(offered.getFirst()))
                .contains(ann.displayName() + " offers you case #" + escrow.number())
                .contains(NOTE);
    }

    @Test
    void aCaseOfferedToATeamReachesItsMembersWhoAskedButNotTheOwnerWhoOffered() throws Exception {
        subscriptions.subscribe(ann.id());
        subscriptions.subscribe(bob.id());

        handoffs.offer(escrow.id(), null, team, NOTE, Fixtures.signedIn(ann).actor());
        runTimers();

        assertThat(alertsTo(bob, "Case offered to your team")).hasSize(1);
        assertThat(server.receivedBy(ann.email())).isEmpty();
    }

    @Test
    void anOfferNobodyAnsweredReachesTheTeamsSupervisors() throws Exception {
        subscriptions.subscribe(sue.id());
        handoffs.offer(escrow.id(), bob.id(), null, NOTE, Fixtures.signedIn(ann).actor());

        clock.advance(Duration.ofDays(7));
        runTimers();

        var unanswered = alertsTo(sue, "Offer not answered");
        assertThat(unanswered).hasSize(1);
        assertThat(text(unanswered.getFirst()))
                .contains("case #" + escrow.number())
                .contains(ann.displayName() + " still owns the case");
    }

    @Test
    void theOwnerHearsThatMailOnTheirCaseBounced() throws Exception {
        subscriptions.subscribe(ann.id());

        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> events.publishEvent(new MailBounced(
                        escrow.id(), List.of("customer@gone.example"), "mailbox unavailable", clock.instant())));
        runTimers();

        var bounced = alertsTo(ann, "Email bounced");
        assertThat(bounced).hasSize(1);
        assertThat(text(bounced.getFirst())).contains("customer@gone.example").contains("mailbox unavailable");
    }

    @Test
    void theOwnerHearsThatMailOnTheirCaseWasNotDeliveredButAnAlertNotDeliveredRaisesNone() throws Exception {
        subscriptions.subscribe(ann.id());

        notSent(UUID.randomUUID(), "customer@nowhere.example");
        runTimers();

        assertThat(alertsTo(ann, "Email not delivered")).hasSize(1);
        var alertId = db.sql("select id from mail_outbox where kind = 'ALERT' and agent_id = ?")
                .param(ann.id().value())
                .query(UUID.class)
                .single();
        notSent(alertId, ann.email());
        runTimers();

        assertThat(alertsTo(ann, "Email not delivered")).hasSize(1);
        assertThat(db.sql("select count(*) from mail_outbox where kind = 'ALERT' and agent_id = ?")
                        .param(ann.id().value())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    private void notSent(UUID outboxId, String to) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> events.publishEvent(
                        new MailNotSent(outboxId, escrow.id(), List.of(to), "refused by the server", clock.instant())));
    }

    @Test
    void eachAgentChoosesForThemselvesInTheSettings() {
        var console = ConsoleClient.signedIn(port, bob);
        var page = console.get("/settings/alerts");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Email me my alerts").doesNotContain("checked");

        var saved = console.post("/settings/alerts", Map.of("email", "true"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(subscriptions.subscribed(bob.id())).isTrue();
        assertThat(console.get("/settings/alerts").body()).contains("checked");

        console.post("/settings/alerts", Map.of());
        assertThat(subscriptions.subscribed(bob.id())).isFalse();
        assertThat(subscriptions.subscribed(ann.id())).isFalse();
    }

    // ------------------------------------------------------------------------------------------

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        var content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
            }
        }
        return content.toString();
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
