package org.followthrough.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.ApiTokens;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestAgents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CaseApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CustomerQueries customers;

    @Autowired
    CustomerDesk customerDesk;

    @Autowired
    AgentDesk agents;

    @Autowired
    AgentQueries agentQueries;

    @Autowired
    ApiTokens tokens;

    ApiClient api;
    String unique;
    CustomerView customer;

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(port);
        unique = UUID.randomUUID().toString().substring(0, 8);
        customer = customerDesk.create(CustomerDetails.named("Grace " + unique, email("grace")), Actor.SYSTEM);
    }

    private String email(String who) {
        return who + "." + unique + "@cases.test";
    }

    private Map<String, Object> newCase(String subject) {
        var body = new LinkedHashMap<String, Object>();
        body.put("customerId", customer.id().toString());
        body.put("subject", subject);
        body.put("body", "It does not work: " + subject);
        return body;
    }

    private String adminId() {
        return agentQueries.findByEmail("admin@test.example").orElseThrow().id().toString();
    }

    private ApiClient.Response openOwnedBy(String ownerId) {
        var body = newCase("Owned " + unique);
        body.put("ownerId", ownerId);
        var response = api.post("/api/v1/cases", body);
        assertThat(response.status()).isEqualTo(201);
        return response;
    }

    @Test
    void opensACaseForAKnownCustomerWithTheirFirstMessage() {
        var response = api.post("/api/v1/cases", newCase("Printer on fire"));

        assertThat(response.status()).isEqualTo(201);
        var id = response.text("id");
        assertThat(response.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/cases/" + id));
        assertThat(response.body().path("number").asLong()).isPositive();
        assertThat(response.text("status")).isEqualTo("new");
        assertThat(response.text("channel")).isEqualTo("api");
        assertThat(response.text("priority")).isEqualTo("normal");
        assertThat(response.text("customerName")).isEqualTo("Grace " + unique);

        var timeline = api.get("/api/v1/cases/" + id + "/entries");
        assertThat(timeline.body().path("items").get(0).path("kind").asString()).isEqualTo("inbound");
        assertThat(timeline.body().path("items").get(0).path("body").asString())
                .isEqualTo("It does not work: Printer on fire");
    }

    @Test
    void opensACaseWithPriorityTagsOwnerAndChannelInAnyCase() {
        var body = newCase("Dressed up");
        body.put("priority", "URGENT");
        body.put("channel", "Phone");
        body.put("tags", List.of("Billing", "vip"));
        body.put("ownerId", adminId());

        var response = api.post("/api/v1/cases", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("priority")).isEqualTo("urgent");
        assertThat(response.text("channel")).isEqualTo("phone");
        assertThat(response.text("status")).isEqualTo("open");
        assertThat(response.text("ownerId")).isEqualTo(adminId());
        assertThat(response.body().path("tags").toString()).contains("billing", "vip");
    }

    @Test
    void inlineCustomerIsFoundByEmail() {
        var body = newCase("Known sender");
        body.remove("customerId");
        body.put(
                "customer",
                Map.of("name", "Someone Else", "email", email("grace").toUpperCase()));

        var response = api.post("/api/v1/cases", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("customerId")).isEqualTo(customer.id().toString());
    }

    @Test
    void inlineCustomerIsCreatedWhenNew() {
        var body = newCase("New sender");
        body.remove("customerId");
        body.put("customer", Map.of("name", "Newcomer", "email", email("newcomer")));

        var response = api.post("/api/v1/cases", body);

        assertThat(response.status()).isEqualTo(201);
        var created = customers.findByEmail(email("newcomer")).orElseThrow();
        assertThat(created.name()).isEqualTo("Newcomer");
        assertThat(response.text("customerId")).isEqualTo(created.id().toString());
    }

    @Test
    void invalidFieldAfterAnInlineCustomerLeavesNoCustomerBehind() {
        var blankSubject = newCase("   ");
        blankSubject.remove("customerId");
        blankSubject.put("customer", Map.of("name", "Half", "email", email("half")));
        var badTag = newCase("Fine subject");
        badTag.remove("customerId");
        badTag.put("customer", Map.of("name", "Half", "email", email("half")));
        badTag.put("tags", List.of("not a tag!"));

        var first = api.post("/api/v1/cases", blankSubject);
        var second = api.post("/api/v1/cases", badTag);

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.errorFields()).containsExactly("subject");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.errorFields()).containsExactly("tags");
        assertThat(customers.findByEmail(email("half"))).isEmpty();
    }

    @Test
    void inlineCustomerWithABadEmailIsRefusedNamingCustomerEmail() {
        var body = newCase("Bad sender");
        body.remove("customerId");
        body.put("customer", Map.of("name", "Nobody", "email", "not-an-address"));

        var response = api.post("/api/v1/cases", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("customer.email");
    }

    @Test
    void exactlyOneOfCustomerIdAndCustomerIsRequired() {
        var neither = newCase("Nobody's");
        neither.remove("customerId");
        var both = newCase("Everybody's");
        both.put("customer", Map.of("name", "Second", "email", email("second")));

        assertThat(api.post("/api/v1/cases", neither).errorFields()).containsExactly("customerId");
        assertThat(api.post("/api/v1/cases", both).errorFields()).containsExactly("customerId");
        assertThat(customers.findByEmail(email("second"))).isEmpty();
    }

    @Test
    void customerIdThatDoesNotExistIsRefusedNamingIt() {
        var body = newCase("Ghost customer");
        body.put("customerId", UUID.randomUUID().toString());

        var response = api.post("/api/v1/cases", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("customerId");
    }

    @Test
    void badValuesAreRefusedNamingTheirField() {
        var priority = newCase("Bad priority");
        priority.put("priority", "whenever");
        var channel = newCase("Internal channel");
        channel.put("channel", "internal");
        var owner = newCase("Ghost owner");
        owner.put("ownerId", UUID.randomUUID().toString());
        var typo = newCase("Typo");
        typo.put("subjct", "Typo");
        var missingSubject = newCase("Subjectless");
        missingSubject.remove("subject");

        assertThat(api.post("/api/v1/cases", priority).errorFields()).containsExactly("priority");
        assertThat(api.post("/api/v1/cases", channel).errorFields()).containsExactly("channel");
        assertThat(api.post("/api/v1/cases", owner).errorFields()).containsExactly("ownerId");
        assertThat(api.post("/api/v1/cases", typo).errorFields()).containsExactly("subjct");
        assertThat(api.post("/api/v1/cases", missingSubject).errorFields()).containsExactly("subject");
        assertThat(api.get("/api/v1/cases?customerId=" + customer.id())
                        .body()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        var response = api.post("/api/v1/cases", "{\"subject\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("status")).isEqualTo("400");
        assertThat(response.text("detail")).contains("not valid JSON");
    }

    @Test
    void caseIsFoundByIdAndByNumber() {
        var opened = api.post("/api/v1/cases", newCase("Findable"));
        var id = opened.text("id");
        var number = opened.body().path("number").asLong();

        assertThat(api.get("/api/v1/cases/" + id).text("subject")).isEqualTo("Findable");
        assertThat(api.get("/api/v1/cases/by-number/" + number).text("id")).isEqualTo(id);
        assertThat(api.get("/api/v1/cases/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cases/by-number/999999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/cases/by-number/abc").errorFields()).containsExactly("number");
    }

    @Test
    void listWalksEveryPageOnceAndFilters() {
        var tag = "pager-" + unique;
        var mine = new HashSet<String>();
        for (int i = 0; i < 7; i++) {
            var body = newCase("Paged " + i);
            body.put("tags", List.of(i % 2 == 0 ? tag.toUpperCase() : "odd-" + unique));
            mine.add(api.post("/api/v1/cases", body).text("id"));
        }

        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v1/cases?customerId=" + customer.id() + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.body().path("items").forEach(c -> seen.add(c.path("id").asString()));
            cursor = page.body().has("nextCursor") ? page.text("nextCursor") : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(mine);

        var tagged = api.get("/api/v1/cases?tag=" + tag.toUpperCase() + "&status=NEW&active=true");
        assertThat(tagged.body().path("items").size()).isEqualTo(4);
        assertThat(api.get("/api/v1/cases?tag=" + tag + "&status=resolved")
                        .body()
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void listRefusesBadFiltersNamingThem() {
        assertThat(api.get("/api/v1/cases?status=sleeping").errorFields()).containsExactly("status");
        assertThat(api.get("/api/v1/cases?ownerId=bob").errorFields()).containsExactly("ownerId");
        assertThat(api.get("/api/v1/cases?active=maybe").errorFields()).containsExactly("active");
        assertThat(api.get("/api/v1/cases?limit=101").errorFields()).containsExactly("limit");
        assertThat(api.get("/api/v1/cases?cursor=garbage").errorFields()).containsExactly("cursor");
    }

    @Test
    void patchChangesOnlyWhatItCarries() {
        var id = openOwnedBy(adminId()).text("id");

        var response = api.patch(
                "/api/v1/cases/" + id,
                Map.of("status", "waiting_on_customer", "priority", "HIGH", "tags", List.of("a", "b")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("waiting_on_customer");
        assertThat(response.text("priority")).isEqualTo("high");
        assertThat(response.body().path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(response.text("subject")).isEqualTo("Owned " + unique);

        var clearTags = new LinkedHashMap<String, Object>();
        clearTags.put("tags", null);
        clearTags.put("subject", "Renamed");
        var cleared = api.patch("/api/v1/cases/" + id, clearTags);
        assertThat(cleared.body().path("tags").size()).isZero();
        assertThat(cleared.text("subject")).isEqualTo("Renamed");
        assertThat(cleared.text("status")).isEqualTo("waiting_on_customer");
    }

    @Test
    void illegalStatusMoveIsAConflictThatChangesNothing() {
        var id = openOwnedBy(adminId()).text("id");

        var response = api.patch("/api/v1/cases/" + id, Map.of("status", "closed", "priority", "low"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("detail")).contains("open", "closed", "resolved");
        var after = api.get("/api/v1/cases/" + id);
        assertThat(after.text("status")).isEqualTo("open");
        assertThat(after.text("priority")).isEqualTo("normal");
    }

    @Test
    void agentMayNotTakeAColleaguesCaseButASupervisorMayReassignIt() {
        var testAgents = new TestAgents(agents, tokens);
        var owner = testAgents.create(Role.AGENT, "Owner");
        var colleague = testAgents.create(Role.AGENT, "Colleague");
        var supervisor = testAgents.create(Role.SUPERVISOR, "Supervisor");
        // Supervisors reassign the cases of the teams they supervise (ADR 013).
        var team = agents.createTeam("Team " + unique, Actor.SYSTEM).id();
        agents.setMembers(team, List.of(supervisor.agent().id()), Actor.SYSTEM);
        var body = newCase("Owned " + unique);
        body.put("ownerId", owner.agent().id().toString());
        body.put("teamId", team.toString());
        var id = api.post("/api/v1/cases", body).text("id");
        var toColleague = Map.of("ownerId", colleague.agent().id().toString());

        var denied = ApiClient.withToken(port, colleague.token()).patch("/api/v1/cases/" + id, toColleague);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cases/" + id).text("ownerId"))
                .isEqualTo(owner.agent().id().toString());

        var reassigned = ApiClient.withToken(port, supervisor.token()).patch("/api/v1/cases/" + id, toColleague);
        assertThat(reassigned.status()).isEqualTo(200);
        assertThat(reassigned.text("ownerId")).isEqualTo(colleague.agent().id().toString());
    }

    @Test
    void agentMayTakeAnUnownedCase() {
        var agent = new TestAgents(agents, tokens).create(Role.AGENT, "Taker");
        var id = api.post("/api/v1/cases", newCase("Up for grabs")).text("id");

        var response = ApiClient.withToken(port, agent.token())
                .patch(
                        "/api/v1/cases/" + id,
                        Map.of("ownerId", agent.agent().id().toString()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("ownerId")).isEqualTo(agent.agent().id().toString());
        assertThat(response.text("status")).isEqualTo("open");
    }

    @Test
    void patchRefusesWhatItCannotDoNamingTheField() {
        var id = openOwnedBy(adminId()).text("id");
        var nullStatus = new LinkedHashMap<String, Object>();
        nullStatus.put("status", null);
        var nullOwner = new LinkedHashMap<String, Object>();
        nullOwner.put("ownerId", null);

        assertThat(api.patch("/api/v1/cases/" + id, Map.of("number", 5)).errorFields())
                .containsExactly("number");
        assertThat(api.patch("/api/v1/cases/" + id, nullStatus).errorFields()).containsExactly("status");
        assertThat(api.patch("/api/v1/cases/" + id, nullOwner).errorFields()).containsExactly("ownerId");
        assertThat(api.patch("/api/v1/cases/" + id, Map.of("status", "asleep")).errorFields())
                .containsExactly("status");
        assertThat(api.patch(
                                "/api/v1/cases/" + id,
                                Map.of("ownerId", UUID.randomUUID().toString()))
                        .errorFields())
                .containsExactly("ownerId");
        assertThat(api.patch(
                                "/api/v1/cases/" + id,
                                Map.of("teamId", UUID.randomUUID().toString()))
                        .errorFields())
                .containsExactly("teamId");
        assertThat(api.patch("/api/v1/cases/" + id, "[1, 2]").errorFields()).containsExactly("body");
        assertThat(api.patch("/api/v1/cases/" + UUID.randomUUID(), Map.of("priority", "low"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void lifecycleIsPublishedAsData() {
        var response = api.get("/api/v1/case-statuses");

        assertThat(response.status()).isEqualTo(200);
        var statuses = new LinkedHashMap<String, tools.jackson.databind.JsonNode>();
        response.body().path("items").forEach(s -> statuses.put(s.path("status").asString(), s));
        assertThat(statuses.keySet())
                .containsExactly("new", "open", "waiting_on_customer", "waiting_on_third_party", "resolved", "closed");
        assertThat(statuses.get("open").path("category").asString()).isEqualTo("active");
        assertThat(statuses.get("open").path("next").toString())
                .contains("resolved")
                .doesNotContain("closed");
        assertThat(statuses.get("closed").path("active").asBoolean()).isFalse();
        assertThat(statuses.get("closed").path("next").toString()).isEqualTo("[\"open\"]");
    }
}
