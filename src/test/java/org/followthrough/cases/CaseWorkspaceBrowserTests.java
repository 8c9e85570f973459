package org.followthrough.cases;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseState;
import org.followthrough.promise.PromiseView;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Eventually;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The case workspace: nothing typed is lost, and a reply keeps promises and resolves in one step. */
@IntegrationTest
class CaseWorkspaceBrowserTests {

    private static final String TYPED = "I have asked the escrow team and will call you back.";
    private static final String ROW = "Call back with the escrow answer";
    private static final String DUE = "2030-01-15T17:00";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDrafts drafts;

    @Autowired
    CaseQueries cases;

    @Autowired
    PromiseDesk promises;

    @Autowired
    PromiseQueries promiseQueries;

    @Autowired
    MutableClock clock;

    @Test
    void sideActionsLeaveAHalfWrittenReplyAloneAndItsDraftOutlivesReloadAndSignOutUntilSent() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Escrow refund").saying("Where is my refund?"));
        var page = browser.signedIn(port, team.ann());
        var url = "http://localhost:" + port + "/cases/" + team.escrow().number();
        page.navigate(url);

        var reply = page.locator("form[data-pane=reply]");
        reply.locator("textarea[name=body]").fill(TYPED);
        reply.locator(".add-promise").click();
        var row = page.locator("#promise-drafts-reply .promise-draft");
        assertThat(row).hasCount(1);
        row.locator("input[name='promise.description']").fill(ROW);
        row.locator("input[name='promise.dueAt']").fill(DUE);
        Eventually.until(Duration.ofSeconds(10), "the draft holds the reply and its promise row", () -> {
            var draft = replyDraft(team);
            return draft.body().equals(TYPED)
                    && draft.promises().equals(java.util.List.of(new Composer.PromiseDraft(ROW, DUE)));
        });
        assertThat(reply.locator(".draft-saved")).containsText("Draft saved");

        // Priority, tags and a promise recorded in the side panel: each shows, and the composer stays.
        page.selectOption("#case-properties select[name=priority]", "URGENT");
        assertThat(page.locator("#case-head .meta")).containsText("Urgent");
        page.fill("#case-properties input[name=tags]", "escrow, vip");
        page.press("#case-properties input[name=tags]", "Tab");
        assertThat(page.locator("#timeline")).containsText("set the tags to escrow, vip");
        page.click("#promises .promise-new summary");
        page.fill("#promises input[name='promise.description']", "Send the escrow statement");
        page.locator("#promises .quick .chip").nth(2).click();
        page.click("#promises .promise-new button[type=submit]");
        assertThat(page.locator("#promises .promise")).containsText("Send the escrow statement");
        assertThat(page.locator("#case-properties input[name=tags]")).hasValue("escrow, vip");

        assertThat(reply.locator("textarea[name=body]")).hasValue(TYPED);
        assertThat(row).hasCount(1);
        assertThat(row.locator("input[name='promise.description']")).hasValue(ROW);
        assertThat(row.locator("input[name='promise.dueAt']")).hasValue(DUE);

        page.reload();
        assertRestored(page);

        page.click("header form[action$='/logout'] button");
        page.fill("input[name=username]", team.ann().email());
        page.fill("input[name=password]", Fixtures.PASSWORD);
        page.click("main button[type=submit]");
        assertThat(page.locator("h1")).hasText("Inbox");
        page.navigate(url);
        assertRestored(page);

