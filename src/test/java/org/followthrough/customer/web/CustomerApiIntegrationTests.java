package org.followthrough.customer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CustomerApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CustomerQueries customers;

    @Autowired
    CustomerDesk customerDesk;

    ApiClient api;
    String unique;

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(port);
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    private String email(String who) {
        return who + "." + unique + "@customers.test";
    }

    private Map<String, Object> customer(String name) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("email", email(name.toLowerCase().replace(' ', '.')));
        return body;
    }

    @Test
    void createsACustomerWithEverythingAndAnswersWithItsLocation() {
        var response = api.post(
                "/api/v1/customers",
                Map.of(
                        "name", "Ada Lovelace",
                        "emails", List.of(email("ada"), email("ada.work")),
                        "phones", List.of(Map.of("number", "+44 20 7946 0000", "label", "mobile")),
                        "language", "en-GB",
                        "timeZone", "Europe/London",
                        "preferredChannel", "PHONE",
                        "formOfAddress", "Countess",
                        "notes", "Prefers mornings"));

        assertThat(response.status()).isEqualTo(201);
        var id = response.text("id");
        assertThat(response.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/customers/" + id));
        assertThat(response.body().path("emails").toString()).contains(email("ada"), email("ada.work"));
        assertThat(response.body().path("phones").get(0).path("label").asString())
                .isEqualTo("mobile");
        assertThat(response.text("preferredChannel")).isEqualTo("phone");
        assertThat(response.text("timeZone")).isEqualTo("Europe/London");

        var fetched = api.get("/api/v1/customers/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.text("name")).isEqualTo("Ada Lovelace");
        assertThat(fetched.text("formOfAddress")).isEqualTo("Countess");
    }

    @Test
    void singleEmailIsShorthandForTheList() {
        var response = api.post("/api/v1/customers", Map.of("name", "Solo", "email", email("solo")));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().path("emails").get(0).asString()).isEqualTo(email("solo"));
        assertThat(customers.findByEmail(email("solo"))).isPresent();
    }

    @Test
    void customerWithoutNameIsRefusedNamingName() {
        var response = api.post("/api/v1/customers", Map.of("email", email("nameless")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.errorFields()).containsExactly("name");
        assertThat(customers.findByEmail(email("nameless"))).isEmpty();
    }

    @Test
    void badEmailIsRefusedNamingItsPlaceInTheList() {
        var second = api.post("/api/v1/customers", Map.of("name", "Two", "emails", List.of(email("two"), "nope")));
        var only = api.post("/api/v1/customers", Map.of("name", "One", "emails", List.of("nope")));
        var single = api.post("/api/v1/customers", Map.of("name", "One", "email", "nope"));

        assertThat(second.errorFields()).containsExactly("emails[1]");
        assertThat(only.errorFields()).containsExactly("emails[0]");
        assertThat(single.errorFields()).containsExactly("email");
        assertThat(customers.findByEmail(email("two"))).isEmpty();
    }

    @Test
    void unknownPreferredChannelIsRefusedNamingItAndTheChoices() {
        var body = customer("Channel");
        body.put("preferredChannel", "pigeon");

        var response = api.post("/api/v1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("preferredChannel");
        assertThat(response.text("detail")).contains("email", "in_person");
    }

    @Test
    void unknownFieldIsRefusedNamingIt() {
        var body = customer("Typo");
        body.put("nmae", "Typo");

        var response = api.post("/api/v1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("nmae");
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        var response = api.post("/api/v1/customers", "{\"name\": \"Broken\",");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("not valid JSON");
    }

    @Test
    void wrongTypeOfIdIsRefusedNamingTheField() {
        var body = customer("Org");
        body.put("organizationId", "acme");

        var response = api.post("/api/v1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("organizationId");
    }

    @Test
    void organizationThatDoesNotExistIsBadInputNotAMissingPage() {
        var body = customer("Orphan");
        body.put("organizationId", UUID.randomUUID().toString());

        var response = api.post("/api/v1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("organizationId");
    }

    @Test
    void secondCustomerWithTheSameEmailIsAConflict() {
        assertThat(api.post("/api/v1/customers", customer("Twin")).status()).isEqualTo(201);

        var response = api.post("/api/v1/customers", customer("Twin"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("detail")).contains(email("twin"));
    }

    @Test
    void unknownCustomerIsNotFoundAndAMalformedIdIsABadRequest() {
        assertThat(api.get("/api/v1/customers/" + UUID.randomUUID()).status()).isEqualTo(404);

        var malformed = api.get("/api/v1/customers/not-an-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("id");
    }

    @Test
    void listWalksEveryPageOnceInNameOrder() {
        var mine = new ArrayList<String>();
        for (int i = 1; i <= 7; i++) {
            // A name with the cursor's separator in it must not break the walk.
            var name = "Pager " + unique + " " + i + (i == 4 ? " | four" : "");
            mine.add(api.post("/api/v1/customers", Map.of("name", name, "email", email("pager" + i)))
                    .text("id"));
        }

        var seen = new ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get("/api/v1/customers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("items").size()).isLessThanOrEqualTo(3);
            page.body().path("items").forEach(c -> seen.add(c.path("id").asString()));
            cursor = page.body().path("nextCursor").isMissingNode()
                    ? null
                    : page.body().path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10_000);

        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(seen).containsSubsequence(mine);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void qFindsCustomersByEmail() {
        var id = api.post("/api/v1/customers", customer("Findable")).text("id");

        var response = api.get("/api/v1/customers?q=" + email("findable"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("items").get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void limitOutsideOneToAHundredIsRefusedNamingLimit() {
        assertThat(api.get("/api/v1/customers?limit=101").errorFields()).containsExactly("limit");
        assertThat(api.get("/api/v1/customers?limit=0").errorFields()).containsExactly("limit");
        assertThat(api.get("/api/v1/customers?limit=ten").errorFields()).containsExactly("limit");
        assertThat(api.get("/api/v1/customers?limit=100").status()).isEqualTo(200);
    }

    @Test
    void foreignCursorIsRefusedNamingCursor() {
        var response = api.get("/api/v1/customers?cursor=bm90LWEtY3Vyc29y");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("cursor");
    }

    @Test
    void patchChangesOnlyTheFieldsItCarries() {
        var body = customer("Before");
        body.put("notes", "keep me");
        body.put("language", "de");
        var id = api.post("/api/v1/customers", body).text("id");

        var response = api.patch("/api/v1/customers/" + id, Map.of("name", "After", "preferredChannel", "chat"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("name")).isEqualTo("After");
        assertThat(response.text("preferredChannel")).isEqualTo("chat");
        assertThat(response.text("notes")).isEqualTo("keep me");
        assertThat(response.text("language")).isEqualTo("de");
        assertThat(response.body().path("emails").get(0).asString()).isEqualTo(email("before"));
    }

    @Test
    void patchWithNullClearsOrganizationAndSegmentOneAtATime() {
        var segment = customerDesk.createSegment("Segment " + unique, "", Actor.SYSTEM);
        var organization = customerDesk.createOrganization(
                "Org " + unique, List.of(unique + ".example"), "", segment.id(), Actor.SYSTEM);
        var body = customer("Member");
        body.put("organizationId", organization.id().toString());
        body.put("segmentId", segment.id().toString());
        var created = api.post("/api/v1/customers", body);
        assertThat(created.text("organizationName")).isEqualTo("Org " + unique);
        var id = created.text("id");

        var withoutOrganization = new LinkedHashMap<String, Object>();
        withoutOrganization.put("organizationId", null);
        var first = api.patch("/api/v1/customers/" + id, withoutOrganization);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().has("organizationId")).isFalse();
        assertThat(first.text("segmentId")).isEqualTo(segment.id().toString());

        var withoutSegment = new LinkedHashMap<String, Object>();
        withoutSegment.put("segmentId", null);
        var second = api.patch("/api/v1/customers/" + id, withoutSegment);
        assertThat(second.body().has("segmentId")).isFalse();
        assertThat(customers.get(new CustomerId(UUID.fromString(id))).segmentId())
                .isNull();
    }

    @Test
    void patchRefusesFieldsItCannotChangeNamingThem() {
        var id = api.post("/api/v1/customers", customer("Strict")).text("id");

        var unknown = api.patch("/api/v1/customers/" + id, Map.of("nickname", "x"));
        var readOnly = api.patch("/api/v1/customers/" + id, Map.of("createdAt", "2020-01-01T00:00:00Z"));
        var nulledName = new LinkedHashMap<String, Object>();
        nulledName.put("name", null);
        var removedName = api.patch("/api/v1/customers/" + id, nulledName);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorFields()).containsExactly("nickname");
        assertThat(readOnly.errorFields()).containsExactly("createdAt");
        assertThat(removedName.errorFields()).containsExactly("name");
    }

    @Test
    void patchThatFailsChangesNothing() {
        var id = api.post("/api/v1/customers", customer("Atomic")).text("id");

        var response = api.patch("/api/v1/customers/" + id, Map.of("name", "Renamed", "timeZone", "Mars/Olympus"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("timeZone");
        assertThat(api.get("/api/v1/customers/" + id).text("name")).isEqualTo("Atomic");
    }

    @Test
    void patchOfAnUnknownCustomerIsNotFound() {
        assertThat(api.patch("/api/v1/customers/" + UUID.randomUUID(), Map.of("name", "Ghost"))
                        .status())
                .isEqualTo(404);
    }
}
