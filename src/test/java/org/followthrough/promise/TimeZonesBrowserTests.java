package org.followthrough.promise;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.SelectOption;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.regex.Pattern;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.calendar.CalendarDesk;
import org.followthrough.cases.CaseDesk;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.handoff.HandoffDesk;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12, defect 3: quick choices count the team's days from the real now, a due time may be
 * written in the customer's or the team's zone, and a time written in another zone says whose it is.
 */
@IntegrationTest
class TimeZonesBrowserTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    CalendarDesk calendars;

    @Autowired
    CustomerDesk customers;

    @Autowired
    AgentDesk agents;

    @Autowired
    CaseDesk desk;

    @Autowired
    HandoffDesk handoffs;

    @Autowired
    PromiseQueries promiseQueries;

    @Test
    void justAfterMidnightForAnAgentAheadOfTheTeamQuickChoicesFallOnDistinctDaysOfTheTeam() {
        var ann = fixtures.agent(Role.AGENT);
        var team = fixtures.team(ann);
        calendars.change(team, NEW_YORK, BusinessCalendar.standard(NEW_YORK).week(), List.of(), Actor.SYSTEM);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .inTeam(team)
                .about("Card charged twice")
                .open();
        // Tuesday 00:30 for Ann in Berlin: Monday evening in New York, after the team closed.
        var tuesday = clock.instant()
                .atZone(BERLIN)
                .toLocalDate()
                .plusDays(1)
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY));
        clock.set(tuesday.atTime(0, 30).atZone(BERLIN).toInstant());

        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        page.click("#promises .promise-new summary");
        var chips = page.locator("#promises .quick .chip");
        assertThat(chips).hasCount(4);
        assertThat(chips.nth(1).getAttribute("data-due-team")).isEqualTo(tuesday + "T17:00");
        assertThat(chips.nth(2).getAttribute("data-due-team")).isEqualTo(tuesday.plusDays(1) + "T17:00");
        assertThat(chips.nth(1)).containsText("tomorrow, end of day");
        assertThat(chips.nth(2)).containsText("end of Wednesday");
        assertThat(page.locator("#promises .quick-zone")).containsText("America/New_York");

        // Chosen in the team's time, then shown in Ann's own: the same moment either way.
        page.fill("#promises input[name='promise.description']", "Refund the second charge");
        page.selectOption("#promises .promise-new select[name='promise.dueZone']", NEW_YORK.getId());
        chips.nth(1).click();
        var due = page.locator("#promises .promise-new input[name='promise.dueAt']");
        assertThat(due).hasValue(tuesday + "T17:00");
        page.selectOption("#promises .promise-new select[name='promise.dueZone']", new SelectOption().setIndex(0));
        var inBerlin = tuesday.atTime(17, 0)
                .atZone(NEW_YORK)
                .withZoneSameInstant(BERLIN)
                .toLocalDateTime();
        assertThat(due).hasValue(inBerlin.toString());
        page.click("#promises .promise-new button[type=submit]");
        assertThat(page.locator("#promises .promise")).containsText("Refund the second charge");
        assertThat(promiseQueries.ofCase(c.id()).getFirst().dueAt())
                .isEqualTo(tuesday.atTime(17, 0).atZone(NEW_YORK).toInstant());
        page.close();
    }

    @Test
    void aDueTimeWrittenInTheCustomersTimeIsThatMomentAndShownAsTheirs() {
        var ann = fixtures.agent(Role.AGENT);
        var name = Fixtures.unique("Haruki");
        var customer = customers.create(
                new CustomerDetails(
                        "Customer " + name,
                        List.of(name + "@customer.example"),
                        null,
                        null,
                        TOKYO.getId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        false),
                Actor.SYSTEM);
        var c = fixtures.aCase()
                .of(customer)
                .ownedBy(ann)
                .about("Delivery window")
                .open();
        var theirTen = clock.instant().atZone(TOKYO).toLocalDate().plusDays(3).atTime(10, 0);

        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        page.click("#promises .promise-new summary");
        page.fill("#promises input[name='promise.description']", "Call before the courier comes");
        page.fill("#promises .promise-new input[name='promise.dueAt']", theirTen.toString());
        page.selectOption("#promises .promise-new select[name='promise.dueZone']", TOKYO.getId());
        page.click("#promises .promise-new button[type=submit]");

        var promise = page.locator("#promises .promise");
        assertThat(promise).containsText("Call before the courier comes");
        assertThat(promiseQueries.ofCase(c.id()).getFirst().dueAt())
                .isEqualTo(theirTen.atZone(TOKYO).toInstant());
        // Ann's own time first, the customer's next to it, saying whose it is.
        assertThat(promise.locator(".promise-due")).containsText("Asia/Tokyo");
        assertThat(promise.locator(".promise-due small")).containsText("10:00");
        page.close();
    }

    @Test
    void whatAColleagueInAnotherZoneWroteSaysWhoseTimeItIs() {
        var ann = fixtures.agent(Role.AGENT);
        var bob = londoner();
        var team = fixtures.team(ann, bob);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .inTeam(team)
                .about("Callback promised")
                .open();
        desk.note(c.id(), "She wants a call at 7 PM.", Fixtures.signedIn(ann).actor());
        handoffs.offer(
                c.id(),
                bob.id(),
                null,
                "Please call her at 7 PM, she is expecting it.",
                Fixtures.signedIn(ann).actor());

        var page = browser.signedIn(port, bob);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        var note = page.locator("#timeline .kind-note");
        assertThat(note.locator(".zone-note")).containsText(ann.displayName());
        assertThat(note.locator(".zone-note")).containsText(Pattern.compile("CES?T"));
        assertThat(page.locator("#handoff .zone-note")).containsText("Europe/Berlin");
        page.close();

        // Ann reads her own note in her own time, with nothing added.
        var hers = browser.signedIn(port, ann);
        hers.navigate("http://localhost:" + port + "/cases/" + c.number());
        assertThat(hers.locator("#timeline .kind-note .zone-note")).hasCount(0);
        hers.close();
    }

    private AgentView londoner() {
        var name = Fixtures.unique("bob");
        return agents.create(
                name + "@test.example",
                "Agent " + name,
                Role.AGENT,
                ZoneId.of("Europe/London"),
                Fixtures.PASSWORD,
                Actor.SYSTEM);
    }
}
