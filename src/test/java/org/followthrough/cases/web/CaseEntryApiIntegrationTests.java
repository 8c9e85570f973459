package org.followthrough.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.identity.AgentQueries;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CaseEntryApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CustomerDesk customers;

    @Autowired
    AgentQueries agents;

    ApiClient api;
    String caseId;
    String entries;

    @BeforeEach
    void openACase() {
        api = ApiClient.admin(port);
        var unique = UUID.randomUUID().toString().substring(0, 8);
        var customer = customers.create(
                CustomerDetails.named("Linus " + unique, "linus." + unique + "@entries.test"), Actor.SYSTEM);
        var admin = agents.findByEmail("admin@test.example").orElseThrow();
        var opened = api.post(
                "/api/v1/cases",
                Map.of(
                        "customerId",
                        customer.id().toString(),
                        "subject",
                        "Kernel panic " + unique,
                        "body",
                        "It panics at boot",
                        "ownerId",
                        admin.id().toString()));
        assertThat(opened.status()).isEqualTo(201);
        caseId = opened.text("id");
        entries = "/api/v1/cases/" + caseId + "/entries";
    }

    private List<String> kinds(ApiClient.Response timeline) {
        var kinds = new ArrayList<String>();
        timeline.body().path("items").forEach(e -> kinds.add(e.path("kind").asString()));
        return kinds;
    }

    @Test
    void noteIsInternalAndShownOnlyToTheTeam() {
        var response = api.post(entries, Map.of("kind", "note", "body", "Customer is on version 2.3"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("kind")).isEqualTo("note");
        assertThat(response.body().path("visibleToCustomer").asBoolean()).isFalse();
        assertThat(response.text("authorType")).isEqualTo("agent");
        assertThat(response.text("authorName")).isEqualTo("Administrator");
        assertThat(response.text("channel")).isEqualTo("internal");

        assertThat(kinds(api.get(entries))).contains("note");
        assertThat(kinds(api.get(entries + "?visibleToCustomer=true"))).doesNotContain("note");
        assertThat(kinds(api.get(entries + "?visibleToCustomer=false")))
                .contains("note")
                .doesNotContain("inbound");
    }

    @Test
    void replyReachesTheCustomerAndCanLeaveTheCaseWaitingOnThem() {
        var response = api.post(
                entries,
                Map.of(
                        "kind",
                        "REPLY",
                        "body",
                        "Try booting with nomodeset",
                        "status",
                        "waiting_on_customer",
                        "recordUndelivered",
                        true));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("kind")).isEqualTo("reply");
        assertThat(response.text("channel")).isEqualTo("email");
        assertThat(response.body().path("visibleToCustomer").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/cases/" + caseId).text("status")).isEqualTo("waiting_on_customer");
        assertThat(kinds(api.get(entries + "?visibleToCustomer=true"))).containsExactly("inbound", "reply");
    }

    @Test
    void callIsLoggedWithItsDirectionAndDuration() {
        var response = api.post(
                entries,
                Map.of("kind", "call", "direction", "outbound", "durationSeconds", 125, "summary", "Walked through"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("callDirection")).isEqualTo("outbound");
        assertThat(response.body().path("callDurationSeconds").asInt()).isEqualTo(125);
        assertThat(response.text("body")).isEqualTo("Walked through");
        assertThat(response.text("channel")).isEqualTo("phone");

        var withBody = api.post(
                entries, Map.of("kind", "call", "direction", "inbound", "durationSeconds", 0, "body", "Quick check"));
        assertThat(withBody.text("body")).isEqualTo("Quick check");
    }

    @Test
    void customerMessageWakesACaseWaitingOnThem() {
        api.patch("/api/v1/cases/" + caseId, Map.of("status", "waiting_on_customer"));

        var response =
                api.post(entries, Map.of("kind", "inbound", "body", "nomodeset worked, thanks", "channel", "portal"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("authorType")).isEqualTo("customer");
        assertThat(response.text("channel")).isEqualTo("portal");
        assertThat(api.get("/api/v1/cases/" + caseId).text("status")).isEqualTo("open");
        var timeline = api.get(entries).body().path("items");
        var events = new ArrayList<String>();
        timeline.forEach(e -> events.add(e.path("eventType").asString()));
        assertThat(events).contains("status_changed");
    }

    @Test
    void replyWithAnIllegalStatusIsAConflictAndWritesNothing() {
        var before = api.get(entries).body().path("items").size();

        var response = api.post(
                entries,
                Map.of("kind", "reply", "body", "Closing this", "status", "closed", "recordUndelivered", true));

        assertThat(response.status()).isEqualTo(409);
        assertThat(api.get(entries).body().path("items").size()).isEqualTo(before);
        assertThat(api.get("/api/v1/cases/" + caseId).text("status")).isEqualTo("open");
    }

    @Test
    void kindIsRequiredAndMustBeOneThatCanBePosted() {
        assertThat(api.post(entries, Map.of("body", "kindless")).errorFields()).containsExactly("kind");
        assertThat(api.post(entries, Map.of("kind", "letter", "body", "x")).errorFields())
                .containsExactly("kind");
        assertThat(api.post(entries, Map.of("kind", "event", "body", "x")).errorFields())
                .containsExactly("kind");
    }

    @Test
    void fieldsThatMeanNothingForTheKindAreRefusedNamingThem() {
        assertThat(api.post(entries, Map.of("kind", "note", "body", "x", "status", "open"))
                        .errorFields())
                .containsExactly("status");
        assertThat(api.post(entries, Map.of("kind", "inbound", "body", "x", "durationSeconds", 3))
                        .errorFields())
                .containsExactly("durationSeconds");
        assertThat(api.post(entries, Map.of("kind", "note", "body", "x", "colour", "red"))
                        .errorFields())
                .containsExactly("colour");
    }

    @Test
    void badEntriesAreRefusedNamingTheField() {
        assertThat(api.post(entries, Map.of("kind", "reply", "body", " ")).errorFields())
                .containsExactly("body");
        assertThat(api.post(entries, Map.of("kind", "reply", "body", "x", "channel", "internal"))
                        .errorFields())
                .containsExactly("channel");
        assertThat(api.post(entries, Map.of("kind", "inbound", "body", "x", "channel", "internal"))
                        .errorFields())
                .containsExactly("channel");
        assertThat(api.post(entries, Map.of("kind", "call", "durationSeconds", 5, "summary", "x"))
                        .errorFields())
                .containsExactly("direction");
        assertThat(api.post(entries, Map.of("kind", "call", "direction", "sideways", "durationSeconds", 5))
                        .errorFields())
                .containsExactly("direction");
        assertThat(api.post(entries, Map.of("kind", "call", "direction", "inbound", "summary", "x"))
                        .errorFields())
                .containsExactly("durationSeconds");
        assertThat(api.post(
                                entries,
                                Map.of("kind", "call", "direction", "inbound", "durationSeconds", -1, "summary", "x"))
                        .errorFields())
                .containsExactly("durationSeconds");
        assertThat(api.post(entries, Map.of("kind", "call", "direction", "inbound", "durationSeconds", "long"))
                        .errorFields())
                .containsExactly("durationSeconds");
        assertThat(api.post(entries, "{\"kind\": \"note\"").status()).isEqualTo(400);
        assertThat(kinds(api.get(entries))).containsOnly("inbound", "event");
    }

    @Test
    void entriesOfAnUnknownCaseAreNotFound() {
        var unknown = "/api/v1/cases/" + UUID.randomUUID() + "/entries";

        assertThat(api.get(unknown).status()).isEqualTo(404);
        assertThat(api.post(unknown, Map.of("kind", "note", "body", "x")).status())
                .isEqualTo(404);
    }
}