        recordWithoutSending(page.locator("form[data-pane=reply]"));
        page.locator("form[data-pane=reply] button[type=submit]").click();
        assertThat(page.locator("#timeline .kind-reply")).containsText(TYPED);
        assertThat(page.locator("#promises .promise")).hasCount(2);
        assertThat(page.locator("form[data-pane=reply] textarea[name=body]")).hasValue("");
        assertThat(page.locator("#promise-drafts-reply .promise-draft")).hasCount(0);
        Assertions.assertThat(replyDraft(team).saved()).isFalse();
        page.reload();
        assertThat(page.locator("form[data-pane=reply] textarea[name=body]")).hasValue("");
        assertThat(page.locator("form[data-pane=reply] .draft-saved")).hasCount(0);
        page.close();
    }

    @Test
    void aReplyKeepsTheLastOpenPromiseAndResolvesTheCaseInOneAction() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Shipping label"));
        var promise = promiseOn(team, "Send the shipping label");
        var page = browser.signedIn(port, team.ann());
        page.navigate("http://localhost:" + port + "/cases/" + team.escrow().number());

        var reply = page.locator("form[data-pane=reply]");
        var tick = reply.locator(".keeps input[name='promise.keeps']");
        assertThat(tick).hasCount(1);
        assertThat(reply.locator(".keeps")).containsText("Send the shipping label");
        tick.check();
        reply.locator("textarea[name=body]").fill("Here is your shipping label.");
        reply.locator("select[name=then]").selectOption("RESOLVED");
        recordWithoutSending(reply);
        reply.locator("button[type=submit]").click();

        assertThat(page.locator("#case-head .meta")).containsText("Resolved");
        assertThat(page.locator("#promises .promise .badge")).hasText("Kept");
        assertThat(page.locator("#flash .flash")).hasCount(0);
        Assertions.assertThat(cases.get(team.escrow().id()).status()).isEqualTo(CaseStatus.RESOLVED);
        Assertions.assertThat(promiseQueries.get(promise.id()).state()).isEqualTo(PromiseState.KEPT);
        page.close();
    }

    @Test
    void aRefusalToResolveNamesWhatIsOpenSettlesItInOneClickAndShowsTheRealStatus() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Replacement charger"));
        var promise = promiseOn(team, "Send a replacement charger");
        var page = browser.signedIn(port, team.ann());
        page.navigate("http://localhost:" + port + "/cases/" + team.escrow().number());
        var status = page.locator("#case-properties select[name=status]");

        status.selectOption("RESOLVED");
        var refusal = page.locator("#flash .refusal");
        assertThat(refusal).containsText("Send a replacement charger");
        assertThat(refusal.locator(".unsettled")).containsText("due");
        assertThat(refusal.locator(".unsettled")).containsText(team.ann().displayName());
        assertThat(status).hasValue("OPEN");

        // Refused again: the new message replaces the old one, visibly a new one.
        refusal.evaluate("e => e.dataset.seen = 'yes'");
        status.selectOption("RESOLVED");
        assertThat(page.locator("#flash .refusal:not([data-seen])")).hasCount(1);
        assertThat(page.locator("#flash .refusal")).hasCount(1);
        assertThat(status).hasValue("OPEN");

        // A reply that would resolve is refused too, and what was typed stays.
        var reply = page.locator("form[data-pane=reply]");
        reply.locator("textarea[name=body]").fill("All sorted now.");
        reply.locator("select[name=then]").selectOption("RESOLVED");
        refusal.evaluate("e => e.dataset.seen = 'yes'");
        recordWithoutSending(reply);
        reply.locator("button[type=submit]").click();
        assertThat(page.locator("#flash .refusal:not([data-seen])")).containsText("Send a replacement charger");
        assertThat(reply.locator("textarea[name=body]")).hasValue("All sorted now.");

        page.locator("#flash .unsettled button.primary").click();
        assertThat(page.locator("#promises .promise .badge")).hasText("Kept");
        assertThat(page.locator("#flash")).containsText("Nothing is open any more");
        Assertions.assertThat(promiseQueries.get(promise.id()).state()).isEqualTo(PromiseState.KEPT);

        status.selectOption("RESOLVED");
        assertThat(page.locator("#case-head .meta")).containsText("Resolved");
        assertThat(status).hasValue("RESOLVED");
        assertThat(page.locator("#flash .refusal")).hasCount(0);
        page.close();
    }

    @Test
    void theKeptFormStaysInItsCardOnADesktopAndAPhoneAndTheTagsHintReadsAsAHint() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Layout"));
        var page = browser.signedIn(port, team.ann());
        page.navigate("http://localhost:" + port + "/cases/" + team.escrow().number());
        // A long reply makes a long choice in the Kept form's evidence list.
        page.fill(
                "form[data-pane=reply] textarea[name=body]",
                "We have looked at everything on your account and the replacement is on its way with the courier"
                        + "AndThisIsOneVeryLongWordThatDoesNotBreakAnywhereAtAll today.");
        recordWithoutSending(page.locator("form[data-pane=reply]"));
        page.click("form[data-pane=reply] button[type=submit]");
        assertThat(page.locator("#timeline .kind-reply")).hasCount(1);
        promiseOn(team, "Send the replacement");

        for (int width : new int[] {1280, 375}) {
            page.setViewportSize(width, 900);
            page.reload();
            page.click("#promises .promise-actions details:first-child summary");
            var card = page.locator("#promises .promise").first().boundingBox();
            var form = page.locator("#promises .promise-actions details:first-child form")
                    .boundingBox();
            var panel = page.locator("#promises").boundingBox();
            Assertions.assertThat(form.x + form.width)
                    .as("at %d px", width)
                    .isLessThanOrEqualTo(card.x + card.width + 0.5);
            Assertions.assertThat(card.x + card.width)
                    .as("at %d px", width)
                    .isLessThanOrEqualTo(panel.x + panel.width + 0.5);
            Assertions.assertThat(panel.x + panel.width).as("at %d px", width).isLessThanOrEqualTo(width + 0.5);
        }

        var tags = page.locator("#case-properties input[name=tags]");
        assertThat(tags).hasAttribute("placeholder", "Add tags, comma-separated");
        assertThat(tags).hasValue("");
        Assertions.assertThat(tags.evaluate("e => getComputedStyle(e, '::placeholder').fontStyle"))
                .isEqualTo("italic");
        page.close();
    }

    private void assertRestored(Page page) {
        var reply = page.locator("form[data-pane=reply]");
        assertThat(reply.locator("textarea[name=body]")).hasValue(TYPED);
        var row = page.locator("#promise-drafts-reply .promise-draft");
        assertThat(row).hasCount(1);
        assertThat(row.locator("input[name='promise.description']")).hasValue(ROW);
        assertThat(row.locator("input[name='promise.dueAt']")).hasValue(DUE);
        assertThat(reply.locator(".draft-saved")).containsText("Draft saved");
    }

    private ComposerDraft replyDraft(Fixtures.TeamCase team) {
        return drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor())
                .get(ComposerDraft.Kind.REPLY);
    }

    private PromiseView promiseOn(Fixtures.TeamCase team, String what) {
        return promises.make(
                new PromiseDesk.MakePromise(
                        team.escrow().id(), what, clock.instant().plus(Duration.ofDays(2)), null, null),
                Fixtures.signedIn(team.ann()).actor());
    }

    /** The test desk has no mailbox switched on: a reply is recorded without sending, as the composer offers. */
    private static void recordWithoutSending(Locator reply) {
        var box = reply.locator("input[name=recordUndelivered]");
        if (box.count() > 0 && !box.isChecked()) {
            box.check();
        }
    }
}
