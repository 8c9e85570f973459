package org.followthrough.live;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.EntryKind;
import org.followthrough.email.inbound.MailIngest;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two agents on one case, each in a browser of their own: each sees the other viewing and typing;
 * the customer's new mail appears in the open timeline without a reload and without touching a
 * half-written reply, which then asks before it goes out over that mail. New cases announce
 * themselves in the inbox.
 */
@IntegrationTest
class LiveBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    private static final String REPLY = "form[data-pane=reply] textarea[name=body]";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailIngest ingest;

    @Autowired
    CaseQueries cases;

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static byte[] mail(String from, String to, String subject, String body) {
        return ("From: Ada Byron <" + from + ">\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                        + UUID.randomUUID() + "@customer.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                        + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void listening(Page page, String hook) {
        assertThat(page.locator(hook)).hasAttribute("data-live-state", "open");
    }

    private long replies(CaseId id) {
        return cases.timeline(id).stream()
                .filter(e -> e.kind() == EntryKind.REPLY)
                .count();
    }

    @Test
    void twoAgentsOnOneCaseSeeEachOtherAndTheCustomersNewMailWithoutLosingAHalfWrittenReply() throws Exception {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c);
        var annName = team.ann().displayName();
        var bobName = team.bob().displayName();
        var support = Fixtures.unique("support") + "@desk.example";
        Mailbox mailbox =
                mailboxes.create(server.mailbox(support, "mailbox-secret-1", team.team(), false), Actor.SYSTEM);
        var customer = Fixtures.unique("ada") + "@customer.example";
        var subject = Fixtures.unique("Refund");
        var caseId = ingest.ingest(mailbox, mail(customer, support, subject, "My refund has not arrived."))
                .caseId();
        var number = cases.get(caseId).number();

        var ann = browser.signedIn(port, team.ann());
        ann.navigate(url("/cases/" + number));
        var bob = browser.signedIn(port, team.bob());
        bob.setViewportSize(375, 812);
        bob.navigate(url("/cases/" + number));
        listening(ann, "[data-live-case]");
        listening(bob, "[data-live-case]");
        assertThat(ann.locator(".live-presence")).containsText(bobName + " is viewing");
        assertThat(bob.locator(".live-presence")).containsText(annName + " is viewing");

        bob.locator(REPLY).fill("Looking into it");
        assertThat(ann.locator(".live-presence")).containsText(bobName + " is typing a reply…");
        ann.locator(REPLY).fill("Half-written reply about the refund");
        assertThat(bob.locator(".live-presence")).containsText(annName + " is typing a reply…");

        ann.evaluate("() => { window.notReloaded = true; }");
        ingest.ingest(
                mailbox, mail(customer, support, "Re: [#" + number + "] " + subject, "Also, my bank account changed."));
        assertThat(ann.locator("#timeline")).containsText("Also, my bank account changed.");
        assertThat(bob.locator("#timeline")).containsText("Also, my bank account changed.");
        assertThat(ann.locator(REPLY)).hasValue("Half-written reply about the refund");
        assertThat(ann.evaluate("() => window.notReloaded === true")).isEqualTo(true);

        // Her reply was written before that mail: sending asks first, and nothing goes out yet.
        ann.locator("form[data-pane=reply] button[type=submit]").first().click();
        assertThat(ann.locator("#live-confirm")).containsText("Also, my bank account changed.");
        assertThat(replies(caseId)).isZero();
        assertThat(ann.locator(REPLY)).hasValue("Half-written reply about the refund");
        // The question has the focus: one key sends anyway.
        assertThat(ann.locator("#live-confirm button[name=confirmed]")).isFocused();
        ann.keyboard().press("Enter");
        assertThat(ann.locator("#timeline")).containsText("Half-written reply about the refund");
        assertThat(bob.locator("#timeline")).containsText("Half-written reply about the refund");
        assertThat(replies(caseId)).isEqualTo(1);
        assertThat(bob.locator(".live-presence")).not().containsText("typing");
        assertThat(bob.locator(REPLY)).hasValue("Looking into it");
    }

    @Test
    void newCasesAnnounceThemselvesInTheInboxAndShowLoadsThem() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var page = browser.signedIn(port, ann);
        page.navigate(url("/?view=OPEN"));
        listening(page, "[data-live-inbox]");
        assertThat(page.locator(".live-bar")).isHidden();

        var subjects = new String[3];
        for (int i = 0; i < subjects.length; i++) {
            subjects[i] = Fixtures.unique("Fresh case");
            fixtures.aCase().about(subjects[i]).open();
        }
        assertThat(page.locator(".live-bar")).containsText("3 new cases");
        assertThat(page.locator("#rows")).not().containsText(subjects[0]);

        page.locator(".live-bar button").click();
        for (var subject : subjects) {
            assertThat(page.locator("#rows")).containsText(subject);
        }
        assertThat(page.locator(".live-bar")).isHidden();
    }
}
