package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A reply written while the customer wrote again is not sent until the agent says so. */
@IntegrationTest
class ReplyOverNewerMessageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    CaseDesk desk;

    @Autowired
    CaseQueries queries;

    private long replies(CaseId id) {
        return queries.timeline(id).stream()
                .filter(e -> e.kind() == EntryKind.REPLY)
                .count();
    }

    @Test
    void aReplyOverANewerCustomerMessageAsksFirstAndGoesOutWhenConfirmed() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.saying("The invoice is wrong."));
        var escrow = team.escrow();
        var seen = queries.timeline(escrow.id()).getLast().id();
        desk.recordInbound(
                escrow.id(), "Also, the delivery address changed to Elm Street 5.", Channel.EMAIL, Actor.SYSTEM);
        var console = ConsoleClient.signedIn(port, team.ann());
        var path = "/cases/" + escrow.number() + "/reply";

        var asked = console.htmxPost(
                path,
                Map.of("body", "I have corrected the invoice.", "seen", seen.toString(), "recordUndelivered", "true"));
        assertThat(asked.statusCode()).isEqualTo(409);
        assertThat(asked.headers().firstValue("HX-Retarget")).hasValue("#live-confirm");
        assertThat(asked.body())
                .contains("A new message from")
                .contains("the delivery address changed to Elm Street 5.")
                .contains("Send anyway")
                .contains("Review");
        assertThat(replies(escrow.id())).as("nothing sent while asking").isZero();

        var sent = console.htmxPost(
                path,
                Map.of(
                        "body",
                        "I have corrected the invoice.",
                        "seen",
                        seen.toString(),
                        "confirmed",
                        "true",
                        "recordUndelivered",
                        "true"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(replies(escrow.id())).isEqualTo(1);
    }

    @Test
    void aReplyThatSawTheLatestMessageGoesOutAtOnce() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c.saying("Where is my parcel?"));
        var escrow = team.escrow();
        desk.recordInbound(escrow.id(), "It is the blue one.", Channel.EMAIL, Actor.SYSTEM);
        var seen = queries.timeline(escrow.id()).getLast().id();
        // What the agent's colleagues add is no reason to ask: only the customer's messages are.
        desk.note(
                escrow.id(), "Checked the depot.", Fixtures.signedIn(team.bob()).actor());
        var console = ConsoleClient.signedIn(port, team.ann());

        var sent = console.htmxPost(
                "/cases/" + escrow.number() + "/reply",
                Map.of("body", "It is on its way.", "seen", seen.toString(), "recordUndelivered", "true"));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(replies(escrow.id())).isEqualTo(1);
    }
}
