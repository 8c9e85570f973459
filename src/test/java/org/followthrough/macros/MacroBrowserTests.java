package org.followthrough.macros;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Set;
import org.assertj.core.api.Assertions;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.macros.MacroActions.MacroPromise;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MacroBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MacroDesk macros;

    @Autowired
    CaseQueries cases;

    @Test
    void anAgentTypesTwoColonsPicksAMacroWithTheKeyboardAndItsTextStatusPromiseAndTagsGoOutWithTheReply() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Refund for a double charge"));
        macros.write(
                MacroScope.SHARED,
                new Macro.Content(
                        "Refund approved",
                        "Hello {{customer.first_name}}, the refund for case #{{case.number}} is on its way.",
                        new MacroActions(
                                CaseStatus.WAITING_ON_CUSTOMER,
                                Set.of("refund"),
                                null,
                                new MacroPromise("Confirm the refund arrived", PromiseDue.parse("BUSINESS_DAYS:3")))),
                team.team(),
                Fixtures.signedIn(team.sue()).actor());
        var page = browser.signedIn(port, team.ann());
        page.navigate("http://localhost:" + port + "/cases/" + team.escrow().number());

        var reply = page.locator("form[data-pane=reply]");
        var body = reply.locator("textarea[name=body]");
        body.click();
        body.pressSequentially("Thanks for waiting. ::");
        var search = reply.locator("[data-macro-search]");
        assertThat(search).isFocused();
        search.pressSequentially("refund");
        assertThat(reply.locator(".macro-pick")).hasCount(1);
        search.press("Enter");

        var firstName = team.escrow().people().customerName().split(" ")[0];
        assertThat(body)
                .hasValue("Thanks for waiting. Hello " + firstName + ", the refund for case #"
                        + team.escrow().number() + " is on its way.");
        assertThat(body).isFocused();
        assertThat(reply.locator("select[name=then]")).hasValue("WAITING_ON_CUSTOMER");
        assertThat(reply.locator(".promise-draft input[name='promise.description']"))
                .hasValue("Confirm the refund arrived");
        assertThat(reply.locator(".macro-picker")).isHidden();

        var undelivered = reply.locator("input[name=recordUndelivered]");
        if (undelivered.count() > 0) {
            undelivered.check();
        }
        reply.locator("button[type=submit]").first().click();

        assertThat(page.locator("#timeline"))
                .containsText("the refund for case #" + team.escrow().number());
        assertThat(page.locator("#promises")).containsText("Confirm the refund arrived");
        var after = cases.get(team.escrow().id());
        Assertions.assertThat(after.tags()).contains("refund");
        Assertions.assertThat(after.status()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
        page.close();
    }
}
