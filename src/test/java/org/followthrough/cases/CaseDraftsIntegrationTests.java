package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CaseDraftsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDrafts drafts;

    @Test
    void aDraftIsItsAgentsAloneAndComesBackOnTheirPageOnly() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Escrow shortfall"));
        var number = team.escrow().number();
        var ann = ConsoleClient.signedIn(port, team.ann());
        var bob = ConsoleClient.signedIn(port, team.bob());

        var saved = ann.htmxPost(
                "/cases/" + number + "/drafts/reply",
                Map.of(
                        "body", "Dear Mrs Lee, the escrow team  ",
                        "channel", "PORTAL",
                        "then", "WAITING_ON_CUSTOMER",
                        "promise.description", "Call back with the figures",
                        "promise.dueAt", "2030-01-15T17:00"));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Draft saved");

        // Bob, on the same case, neither sees Ann's draft nor replaces it with his own.
        assertThat(bob.get("/cases/" + number).body()).doesNotContain("Dear Mrs Lee");
        var his = bob.htmxPost("/cases/" + number + "/drafts/reply", Map.of("body", "Bob was here"));
        assertThat(his.statusCode()).isEqualTo(200);

        var page = ann.get("/cases/" + number).body();
        assertThat(page).contains("Dear Mrs Lee, the escrow team  </textarea>").doesNotContain("Bob was here");
        // The promise row comes back through the promise module's own row, asked for as typed.
        assertThat(page)
                .contains("description=Call%20back%20with%20the%20figures")
                .contains("Draft saved");
        var mine = drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor())
                .get(ComposerDraft.Kind.REPLY);
        assertThat(mine.body()).isEqualTo("Dear Mrs Lee, the escrow team  ");
        assertThat(mine.channel()).isEqualTo(Channel.PORTAL);
        assertThat(mine.then()).isEqualTo(CaseStatus.WAITING_ON_CUSTOMER);
        assertThat(mine.listPromises()).isFalse();
        assertThat(mine.promises())
                .containsExactly(new Composer.PromiseDraft("Call back with the figures", "2030-01-15T17:00"));
        assertThat(bob.get("/cases/" + number).body()).contains("Bob was here").doesNotContain("Dear Mrs Lee");
    }

    @Test
    void aDraftOutlivesSignOutAndIsGoneOnceSent() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Late refund"));
        var number = team.escrow().number();
        var ann = ConsoleClient.signedIn(port, team.ann());
        ann.htmxPost(
                "/cases/" + number + "/drafts/call",
                Map.of("summary", "She asked about the refund", "direction", "OUTBOUND", "minutes", "7"));
        ann.htmxPost("/cases/" + number + "/drafts/note", Map.of("body", "Check the ledger first"));
        ann.post("/logout", Map.of());

        var again = ConsoleClient.signedIn(port, team.ann());
        var page = again.get("/cases/" + number).body();
        assertThat(page).contains("She asked about the refund").contains("Check the ledger first");
        var call = drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor())
                .get(ComposerDraft.Kind.CALL);
        assertThat(call.call()).isEqualTo(new ComposerDraft.Call(CallDirection.OUTBOUND, 7, null));

        var sent = again.htmxPost("/cases/" + number + "/notes", Map.of("body", "Check the ledger first"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.headers().firstValue("HX-Trigger")).hasValue("case-changed");
        var left = drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor());
        assertThat(left.get(ComposerDraft.Kind.NOTE).saved()).isFalse();
        assertThat(left.get(ComposerDraft.Kind.CALL).saved()).isTrue();

        // Emptying a composer leaves no draft behind either.
        again.htmxPost("/cases/" + number + "/drafts/call", Map.of("summary", "  ", "minutes", "7"));
        assertThat(drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor())
                        .get(ComposerDraft.Kind.CALL)
                        .saved())
                .isFalse();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndKeepsNothing() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.about("Bad drafts"));
        var base = "/cases/" + team.escrow().number() + "/drafts/";
        var ann = ConsoleClient.signedIn(port, team.ann());

        assertRefused(ann.htmxPost(base + "letter", Map.of("body", "x")), "kind");
        assertRefused(ann.htmxPost(base + "reply", Map.of("body", "x", "channel", "PIGEON")), "channel");
        assertRefused(ann.htmxPost(base + "reply", Map.of("body", "x", "channel", "INTERNAL")), "channel");
        assertRefused(ann.htmxPost(base + "reply", Map.of("body", "x", "then", "SOMEDAY")), "then");
        assertRefused(ann.htmxPost(base + "reply", Map.of("body", "x".repeat(CaseDesk.MAX_BODY + 1))), "body");
        assertRefused(ann.htmxPost(base + "reply", Map.of("body", "x", "promise.keeps", "not-an-id")), "promise.keeps");
        assertRefused(
                ann.htmxPost(base + "reply", Map.of("body", "x", "promise.description", "y".repeat(501))),
                "promise.description");
        assertRefused(ann.htmxPost(base + "call", Map.of("summary", "x", "minutes", "lots")), "minutes");
        assertRefused(ann.htmxPost(base + "call", Map.of("summary", "x", "seconds", "75")), "seconds");
        assertRefused(ann.htmxPost(base + "call", Map.of("summary", "x", "direction", "SIDEWAYS")), "direction");

        var mine = drafts.of(team.escrow().id(), Fixtures.signedIn(team.ann()).actor());
        assertThat(mine.values()).noneMatch(ComposerDraft::saved);
    }

    private static void assertRefused(java.net.http.HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(field).isBetween(400, 499);
        assertThat(response.body()).as(field).contains(field);
    }
}
