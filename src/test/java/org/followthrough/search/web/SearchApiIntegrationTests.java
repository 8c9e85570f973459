package org.followthrough.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class SearchApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CustomerDesk customers;

    ApiClient api;
    String word;

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(port);
        // A made-up word of letters only, so full-text search finds it in this test's data alone.
        var random = new Random();
        var letters = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        word = letters.toString();
    }

    @Test
    void findsCasesByTheirTimelineWithTheMatchHighlightedAndCustomersByName() {
        var customer =
                customers.create(CustomerDetails.named("Searchable " + word, word + "@search.test"), Actor.SYSTEM);
        var opened = api.post(
                "/api/v1/cases",
                Map.of(
                        "customerId",
                        customer.id().toString(),
                        "subject",
                        "Something odd",
                        "body",
                        "My " + word + " <script> makes a noise"));

        var response = api.get("/api/v1/search?q=" + word);

        assertThat(response.status()).isEqualTo(200);
        var hit = response.body().path("cases").get(0);
        assertThat(hit.path("id").asString()).isEqualTo(opened.text("id"));
        assertThat(hit.path("number").asLong())
                .isEqualTo(opened.body().path("number").asLong());
        assertThat(hit.path("snippetHtml").asString()).contains("<mark>" + word + "</mark>");
        assertThat(hit.path("entryId").isMissingNode()).isFalse();
        assertThat(hit.path("rank").asDouble()).isPositive();
        assertThat(response.body().path("customers").get(0).path("id").asString())
                .isEqualTo(customer.id().toString());
    }

    @Test
    void caseNumberGoesStraightToThatCase() {
        var customer = customers.create(CustomerDetails.named("Numbered " + word, word + "@search.test"), Actor.SYSTEM);
        var opened = api.post(
                "/api/v1/cases", Map.of("customerId", customer.id().toString(), "subject", "By number " + word));
        var number = opened.body().path("number").asLong();

        var response = api.get("/api/v1/search?q=%23" + number);

        assertThat(response.body().path("cases").get(0).path("id").asString()).isEqualTo(opened.text("id"));
    }

    @Test
    void searchNeedsAQueryAndASensibleLimit() {
        assertThat(api.get("/api/v1/search").errorFields()).containsExactly("q");
        assertThat(api.get("/api/v1/search?q=%20").errorFields()).containsExactly("q");
        assertThat(api.get("/api/v1/search?q=x&limit=500").errorFields()).containsExactly("limit");
    }
}
