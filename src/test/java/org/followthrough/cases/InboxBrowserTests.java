package org.followthrough.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The inbox in Chromium: promises on the rows, where supervisors land, phones, unknown views. */
@IntegrationTest
class InboxBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    PromiseDesk promises;

    @Autowired
    TimerRunner timers;

    @Autowired
    MutableClock clock;

    @Test
    void aPromiseBrokenThirtyHoursAgoMarksItsRowLeadsByPromiseDueAndIsWhereTheSupervisorLands() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Refund for the double charge"));
        var ann = team.ann();
        var broken = team.escrow();
        var atRisk = fixtures.aCase()
                .ownedBy(ann)
                .inTeam(team.team())
                .about("Replacement router")
                .open();
        var onTrack = fixtures.aCase()
                .ownedBy(ann)
                .inTeam(team.team())
                .about("Invoice address")
                .open();
        var start = clock.instant();
        var by = Fixtures.signedIn(ann).actor();
        promises.make(
                new MakePromise(broken.id(), "Send the refund form", start.plus(Duration.ofHours(1)), null, null), by);
        promises.make(
                new MakePromise(atRisk.id(), "Ship the new router", start.plus(Duration.ofHours(40)), null, null), by);
        promises.make(
                new MakePromise(onTrack.id(), "Confirm the address", start.plus(Duration.ofDays(10)), null, null), by);
        clock.advance(Duration.ofHours(31));
        timers.runDue();
        // The newest activity is on a case that owes nothing: by activity it is first, by promise due last.
        var quiet = fixtures.aCase()
                .ownedBy(ann)
                .inTeam(team.team())
                .about("Question about a fee")
                .open();

        var page = browser.signedIn(port, ann);
        assertThat(page.locator(".tabs a.active")).containsText("Mine");
        var brokenRow = page.locator("tr[data-case='" + broken.number() + "']");
        assertThat(brokenRow).hasClass(java.util.regex.Pattern.compile("standing-broken"));
        assertThat(brokenRow.locator(".next-promise")).containsText("Broken");
        assertThat(brokenRow.locator(".next-promise")).containsText("Send the refund form");
        assertThat(brokenRow.locator(".next-promise")).containsText("due 30 h ago");
        assertThat(brokenRow.locator(".waiting")).containsText("1 d ago");
        assertThat(page.locator("tr[data-case='" + atRisk.number() + "'] .next-promise"))
                .containsText("At risk");
        assertThat(page.locator("tr[data-case='" + onTrack.number() + "'] .next-promise"))
                .containsText("On track");
        assertThat(page.locator("#rows tr").first()).hasAttribute("data-case", String.valueOf(quiet.number()));

        page.click("th a[data-sort=PROMISE]");
        assertThat(page.locator("#rows tr").first()).hasAttribute("data-case", String.valueOf(broken.number()));
        assertThat(page.locator("#rows tr").nth(1)).hasAttribute("data-case", String.valueOf(atRisk.number()));
        assertThat(page.locator("#rows tr").nth(2)).hasAttribute("data-case", String.valueOf(onTrack.number()));
        assertThat(page.locator("#rows tr").nth(3)).hasAttribute("data-case", String.valueOf(quiet.number()));

        page.click(".inbox-filters a[data-promise=AT_RISK]");
        assertThat(page.locator("#rows tr[data-case]")).hasCount(1);
        assertThat(page.locator("#rows tr[data-case]")).hasAttribute("data-case", String.valueOf(atRisk.number()));
        page.close();

        var supervisor = browser.signedIn(port, team.sue());
        assertThat(supervisor.locator(".tabs a.active")).containsText("Broken promises");
        assertThat(supervisor.locator("#rows tr[data-case]")).hasCount(1);
        assertThat(supervisor.locator("#rows tr[data-case='" + broken.number() + "'] .next-promise"))
                .containsText("Broken");
        Assertions.assertThat(supervisor.locator("main").innerText()).doesNotContainIgnoringCase("overdue");
        supervisor.close();
    }

    @Test
    void atPhoneWidthTheInboxIsAListOfCardsThatDoesNotScrollSideways() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about(
                "The property tax bill was not paid from the escrow account and the county sent a final notice"));
        fixtures.aCase()
                .ownedBy(team.ann())
                .inTeam(team.team())
                .about("Second case")
                .open();
        var page = browser.signedIn(port, team.ann());
        page.setViewportSize(375, 812);
        page.navigate("http://localhost:" + port + "/");
        var row = page.locator("tr[data-case='" + team.escrow().number() + "']");
        assertThat(row).isVisible();
        assertThat(page.locator("table.inbox-table thead")).isHidden();
        Assertions.assertThat(row.evaluate("r => getComputedStyle(r).display")).isEqualTo("block");
        Assertions.assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(375);
        // Touch: the whole subject is a link big enough to hit, and it opens the case.
        var subject = row.locator("td.subject a");
        Assertions.assertThat(subject.boundingBox().height).isGreaterThanOrEqualTo(20);
        subject.click();
        assertThat(page.locator(".case-head h1")).containsText("final notice");
        page.close();
    }

    @Test
    void anUnknownViewIsAConsolePageNamingTheViewsNotJson() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var page = browser.signedIn(port, ann);
        var response = page.navigate("http://localhost:" + port + "/?view=NOPE");
        Assertions.assertThat(response.status()).isEqualTo(400);
        Assertions.assertThat(response.headerValue("content-type")).startsWith("text/html");
        assertThat(page.locator("h1")).hasText("No such view");
        assertThat(page.locator("main")).containsText("NOPE");
        assertThat(page.locator("main")).containsText("MINE");
        assertThat(page.locator("header.topbar")).isVisible();
        page.click("main .tabs a:has-text('Waiting')");
        assertThat(page.locator(".tabs a.active")).containsText("Waiting");
        page.close();
    }

    @Test
    void anAgentTicksThreeRowsAndTakesThemInOneGo() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var team = fixtures.team(ann);
        var first = fixtures.aCase().inTeam(team).about("Bulk one").open();
        var second = fixtures.aCase().inTeam(team).about("Bulk two").open();
        var third = fixtures.aCase().inTeam(team).about("Bulk three").open();
        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/?view=UNASSIGNED");
        for (var c : java.util.List.of(first, second, third)) {
            page.check("tr[data-case='" + c.number() + "'] td.pick input");
        }
        page.selectOption("#bulk select[name=ownerId]", ann.id().value().toString());
        page.click("#bulk button[type=submit]");
        assertThat(page.locator("#bulk-result")).containsText("Changed 3 cases");
        for (var c : java.util.List.of(first, second, third)) {
            assertThat(page.locator("#bulk-result")).containsText("#" + c.number());
            // The rows are drawn again: an owned case has left the Unassigned view.
            assertThat(page.locator("#rows tr[data-case='" + c.number() + "']")).hasCount(0);
        }
        page.click(".tabs a[data-view=MINE]");
        assertThat(page.locator("#rows tr[data-case]")).hasCount(3);
        assertThat(page.locator("#rows tr[data-case='" + first.number() + "'] td.owner"))
                .hasText(ann.displayName());
        page.close();
    }

    @Test
    void aSavedViewBecomesATabWithItsCount() {
        var ann = fixtures.agent(org.followthrough.identity.Role.AGENT);
        var tag = Fixtures.unique("renewal");
        fixtures.aCase().ownedBy(ann).tagged(tag).open();
        fixtures.aCase().ownedBy(ann).tagged(tag).open();
        fixtures.aCase().ownedBy(ann).open();
        var page = browser.signedIn(port, ann);
        page.click("details.save-view summary");
        page.fill(".save-view-form input[name=name]", "Renewals");
        page.fill(".save-view-form input[name=tag]", tag);
        page.click(".save-view-form button[type=submit]");
        var tab = page.locator(".tabs a.saved-tab[data-saved='Renewals']");
        assertThat(tab).hasClass(java.util.regex.Pattern.compile("active"));
        assertThat(tab.locator(".count")).hasText("2");
        assertThat(page.locator("#rows tr[data-case]")).hasCount(2);
        page.click(".tabs a[data-view=MINE]");
        assertThat(page.locator(".tabs a.saved-tab[data-saved='Renewals'] .count"))
                .hasText("2");
        page.close();
    }
}
