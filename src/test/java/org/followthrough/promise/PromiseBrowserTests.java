package org.followthrough.promise;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.followthrough.identity.Role;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class PromiseBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Test
    void anAgentMakesAPromiseFromASuggestedSentenceAndSeesItOnTheCase() {
        // No mailbox sends on this desk: the reply is recorded only when the agent says so.
        fixtures.quietMailboxes();
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase()
                .ownedBy(ann)
                .about("Refund for the cancelled order")
                .saying("Where is my refund?")
                .open();
        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        assertThat(page.locator("#promises")).containsText("Nothing promised yet");

        page.fill(
                "form[data-pane=reply] textarea[name=body]",
                "I'm sorry for the wait. I will check with the warehouse and get back to you by Friday.");
        var suggestion = page.locator("form[data-pane=reply] .suggestion");
        assertThat(suggestion).containsText("get back to you by Friday");
        suggestion.locator("[data-accept-suggestion]").click();

        var draft = page.locator("#promise-drafts-reply .promise-draft");
        assertThat(draft).hasCount(1);
        assertThat(draft.locator("input[name='promise.description']"))
                .hasValue(Pattern.compile(".*get back to you by Friday.*"));
        assertThat(draft.locator("input[name='promise.dueAt']")).not().hasValue("");
        assertThat(suggestion).hasCount(0);

        page.check("form[data-pane=reply] input[name=recordUndelivered]");
        page.click("form[data-pane=reply] button[type=submit]");
        assertThat(page.locator("#timeline .kind-reply")).containsText("get back to you by Friday");
        assertThat(page.locator("#promises .promise")).hasCount(1);
        assertThat(page.locator("#promises .promise")).containsText("get back to you by Friday");
        assertThat(page.locator("#promises .promise .badge")).hasText("Open");

        var made = promiseQueries.ofCase(c.id());
        assertThat(made).hasSize(1);
        assertThat(made.getFirst().made().inEntryId()).isNotNull();
        page.close();
    }

    @Test
    void quickChoicesFillTheDueTimeAndTheCaseCannotBeResolvedUntilThePromiseIsKept() {
        var ann = fixtures.agent(Role.AGENT);
        var c = fixtures.aCase().ownedBy(ann).about("Replacement charger").open();
        var page = browser.signedIn(port, ann);
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        page.click("#promises .promise-new summary");
        page.fill("#promises input[name='promise.description']", "Send a replacement charger");
        page.locator("#promises .quick .chip").nth(2).click();
        assertThat(page.locator("#promises input[name='promise.dueAt']")).not().hasValue("");
        page.click("#promises .promise-new button[type=submit]");
        assertThat(page.locator("#promises .promise")).containsText("Send a replacement charger");

        page.selectOption("select[name=status]", "RESOLVED");
        assertThat(page.locator("#flash")).containsText("Send a replacement charger");

        page.click("#promises .promise-actions details:first-child summary");
        page.fill("#promises .promise-actions input[name=note]", "Courier collected it today");
        page.click("#promises .promise-actions details:first-child button[type=submit]");
        assertThat(page.locator("#promises .promise .badge")).hasText("Kept");
        page.close();
    }
}
