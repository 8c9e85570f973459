package org.followthrough.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerDetails;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.fuzz.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Input that used to reach a 500, or an answer that was not a problem document naming the field. */
@IntegrationTest
class BadInputIntegrationTests {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json", "Accept", "*/*");

    @LocalServerPort
    int port;

    @Autowired
    CustomerQueries customers;

    @Autowired
    CustomerDesk customerDesk;

    ApiClient api;
    RawHttp raw;
    String unique;
    String customerId;

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(port);
        raw = new RawHttp(port);
        unique = UUID.randomUUID().toString().substring(0, 8);
        customerId = customerDesk
                .create(CustomerDetails.named("Ada " + unique, "ada." + unique + "@bad.test"), Actor.SYSTEM)
                .id()
                .toString();
    }

    private Map<String, String> authorised(Map<String, String> headers) {
        var all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN);
        return all;
    }

    private RawHttp.Response post(String path, String contentType, String body) {
        return raw.send(
                "POST",
                path,
                authorised(Map.of("Content-Type", contentType, "Accept", "*/*")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp.Response get(String target) {
        return raw.send("GET", target, authorised(Map.of("Accept", "*/*")), null);
    }

    private Map<String, Object> newCase(String subject, String body) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("customerId", customerId);
        fields.put("subject", subject);
        fields.put("body", body);
        return fields;
    }

    @Test
    void nulInAJsonTextFieldIsRefusedNamingTheField() {
        var response = api.post("/api/v1/cases", newCase("Broken\u0000printer", "Help"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.errorFields()).containsExactly("subject");
        assertThat(response.text("detail")).contains("U+0000");
    }

    @Test
    void nulInAnInlineCustomerOrAPatchIsRefusedNamingItsPath() {
        var body = newCase("Printer", "Help");
        body.remove("customerId");
        body.put("customer", Map.of("name", "Eve\u0000", "email", "eve." + unique + "@bad.test"));
        assertThat(api.post("/api/v1/cases", body).errorFields()).containsExactly("customer.name");

        var opened = api.post("/api/v1/cases", newCase("Printer " + unique, "Help"));
        var id = opened.text("id");
        var patch = api.patch("/api/v1/cases/" + id, Map.of("tags", List.of("ok", "b\u0000d")));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.errorFields()).containsExactly("tags[1]");
    }

    @Test
    void nulInSearchIsRefusedNamingQ() {
        var response = get("/api/v1/search?q=a%00b");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("\"field\":\"q\"");
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() {
        var response = post(
                "/api/v1/cases",
                "application/json",
                "{\"customerId\":\"" + customerId + "\",\"subject\":\"Half \\ud83d a smile\",\"body\":\"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"subject\"").contains("surrogate");
    }

    @Test
    void aLoneSurrogateInSearchIsAnsweredWithoutAServerError() {
        var response = get("/api/v1/search?q=%ED%A0%80");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body()).contains("\"field\":\"q\"");
    }

    @Test
    void malformedParametersAreProblemDocumentsNamingThem() {
        var percent = get("/api/v1/customers?q=%zz");
        assertThat(percent.status()).isEqualTo(400);
        assertThat(percent.body()).contains("\"field\":\"q\"");

        var controlName = get("/api/v1/customers?%C2%85=x");
        assertThat(controlName.status()).isEqualTo(400);
        assertThat(controlName.isProblem()).isTrue();
    }

    @Test
    void optionsIsAnsweredByTheFrameworkWithoutCheckingParametersNobodyReads() {
        var response = raw.send("OPTIONS", "/api/v1/customers?cursor=a%0Ab", authorised(Map.of("Accept", "*/*")), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("allow")).contains("GET");
    }

    @Test
    void aWildcardContentTypeIs415NotA500() {
        var opened = api.post("/api/v1/cases", newCase("Wildcard " + unique, "Help"));
        var response =
                post("/api/v1/cases/" + opened.text("id") + "/entries", "*/*", "{\"kind\":\"note\",\"body\":\"x\"}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void bidiOverridesAndInvisibleCharactersAreRefusedInSingleLineFields() {
        var email = api.post(
                "/api/v1/customers", Map.of("name", "Mallory", "email", "x" + unique + "\u202egnp.exe@cust.test"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.errorFields()).containsExactly("email");
        assertThat(email.text("detail")).contains("U+202E");

        var name =
                api.post("/api/v1/customers", Map.of("name", "Zero\u200bWidth", "email", "zw." + unique + "@b.test"));
        assertThat(name.errorFields()).containsExactly("name");

        var c1 = api.post("/api/v1/cases", newCase("Next\u0085line", "Help"));
        assertThat(c1.errorFields()).containsExactly("subject");

        var newline = api.post("/api/v1/cases", newCase("Two\nlines", "Help"));
        assertThat(newline.errorFields()).containsExactly("subject");
    }

    @Test
    void multiLineBodiesKeepTheirTabsAndNewlinesExactly() {
        var body = "Line one\n\tindented\r\nשלום and an emoji 👩‍💻";
        var opened = api.post("/api/v1/cases", newCase("Lines " + unique, body));
        assertThat(opened.status()).isEqualTo(201);

        var timeline = api.get("/api/v1/cases/" + opened.text("id") + "/entries");
        assertThat(timeline.body().path("items").get(0).path("body").asString()).isEqualTo(body);

        var nul =
                api.post("/api/v1/cases/" + opened.text("id") + "/entries", Map.of("kind", "note", "body", "a\u0000"));
        assertThat(nul.errorFields()).containsExactly("body");
    }

    @Test
    void multipartWithoutABoundaryOnAJsonEndpointIs415() {
        var response = post("/api/v1/cases", "multipart/form-data", "{}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void wellFormedJsonOfTheWrongShapeNamesTheBody() {
        for (var body : List.of("\"x\"", "[]", "null", "42")) {
            var response = post("/api/v1/cases", "application/json", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.isProblem()).as(body).isTrue();
            assertThat(response.body()).as(body).contains("\"field\":\"body\"");
        }
    }

    @Test
    void oddApiPathsAreProblemDocuments() {
        var paths = List.of(
                "/api/v1//mailboxes",
                "/api/v1/cases;x=1",
                "/api/v1/%2e%2e/cases",
                "/api/v1/cases%2fx",
                "/api/v1/cases/%00",
                "/api/v1/no-such-thing",
                "/api/v1/cases?limit=" + "9".repeat(9000));
        for (var path : paths) {
            var response = get(path);
            var what = shorten(path) + " answered " + response;
            assertThat(response.status()).as(what).isBetween(400, 499);
            assertThat(response.isProblem()).as(what).isTrue();
        }
    }

    @Test
    void oddConsolePathsAreHtmlPages() {
        for (var path : List.of("/cases;x=1", "/%2e%2e/cases", "/cases%2fx", "/x?" + "a".repeat(9000))) {
            var response = raw.send("GET", path, Map.of("Accept", "text/html"), null);
            var what = shorten(path) + " answered " + response;
            assertThat(response.status()).as(what).isBetween(400, 499);
            assertThat(response.isHtml()).as(what).isTrue();
        }
    }

    private static String shorten(String path) {
        return path.length() > 60 ? path.substring(0, 60) + "…" : path;
    }

    @Test
    void aBadViewOnAConsolePageIsAnHtmlErrorPage() {
        var console = ConsoleClient.signedInAsAdmin(port);
        var response = console.get("/?view=nonsense");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.body()).contains("view");
    }

    @Test
    void nulInAConsoleFormShowsTheFormAgainWithTheFieldsError() {
        var console = ConsoleClient.signedInAsAdmin(port);
        var response = console.post(
                "/customers",
                Map.of(
                        "name",
                        "Nul\u0000Name",
                        "emails",
                        "nul." + unique + "@bad.test",
                        "language",
                        "en",
                        "timeZone",
                        "UTC",
                        "preferredChannel",
                        "EMAIL"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("name contains a character").contains("<form");
        assertThat(customers.findByEmail("nul." + unique + "@bad.test")).isEmpty();
    }

    @Test
    void nulInConsoleSearchIsRefusedWithoutAServerError() {
        var console = ConsoleClient.signedInAsAdmin(port);
        var response = console.get("/search?q=a%00b");

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).contains("q contains a character");
    }
}
