package org.followthrough.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.followthrough.email.mailboxes.MailSecurity;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.email.mailboxes.MailboxDraft;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12, defect 2: "Send via" offers only the channels that reach the customer, starting with the
 * one they last used, and a reply that reaches no one is recorded only when the agent says so, marked
 * on its entry with why.
 */
@IntegrationTest
class ReplyChannelsBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    TestMailServer server;

    @Autowired
    TimerRunner timers;

    @AfterEach
    void quiet() {
        fixtures.quietMailboxes();
    }

    @Test
    void aPhoneCaseOffersOnlyWhatDeliversStartingWithWhatTheCustomerLastUsedAndTheReplyArrives() {
        fixtures.quietMailboxes();
        var support = Fixtures.unique("support") + "@desk.example";
        mailboxes.create(server.mailbox(support, "mailbox-secret-1", null, false), Actor.SYSTEM);
        var ann = fixtures.agent(Role.AGENT);
        var customer = fixtures.customer();
        var c = desk.open(
                new CaseDesk.OpenCase(
                        customer.id(),
                        "Router keeps dropping",
                        "Called in: the router drops every evening.",
                        Channel.PHONE,
                        Priority.NORMAL,
                        null,
                        ann.id(),
                        Set.of()),
                Actor.SYSTEM);
        desk.recordInbound(c.id(), "Sent the logs you asked for by email.", Channel.EMAIL, Actor.SYSTEM);
        desk.recordInbound(c.id(), "Also wrote in the portal, in case.", Channel.PORTAL, Actor.SYSTEM);

        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        var via = page.locator("form[data-pane=reply] select[name=channel]");
        // Nothing delivers on the portal or chat: only email, which the customer used, is offered.
        assertThat(via.locator("option")).hasCount(1);
        assertThat(via.locator("option")).hasText("Email");
        assertThat(via).hasValue("EMAIL");
        assertThat(page.locator("form[data-pane=reply] .undeliverable")).hasCount(0);

        page.fill("form[data-pane=reply] textarea[name=body]", "Thanks for the logs: the firmware fixes it.");
        page.click("form[data-pane=reply] button[type=submit]");
        var reply = page.locator("#timeline .kind-reply");
        assertThat(reply).containsText("replied via Email");
        assertThat(reply).not().containsText("not delivered");
        // The outbox sends it when its timer fires, as the scheduler would.
        timers.runDue();
        assertThat(server.receivedBy(customer.primaryEmail())).isNotEmpty();
        page.close();
    }

    @Test
    void withTheMailboxSwitchedOffTheComposerSaysSoAndAReplyIsRecordedOnlyExplicitlyAndMarkedNotDelivered() {
        // As on the demo desk: the one mailbox there is has no server behind it and is switched off.
        mailboxes.create(
                new MailboxDraft(
                        Fixtures.unique("demo") + "@followthrough.example",
                        "Demo Support",
                        null,
                        new MailboxDraft.Server("imap.followthrough.example", 993, MailSecurity.TLS, "demo", "pw"),
                        "INBOX",
                        new MailboxDraft.Server("smtp.followthrough.example", 587, MailSecurity.STARTTLS, "demo", "pw"),
                        60,
                        false,
                        false),
                Actor.SYSTEM);
        fixtures.quietMailboxes();
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .about("Invoice in the wrong currency")
                .open();

        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        var reply = page.locator("form[data-pane=reply]");
        var notice = reply.locator(".undeliverable");
        assertThat(notice).containsText("switched off");
        assertThat(notice).not().containsText("no mailbox is set up");
        assertThat(reply.locator("select[name=channel]")).hasCount(0);
        assertThat(reply.locator("button[type=submit]")).hasText("Record without sending");

        // Not sent until the agent says to record it all the same.
        page.fill("form[data-pane=reply] textarea[name=body]", "We will reissue the invoice in euros.");
        page.click("form[data-pane=reply] button[type=submit]");
        assertThat(page.locator("#timeline .kind-reply")).hasCount(0);

        page.check("form[data-pane=reply] input[name=recordUndelivered]");
        page.click("form[data-pane=reply] button[type=submit]");
        var entry = page.locator("#timeline .kind-reply");
        assertThat(entry).containsText("We will reissue the invoice in euros.");
        assertThat(entry.locator(".badge.warn")).hasText("not delivered");
        assertThat(entry.locator(".not-delivered")).containsText("Recorded, not delivered");
        assertThat(entry.locator(".not-delivered")).containsText("switched off");
        assertThat(queries.timeline(c.id()))
                .filteredOn(e -> e.kind() == EntryKind.REPLY)
                .singleElement()
                .satisfies(e -> assertThat(e.notDelivered()).isEqualTo(NotDelivered.MAILBOX_SWITCHED_OFF));

        // Or the agent logs the call they made instead.
        page.click("form[data-pane=reply] [data-switch-tab=call]");
        assertThat(page.locator("form[data-pane=call]")).isVisible();
        page.close();
    }
}
