package org.followthrough.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.assertj.core.api.Assertions;
import org.followthrough.identity.Role;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CaseDeskBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void anAgentSignsInOpensACaseRepliesLogsACallAndSeesBothInTheTimeline() {
        // No mailbox sends on this desk: the reply is recorded only when the agent says so.
        fixtures.quietMailboxes();
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .about("Property tax bill not paid from escrow")
                .saying("The county says the tax was never paid.")
                .open();
        var page = browser.signedIn(port, ann);
        assertThat(page.locator("h1")).hasText("Inbox");

        page.click("tr[data-case='" + c.number() + "'] td.subject a");
        assertThat(page.locator(".case-head h1")).containsText("Property tax bill not paid from escrow");
        assertThat(page.locator("#timeline")).containsText("The county says the tax was never paid.");

        page.fill("form[data-pane=reply] textarea[name=body]", "I am sorry. I will call you back by Thursday.");
        page.check("form[data-pane=reply] input[name=recordUndelivered]");
        page.click("form[data-pane=reply] button[type=submit]");
        assertThat(page.locator("#timeline .kind-reply")).containsText("I will call you back by Thursday.");

        page.click("button[data-tab=call]");
        page.check("form[data-pane=call] input[value=OUTBOUND]");
        page.fill("form[data-pane=call] input[name=minutes]", "4");
        page.fill("form[data-pane=call] textarea[name=summary]", "Called back: the escrow team found the payment.");
        page.click("form[data-pane=call] button[type=submit]");
        assertThat(page.locator("#timeline .kind-call"))
                .containsText("Called back: the escrow team found the payment.");
        assertThat(page.locator("#timeline .kind-call")).containsText("4 min");
        assertThat(page.locator("#timeline .kind-reply")).containsText("I will call you back by Thursday.");

        // The page was updated in place, and a reload shows the same: it was stored, not just drawn.
        page.reload();
        assertThat(page.locator("#timeline .kind-reply")).hasCount(1);
        assertThat(page.locator("#timeline .kind-call")).hasCount(1);
        page.close();
    }

    @Test
    void customerTextIsShownAsTextNeverAsMarkup() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .about("<img src=x onerror=alert(1)>")
                .saying("<script>document.title='owned'</script>Hello")
                .open();
        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        assertThat(page.locator("#timeline")).containsText("<script>document.title='owned'</script>Hello");
        assertThat(page.locator(".case-head h1")).containsText("<img src=x onerror=alert(1)>");
        Assertions.assertThat(page.title()).doesNotContain("owned");
        page.close();
    }

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    @Test
    void changingOneFieldOnAStalePageKeepsWhatAColleagueChangedMeanwhile() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).about("Stale page").open();
        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());

        // A colleague resolves the case while Ann's page still shows it open.
        desk.change(
                c.id(),
                CaseDesk.CaseChanges.status(CaseStatus.RESOLVED),
                Fixtures.signedIn(ann).actor());

        page.selectOption("select[name=priority]", "URGENT");
        assertThat(page.locator(".case-head .meta")).containsText("Urgent");
        assertThat(page.locator(".case-head .meta")).containsText("Resolved");
        var after = queries.get(c.id());
        Assertions.assertThat(after.priority()).isEqualTo(Priority.URGENT);
        Assertions.assertThat(after.status()).isEqualTo(CaseStatus.RESOLVED);
        page.close();
    }
}
