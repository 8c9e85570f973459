package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.TeamId;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may read and change a case of team A owned by Olga: Ann (agent in team A), Bea (agent in
 * team B), Sam (supervisor of team A), Sid (supervisor of team B) and an admin, over the API and
 * the console. The two subclasses run it under each agent visibility (ADR 013).
 */
abstract class CaseAccessMatrix {

    private static final String NOTE = "Needs the county receipt; escrow filed it; I promised a call Friday.";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AgentQueries agents;

    AgentView olga;
    AgentView ann;
    AgentView bea;
    AgentView sam;
    AgentView sid;
    AgentView admin;
    TeamId teamA;
    TeamId teamB;
    CustomerView customer;
    CaseView escrow;
    String word;
    String casePath;

    /** Whether agents see only their teams' cases (TEAMS) rather than every case (ALL). */
    abstract boolean teamsOnly();

    @BeforeEach
    void aCaseOfTeamAOwnedByOlga() {
        olga = fixtures.agent(Role.AGENT);
        ann = fixtures.agent(Role.AGENT);
        bea = fixtures.agent(Role.AGENT);
        sam = fixtures.agent(Role.SUPERVISOR);
        sid = fixtures.agent(Role.SUPERVISOR);
        admin = fixtures.agent(Role.ADMIN);
        teamA = fixtures.team(olga, ann, sam);
        teamB = fixtures.team(bea, sid);
        customer = fixtures.customer();
        word = letters();
        escrow = fixtures.aCase()
                .of(customer)
                .ownedBy(olga)
                .inTeam(teamA)
                .about("Escrow " + word + " refund")
                .open();
        casePath = "/api/v1/cases/" + escrow.id();
    }

    /** A word nothing else in the shared database contains, for searching. */
    private static String letters() {
        var out = new StringBuilder("qz");
        for (char ch :
                UUID.randomUUID().toString().replace("-", "").substring(0, 10).toCharArray()) {
            out.append((char) ('a' + Character.digit(ch, 16)));
        }
        return out.toString();
    }

    ApiClient api(AgentView agent) {
        return fixtures.api(port, agent);
    }

    ConsoleClient console(AgentView agent) {
        return ConsoleClient.signedIn(port, agent);
    }

    /** Who of the other team would be refused: with a 404 when they may not even see the case. */
    int outsiderRead() {
        return teamsOnly() ? 404 : 200;
    }

    // reading -----------------------------------------------------------------------------------

    @Test
    void theCaseIsReadByItsTeamAndAdminsAndByOthersOnlyWhenAgentsSeeAll() {
        for (var reader : List.of(ann, sam, admin)) {
            assertThat(api(reader).get(casePath).status())
                    .as(reader.displayName())
                    .isEqualTo(200);
            assertThat(api(reader)
                            .get("/api/v1/cases/by-number/" + escrow.number())
                            .status())
                    .isEqualTo(200);
            assertThat(api(reader).get(casePath + "/entries").status()).isEqualTo(200);
            assertThat(api(reader).get(casePath + "/promises").status()).isEqualTo(200);
            assertThat(api(reader).get(casePath + "/handoffs").status()).isEqualTo(200);
        }
        for (var outsider : List.of(bea, sid)) {
            var client = api(outsider);
            assertThat(client.get(casePath).status()).as(outsider.displayName()).isEqualTo(outsiderRead());
            assertThat(client.get("/api/v1/cases/by-number/" + escrow.number()).status())
                    .isEqualTo(outsiderRead());
            assertThat(client.get(casePath + "/entries").status()).isEqualTo(outsiderRead());
            assertThat(client.get(casePath + "/promises").status()).isEqualTo(outsiderRead());
            assertThat(client.get(casePath + "/handoffs").status()).isEqualTo(outsiderRead());
        }
    }

