package org.followthrough.handoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.cases.CaseView;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class HandoffApiIntegrationTests {

    private static final String NOTE =
            "Needs the county receipt; escrow ops filed the request; I promised a call Friday.";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    AgentView ann;
    AgentView bob;
    AgentView sue;
    TeamId team;
    CaseView escrow;
    ApiClient asAnn;
    ApiClient asBob;
    ApiClient asSue;
    String casePath;
    String handoffsOfCase;

    @BeforeEach
    void annOwnsACaseInHerTeam() {
        var given = fixtures.annOwnsACaseInHerTeam(c -> c);
        ann = given.ann();
        bob = given.bob();
        sue = given.sue();
        team = given.team();
        escrow = given.escrow();
        asAnn = fixtures.api(port, ann);
        asBob = fixtures.api(port, bob);
        asSue = fixtures.api(port, sue);
        casePath = "/api/v1/cases/" + escrow.id();
        handoffsOfCase = casePath + "/handoffs";
    }

    private static Map<String, Object> offerTo(AgentView agent) {
        var body = new LinkedHashMap<String, Object>();
        body.put("toAgentId", agent.id().toString());
        body.put("note", NOTE);
        return body;
    }

    private String offerToBob() {
        var offered = asAnn.post(handoffsOfCase, offerTo(bob));
        assertThat(offered.status()).isEqualTo(201);
        return offered.text("id");
    }

    private static String handoffPath(String id, String action) {
        return "/api/v1/handoffs/" + id + (action == null ? "" : "/" + action);
    }

    private String promiseOnTheCase(String description) {
        var made = asAnn.post(
                casePath + "/promises",
                Map.of(
                        "description",
                        description,
                        "dueAt",
                        clock.instant()
                                .plus(Duration.ofDays(2))
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString()));
        assertThat(made.status()).isEqualTo(201);
        return made.text("id");
    }

    @Test
    void offeringACaseAnswers201WithItsLocationAndTheOwnerStaysAccountable() {
        var response = asAnn.post(handoffsOfCase, offerTo(bob));

        assertThat(response.status()).isEqualTo(201);
        var id = response.text("id");
        assertThat(response.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/handoffs/" + id));
        assertThat(response.text("caseId")).isEqualTo(escrow.id().toString());
        assertThat(response.body().path("caseNumber").asLong()).isEqualTo(escrow.number());
        assertThat(response.text("fromOwnerId")).isEqualTo(ann.id().toString());
        assertThat(response.text("fromOwnerName")).isEqualTo(ann.displayName());
        assertThat(response.text("toAgentId")).isEqualTo(bob.id().toString());
        assertThat(response.body().has("toTeamId")).isFalse();
        assertThat(response.text("note")).isEqualTo(NOTE);
        assertThat(response.text("state")).isEqualTo("offered");
        var offeredAt = Instant.parse(response.text("offeredAt"));
        assertThat(offeredAt).isEqualTo(clock.instant());
        assertThat(Instant.parse(response.text("answerBy"))).isAfter(offeredAt);
        assertThat(response.body().has("decidedAt")).isFalse();
        assertThat(response.body().has("declineReason")).isFalse();

        assertThat(asAnn.get(casePath).text("ownerId")).isEqualTo(ann.id().toString());
        var read = asBob.get(handoffPath(id, null));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("state")).isEqualTo("offered");
        assertThat(read.text("note")).isEqualTo(NOTE);
        var ofCase = asBob.get(handoffsOfCase);
        assertThat(ofCase.status()).isEqualTo(200);
        assertThat(ofCase.body().path("items").size()).isEqualTo(1);
        assertThat(ofCase.body().path("items").get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void acceptingMovesTheCaseAndItsOpenPromisesToTheAccepter() {
        var open = promiseOnTheCase("Call back Friday");
        var kept = promiseOnTheCase("Send the county receipt");
        asAnn.post("/api/v1/promises/" + kept + "/keep", Map.of("note", "Sent by post"));
        var id = offerToBob();
        clock.advance(Duration.ofMinutes(10));

        var response = asBob.post(handoffPath(id, "accept"), Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("state")).isEqualTo("accepted");
        assertThat(Instant.parse(response.text("decidedAt"))).isEqualTo(clock.instant());
        assertThat(response.text("decidedBy")).isEqualTo(bob.displayName());
        assertThat(asBob.get(casePath).text("ownerId")).isEqualTo(bob.id().toString());
        var moved = asBob.get("/api/v1/promises/" + open);
        assertThat(moved.text("ownerId")).isEqualTo(bob.id().toString());
        assertThat(moved.text("ownerName")).isEqualTo(bob.displayName());
        assertThat(moved.text("state")).isEqualTo("open");
        assertThat(asBob.get("/api/v1/promises/" + kept).text("ownerId"))
                .isEqualTo(ann.id().toString());
        // Ann no longer answers for the moved promise; Bob does.
        assertThat(asAnn.post("/api/v1/promises/" + open + "/keep", Map.of("note", "Called"))
                        .status())
                .isEqualTo(403);
        assertThat(asBob.post("/api/v1/promises/" + open + "/keep", Map.of("note", "Called"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anOfferToATeamIsAnsweredByAnyOfItsMembersAndMovesTheCaseIntoIt() {
        var dana = fixtures.agent(Role.AGENT);
        var devices = fixtures.team(dana);
        var offered = asAnn.post(handoffsOfCase, Map.of("toTeamId", devices.toString(), "note", NOTE));
        assertThat(offered.status()).isEqualTo(201);
        assertThat(offered.text("toTeamId")).isEqualTo(devices.toString());
        assertThat(offered.body().has("toAgentId")).isFalse();
        var id = offered.text("id");

        assertThat(asBob.post(handoffPath(id, "accept"), Map.of()).status()).isEqualTo(403);
        var accepted = fixtures.api(port, dana).post(handoffPath(id, "accept"), Map.of());

        assertThat(accepted.status()).isEqualTo(200);
        var after = asAnn.get(casePath);
        assertThat(after.text("ownerId")).isEqualTo(dana.id().toString());
        assertThat(after.text("teamId")).isEqualTo(devices.toString());
    }

    @Test
    void decliningNeedsAReasonAndLeavesTheCaseWithItsOwner() {
        var id = offerToBob();

        var noReason = asBob.post(handoffPath(id, "decline"), Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorFields()).containsExactly("reason");
        assertThat(asBob.post(handoffPath(id, "decline"), Map.of("reason", "  "))
                        .errorFields())
                .containsExactly("reason");
        assertThat(asBob.get(handoffPath(id, null)).text("state")).isEqualTo("offered");

        var declined = asBob.post(handoffPath(id, "decline"), Map.of("reason", "I am off from tomorrow"));

        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.text("state")).isEqualTo("declined");
        assertThat(declined.text("declineReason")).isEqualTo("I am off from tomorrow");
        assertThat(declined.text("decidedBy")).isEqualTo(bob.displayName());
        assertThat(asAnn.get(casePath).text("ownerId")).isEqualTo(ann.id().toString());
    }

    @Test
    void onlyTheReceiverMayAcceptOrDeclineAnOffer() {
        var id = offerToBob();

        var accept = asSue.post(handoffPath(id, "accept"), Map.of());
        assertThat(accept.status()).isEqualTo(403);
        assertThat(accept.text("detail")).contains(bob.displayName());
        assertThat(asSue.post(handoffPath(id, "decline"), Map.of("reason", "Not for Bob"))
                        .status())
                .isEqualTo(403);
        assertThat(asAnn.post(handoffPath(id, "accept"), Map.of()).status()).isEqualTo(403);
        assertThat(ApiClient.admin(port)
                        .post(handoffPath(id, "accept"), Map.of())
                        .status())
                .isEqualTo(403);

        assertThat(asAnn.get(handoffPath(id, null)).text("state")).isEqualTo("offered");
        assertThat(asAnn.get(casePath).text("ownerId")).isEqualTo(ann.id().toString());
    }

    @Test
    void onlyTheOwnerOrASupervisorMayOfferACase() {
        var denied = asBob.post(handoffsOfCase, offerTo(sue));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.text("detail")).contains("#" + escrow.number());
        assertThat(asAnn.get(handoffsOfCase).body().path("items").size()).isZero();

        var bySupervisor = asSue.post(handoffsOfCase, offerTo(bob));

        assertThat(bySupervisor.status()).isEqualTo(201);
        assertThat(bySupervisor.text("fromOwnerId")).isEqualTo(ann.id().toString());
    }

    @Test
    void onlyTheOwnerOrASupervisorMayWithdrawAnOffer() {
        var id = offerToBob();

        assertThat(asBob.post(handoffPath(id, "withdraw"), Map.of()).status()).isEqualTo(403);
        assertThat(asBob.get(handoffPath(id, null)).text("state")).isEqualTo("offered");

        var withdrawn = asSue.post(handoffPath(id, "withdraw"), Map.of());
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.text("state")).isEqualTo("withdrawn");
        assertThat(withdrawn.text("decidedBy")).isEqualTo(sue.displayName());
    }

    @Test
    void aCaseHasOneOpenOfferAtATime() {
        var first = offerToBob();

        var second = asAnn.post(handoffsOfCase, offerTo(sue));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains("already offered");

        var withdrawn = asAnn.post(handoffPath(first, "withdraw"), Map.of());
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.text("state")).isEqualTo("withdrawn");
        var again = asAnn.post(handoffsOfCase, offerTo(sue));
        assertThat(again.status()).isEqualTo(201);

        var states = new ArrayList<String>();
        asAnn.get(handoffsOfCase)
                .body()
                .path("items")
                .forEach(h -> states.add(h.path("state").asString()));
        assertThat(states).containsExactly("withdrawn", "offered");
    }

    @Test
    void anAnsweredOfferCannotBeAnsweredAgain() {
        var id = offerToBob();
        assertThat(asBob.post(handoffPath(id, "decline"), Map.of("reason", "Too busy"))
                        .status())
                .isEqualTo(200);

        var accept = asBob.post(handoffPath(id, "accept"), Map.of());
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.text("detail")).contains("declined");
        assertThat(asBob.post(handoffPath(id, "decline"), Map.of("reason", "Still busy"))
                        .status())
                .isEqualTo(409);
        assertThat(asAnn.post(handoffPath(id, "withdraw"), Map.of()).status()).isEqualTo(409);

        var after = asAnn.get(handoffPath(id, null));
        assertThat(after.text("state")).isEqualTo("declined");
        assertThat(after.text("declineReason")).isEqualTo("Too busy");
        assertThat(asAnn.get(casePath).text("ownerId")).isEqualTo(ann.id().toString());
    }

    @Test
    void anAcceptedOfferCannotBeAcceptedTwice() {
        var id = offerToBob();
        assertThat(asBob.post(handoffPath(id, "accept"), Map.of()).status()).isEqualTo(200);

        var again = asBob.post(handoffPath(id, "accept"), Map.of());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("accepted");
    }

    @Test
    void badOffersAreRefusedNamingTheFieldAndNothingIsOffered() {
        var outsider = fixtures.agent(Role.AGENT);
        var shortNote = offerTo(bob);
        shortNote.put("note", "pls");
        var noNote = offerTo(bob);
        noNote.remove("note");
        var ghostAgent = offerTo(bob);
        ghostAgent.put("toAgentId", UUID.randomUUID().toString());
        var ghostTeam = new LinkedHashMap<String, Object>(
                Map.of("toTeamId", UUID.randomUUID().toString()));
        ghostTeam.put("note", NOTE);
        var notInTeam = offerTo(outsider);
        notInTeam.put("toTeamId", team.toString());
        var typo = offerTo(bob);
        typo.put("toAgent", bob.id().toString());

        var tooShort = asAnn.post(handoffsOfCase, shortNote);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.errorFields()).containsExactly("note");
        assertThat(asAnn.post(handoffsOfCase, noNote).errorFields()).containsExactly("note");
        var nobody = asAnn.post(handoffsOfCase, Map.of("note", NOTE));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.errorFields()).containsExactly("toAgentId");
        assertThat(asAnn.post(handoffsOfCase, ghostAgent).errorFields()).containsExactly("toAgentId");
        assertThat(asAnn.post(handoffsOfCase, ghostTeam).errorFields()).containsExactly("toTeamId");
        assertThat(asAnn.post(handoffsOfCase, offerTo(ann)).errorFields()).containsExactly("toAgentId");
        assertThat(asAnn.post(handoffsOfCase, notInTeam).errorFields()).containsExactly("toAgentId");
        assertThat(asAnn.post(handoffsOfCase, typo).errorFields()).containsExactly("toAgent");
        assertThat(asAnn.post(handoffsOfCase, Map.of("toAgentId", "bob", "note", NOTE))
                        .errorFields())
                .containsExactly("toAgentId");

        assertThat(asAnn.get(handoffsOfCase).body().path("items").size()).isZero();
    }

    @Test
    void aCaseWithoutAnOwnerCannotBeOffered() {
        var unowned = fixtures.aCase().inTeam(team).open();

        var response = asSue.post("/api/v1/cases/" + unowned.id() + "/handoffs", offerTo(bob));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("detail")).contains("no owner");
    }

    @Test
    void unknownHandoffsAndCasesAreNotFound() {
        var ghost = UUID.randomUUID().toString();
        var ghostCase = "/api/v1/cases/" + UUID.randomUUID() + "/handoffs";

        var missing = asAnn.get(handoffPath(ghost, null));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("detail")).contains(ghost);
        assertThat(asBob.post(handoffPath(ghost, "accept"), Map.of()).status()).isEqualTo(404);
        assertThat(asBob.post(handoffPath(ghost, "decline"), Map.of("reason", "No"))
                        .status())
                .isEqualTo(404);
        assertThat(asAnn.post(handoffPath(ghost, "withdraw"), Map.of()).status())
                .isEqualTo(404);
        assertThat(asAnn.post(ghostCase, offerTo(bob)).status()).isEqualTo(404);
        assertThat(asAnn.get(ghostCase).status()).isEqualTo(404);
        assertThat(asAnn.get("/api/v1/handoffs/not-a-uuid").errorFields()).containsExactly("id");
    }

    @Test
    void withoutATokenTheHandoffApiIsUnauthorized() {
        var id = offerToBob();
        var anonymous = ApiClient.anonymous(port);

        var offer = anonymous.post(handoffsOfCase, offerTo(sue));
        assertThat(offer.status()).isEqualTo(401);
        assertThat(offer.text("status")).isEqualTo("401");
        assertThat(anonymous.get(handoffsOfCase).status()).isEqualTo(401);
        assertThat(anonymous.get(handoffPath(id, null)).status()).isEqualTo(401);
        for (var action : List.of("accept", "decline", "withdraw")) {
            assertThat(anonymous
                            .post(handoffPath(id, action), Map.of("reason", "No"))
                            .status())
                    .as(action)
                    .isEqualTo(401);
        }
        assertThat(asAnn.get(handoffPath(id, null)).text("state")).isEqualTo("offered");
    }
}