    @Test
    void aRefusedReadIsTheSameNotFoundAsACaseThatDoesNotExist() {
        if (!teamsOnly()) {
            assertThat(api(bea).get(casePath).status()).isEqualTo(200);
            return;
        }
        var refused = api(bea).get(casePath);
        var missing = api(bea).get("/api/v1/cases/" + UUID.randomUUID());
        assertThat(refused.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(refused.raw().headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(refused.text("title")).isEqualTo(missing.text("title"));
    }

    @Test
    void listsAndSearchesLeaveOutWhatTheAgentMayNotRead() {
        for (var reader : List.of(ann, sam, admin, bea, sid)) {
            boolean sees = !teamsOnly() || reader == ann || reader == sam || reader == admin;
            var client = api(reader);
            var listed = client.get("/api/v1/cases?customerId=" + customer.id());
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().get("items").size())
                    .as(reader.displayName())
                    .isEqualTo(sees ? 1 : 0);
            var found = client.get("/api/v1/search?q=" + word);
            assertThat(found.body().get("cases").size())
                    .as(reader.displayName())
                    .isEqualTo(sees ? 1 : 0);
            var byNumber = client.get("/api/v1/search?q=%23" + escrow.number());
            assertThat(byNumber.body().get("cases").size())
                    .as(reader.displayName())
                    .isEqualTo(sees ? 1 : 0);
        }
    }

    @Test
    void theConsoleShowsTheCaseOnlyWhereTheApiDoes() {
        for (var reader : List.of(ann, sam, admin, bea, sid)) {
            boolean sees = !teamsOnly() || reader == ann || reader == sam || reader == admin;
            var console = console(reader);
            assertThat(console.get("/cases/" + escrow.number()).statusCode())
                    .as(reader.displayName())
                    .isEqualTo(sees ? 200 : 404);
            if (!sees) {
                // The page repeats the query; what it must not show is a link to the case.
                assertThat(console.get("/search?q=" + word).body()).doesNotContain(caseLink());
                assertThat(console.get("/?view=OPEN").body()).doesNotContain(word);
                assertThat(console.get("/customers/" + customer.id()).body()).doesNotContain(word);
                assertThat(console.get("/cases/" + escrow.number() + "/promises")
                                .statusCode())
                        .isEqualTo(404);
                assertThat(console.get("/cases/" + escrow.number() + "/handoff").statusCode())
                        .isEqualTo(404);
            } else {
                assertThat(console.get("/search?q=" + word).body()).contains(caseLink());
                assertThat(console.get("/?view=OPEN").body()).contains(word);
                assertThat(console.get("/customers/" + customer.id()).body()).contains(word);
            }
        }
    }

    // changing the case -------------------------------------------------------------------------

    @Test
    void anAgentOfAnotherTeamWritesOnlyWhenAgentsSeeAllAndARefusedWriteWritesNothing() {
        int before = entries();
        var note = api(bea).post(casePath + "/entries", Map.of("kind", "note", "body", "Looked at it"));
        assertThat(note.status()).isEqualTo(teamsOnly() ? 404 : 201);
        assertThat(entries()).isEqualTo(teamsOnly() ? before : before + 1);

        var console = console(bea);
        var posted = console.post("/cases/" + escrow.number() + "/notes", Map.of("body", "From the console"));
        assertThat(posted.statusCode()).isEqualTo(teamsOnly() ? 404 : 302);
        assertThat(entries()).isEqualTo(teamsOnly() ? before : before + 2);

        assertThat(api(ann).post(casePath + "/entries", Map.of("kind", "note", "body", "Team note"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void onlySupervisorsOfTheCasesTeamAndAdminsReassignIt() {
        var toAnn = Map.of("ownerId", ann.id().toString());
        assertThat(api(ann).patch(casePath, toAnn).status()).isEqualTo(403);
        var bySid = api(sid).patch(casePath, toAnn);
        assertThat(bySid.status()).isEqualTo(teamsOnly() ? 404 : 403);
        if (!teamsOnly()) {
            assertThat(bySid.raw().headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(bySid.errorFields()).containsExactly("ownerId");
        }
        var consoleBySid = console(sid)
                .post(
                        "/cases/" + escrow.number() + "/properties",
                        Map.of("ownerId", ann.id().toString()));
        assertThat(consoleBySid.statusCode()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(owner()).isEqualTo(olga.id().toString());

        assertThat(api(sam).patch(casePath, toAnn).status()).isEqualTo(200);
        assertThat(owner()).isEqualTo(ann.id().toString());
        assertThat(api(admin)
                        .patch(casePath, Map.of("ownerId", bea.id().toString()))
                        .status())
                .isEqualTo(200);
        assertThat(owner()).isEqualTo(bea.id().toString());
    }

    // promises ----------------------------------------------------------------------------------

    @Test
    void aColleagueMakesPromisesOfTheirOwnButCannotNameAnotherOwner() {
        var namingOlga = api(ann).post(casePath + "/promises", promise(olga));
        assertThat(namingOlga.status()).isEqualTo(403);
        assertThat(namingOlga.errorFields()).containsExactly("ownerId");
        var namingBea = api(ann).post(casePath + "/promises", promise(bea));
        assertThat(namingBea.status()).isEqualTo(403);
        assertThat(promises()).isZero();

        var own = api(ann).post(casePath + "/promises", promise(null));
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.text("ownerId")).isEqualTo(ann.id().toString());
        assertThat(promises()).isEqualTo(1);
    }

    @Test
    void theCaseOwnerTheTeamsSupervisorAndAdminsNameOwners() {
        assertThat(api(olga).post(casePath + "/promises", promise(ann)).status())
                .isEqualTo(201);
        assertThat(api(sam).post(casePath + "/promises", promise(olga)).status())
                .isEqualTo(201);
        assertThat(api(admin).post(casePath + "/promises", promise(olga)).status())
                .isEqualTo(201);
        assertThat(promises()).isEqualTo(3);

        var bySid = api(sid).post(casePath + "/promises", promise(olga));
        assertThat(bySid.status()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(promises()).isEqualTo(3);
    }

    @Test
    void onlyTheOwnerAndTheTeamsSupervisorActOnAPromise() {
        var made = api(olga).post(casePath + "/promises", promise(null));
        assertThat(made.text("ownerId")).isEqualTo(olga.id().toString());
        var keep = "/api/v1/promises/" + made.text("id") + "/keep";
        var kept = Map.of("note", "Called the customer back");

        assertThat(api(ann).post(keep, kept).status()).isEqualTo(403);
        assertThat(api(sid).post(keep, kept).status()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(api(bea).get("/api/v1/promises/" + made.text("id")).status()).isEqualTo(outsiderRead());
        assertThat(promiseState(made.text("id"))).isEqualTo("open");

        assertThat(api(sam).post(keep, kept).status()).isEqualTo(200);
        assertThat(promiseState(made.text("id"))).isEqualTo("kept");
    }

    @Test
    void promiseListsShowOnlyPromisesOnReadableCases() {
        assertThat(api(olga).post(casePath + "/promises", promise(null)).status())
                .isEqualTo(201);
        for (var reader : List.of(ann, sam, admin, bea, sid)) {
            boolean sees = !teamsOnly() || reader == ann || reader == sam || reader == admin;
            var listed = api(reader).get("/api/v1/promises?caseId=" + escrow.id());
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().get("items").size())
                    .as(reader.displayName())
                    .isEqualTo(sees ? 1 : 0);
        }
    }

    @Test
    void inTheConsoleAColleaguesPromiseIsTheirOwnAndOnlyTheOwnerOrTheTeamsSupervisorKeepsIt() {
        var due = clock.instant()
                .plus(Duration.ofDays(3))
                .atZone(ann.timeZone())
                .toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
        var form = Map.of("promise.description", "Send the county receipt", "promise.dueAt", due);
        var promisesPage = "/cases/" + escrow.number() + "/promises";

        var byBea = console(bea).post(promisesPage, form);
        assertThat(byBea.statusCode()).isEqualTo(teamsOnly() ? 404 : 302);
        assertThat(promises()).isEqualTo(teamsOnly() ? 0 : 1);

        assertThat(console(ann).post(promisesPage, form).statusCode()).isEqualTo(302);
        var made = asAdmin().get(casePath + "/promises").body().get("items");
        var anns = made.get(made.size() - 1);
        // Ann works Olga's case, so the promise is Ann's, not Olga's.
        assertThat(anns.path("ownerId").asString()).isEqualTo(ann.id().toString());

        var keep = "/promises/" + anns.path("id").asString() + "/keep";
        assertThat(console(olga).post(keep, Map.of("note", "Sent it")).statusCode())
                .isEqualTo(403);
        assertThat(console(sid).post(keep, Map.of("note", "Sent it")).statusCode())
                .isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(promiseState(anns.path("id").asString())).isEqualTo("open");
        assertThat(console(sam).post(keep, Map.of("note", "Sent it")).statusCode())
                .isEqualTo(302);
        assertThat(promiseState(anns.path("id").asString())).isEqualTo("kept");
    }

    @Test
    void whoAnswersForAPromiseKeepsSightOfItsCaseUntilItIsSettled() {
        var made = api(ann).post(casePath + "/promises", promise(null));
        assertThat(made.text("ownerId")).isEqualTo(ann.id().toString());
        assertThat(api(sam).patch(casePath, Map.of("teamId", teamB.toString())).status())
                .isEqualTo(200);

        // The case is team B's now; Ann still owes its customer something.
        assertThat(api(ann).get(casePath).status()).isEqualTo(200);
        assertThat(api(ann).get("/api/v1/promises?caseId=" + escrow.id())
                        .body()
                        .get("items")
                        .size())
                .isEqualTo(1);
        assertThat(api(sam).get(casePath).status()).isEqualTo(outsiderRead());

        assertThat(api(ann).post("/api/v1/promises/" + made.text("id") + "/keep", Map.of("note", "Called back"))
                        .status())
                .isEqualTo(200);
        assertThat(api(ann).get(casePath).status()).isEqualTo(outsiderRead());
    }

    @Test
    void aSupervisorsPromiseReportCoversTheTeamsTheySupervise() {
        assertThat(api(olga).post(casePath + "/promises", promise(null)).status())
                .isEqualTo(201);
        var teamName = agents.getTeam(teamA).name();
        var today = clock.instant().atZone(sam.timeZone()).toLocalDate();
        var csv = "/reports/promises.csv?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        assertThat(console(sam).get(csv).body()).contains(teamName);
        assertThat(console(admin).get(csv).body()).contains(teamName);
        assertThat(console(sid).get(csv).body()).doesNotContain(teamName).doesNotContain(olga.displayName());
    }

    // handoffs ----------------------------------------------------------------------------------

    @Test
    void inTheConsoleOnlyTheOwnerAndTheTeamsSupervisorOfferTheCase() {
        var offerPage = "/cases/" + escrow.number() + "/handoffs";
        var form = Map.of("toAgentId", bea.id().toString(), "note", NOTE);
        assertThat(console(ann).post(offerPage, form).statusCode()).isEqualTo(403);
        assertThat(console(sid).post(offerPage, form).statusCode()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(asAdmin().get(casePath + "/handoffs").body().get("items").size())
                .isZero();
        assertThat(console(sam).post(offerPage, form).statusCode()).isEqualTo(302);
        assertThat(asAdmin().get(casePath + "/handoffs").body().get("items").size())
                .isEqualTo(1);
    }

    @Test
    void onlyTheOwnerAndTheTeamsSupervisorOfferOrWithdraw() {
        var handoffs = casePath + "/handoffs";
        assertThat(api(ann).post(handoffs, offer(bea)).status()).isEqualTo(403);
        assertThat(api(sid).post(handoffs, offer(bea)).status()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(api(admin).get(handoffs).body().get("items").size()).isZero();

        var offered = api(sam).post(handoffs, offer(ann));
        assertThat(offered.status()).isEqualTo(201);
        var withdraw = "/api/v1/handoffs/" + offered.text("id") + "/withdraw";
        assertThat(api(sid).post(withdraw, Map.of()).status()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(api(bea).post(withdraw, Map.of()).status()).isEqualTo(teamsOnly() ? 404 : 403);
        assertThat(api(admin).get("/api/v1/handoffs/" + offered.text("id")).text("state"))
                .isEqualTo("offered");
        assertThat(api(olga).post(withdraw, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheReceiverAnswersAnOfferAndTheOfferLetsThemReadTheCase() {
        var offered = api(olga).post(casePath + "/handoffs", offer(bea));
        assertThat(offered.status()).isEqualTo(201);
        var id = offered.text("id");

        // Bea, of another team, may look at what she is offered before she answers.
        assertThat(api(bea).get(casePath).status()).isEqualTo(200);
        assertThat(console(bea).get("/cases/" + escrow.number()).statusCode()).isEqualTo(200);
        assertThat(api(sid).get(casePath).status()).isEqualTo(outsiderRead());

        assertThat(api(ann).post("/api/v1/handoffs/" + id + "/accept", Map.of()).status())
                .isEqualTo(403);
        assertThat(api(sam).post("/api/v1/handoffs/" + id + "/decline", Map.of("reason", "Not hers"))
                        .status())
                .isEqualTo(403);
        assertThat(owner()).isEqualTo(olga.id().toString());

        assertThat(api(bea).post("/api/v1/handoffs/" + id + "/accept", Map.of()).status())
                .isEqualTo(200);
        assertThat(owner()).isEqualTo(bea.id().toString());
        assertThat(api(bea).get(casePath).status()).isEqualTo(200);
    }

    // -------------------------------------------------------------------------------------------

    private Map<String, Object> promise(AgentView owner) {
        var body = new LinkedHashMap<String, Object>();
        body.put("description", "Call back with the refund status");
        body.put(
                "dueAt",
                clock.instant()
                        .plus(Duration.ofDays(3))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        if (owner != null) {
            body.put("ownerId", owner.id().toString());
        }
        return body;
    }

    private static Map<String, Object> offer(AgentView to) {
        return Map.of("toAgentId", to.id().toString(), "note", NOTE);
    }

    private String caseLink() {
        return "href=\"/cases/" + escrow.number();
    }

    private ApiClient asAdmin() {
        return api(admin);
    }

    private int entries() {
        return asAdmin().get(casePath + "/entries").body().get("items").size();
    }

    private int promises() {
        return asAdmin().get(casePath + "/promises").body().get("items").size();
    }

    private String promiseState(String id) {
        return asAdmin().get("/api/v1/promises/" + id).text("state");
    }

    private String owner() {
        return asAdmin().get(casePath).text("ownerId");
    }
}
