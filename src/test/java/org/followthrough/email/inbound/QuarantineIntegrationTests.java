package org.followthrough.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.followthrough.cases.CaseQueries;
import org.followthrough.identity.Role;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class QuarantineIntegrationTests {

    private static final Random RANDOM = new Random();

    @LocalServerPort
    int port;

    @Autowired
    Quarantine quarantine;

    @Autowired
    CaseQueries cases;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    /** Bytes no parser reads as mail, kept under the key ingesting them again would use. */
    private UUID unreadable() {
        var raw = new byte[512];
        RANDOM.nextBytes(raw);
        raw[0] = 0;
        raw[1] = 0;
        return quarantine.keep(null, MailIngest.hashKey(raw), "", "", "Could not be read: binary data", raw);
    }

    private record Kept(UUID id, String subject, byte[] raw) {}

    /** A good message that was quarantined while something else was wrong (the database, say). */
    private Kept readable() {
        var subject = Fixtures.unique("Parcel never arrived");
        var messageId = UUID.randomUUID() + "@customer.example";
        var sender = Fixtures.unique("bob") + "@customer.example";
        var raw = ("From: Bob Customer <" + sender + ">\r\n"
                        + "To: support@desk.example\r\n"
                        + "Subject: " + subject + "\r\n"
                        + "Message-ID: <" + messageId + ">\r\n"
                        + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "\r\n"
                        + "My parcel never arrived. Where is it?\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var id = quarantine.keep(
                null, "<" + messageId + ">", subject, sender, "Could not be placed on a case: timed out", raw);
        return new Kept(id, subject, raw);
    }

    private ApiClient admin() {
        return fixtures.api(port, fixtures.agent(Role.ADMIN));
    }

    private HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    // API ---------------------------------------------------------------------------------------

    @Test
    void aMessageThatStillCannotBeReadStaysWithItsAttemptsCounted() {
        var id = unreadable();
        var api = admin();

        var retried = api.post("/api/v1/quarantine/" + id + "/retry", Map.of());

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.text("outcome")).isEqualTo("quarantined");
        assertThat(retried.body().has("caseId")).isFalse();
        var item = api.get("/api/v1/quarantine/" + id);
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.body().path("attempts").asInt()).isEqualTo(2);
        assertThat(item.body().has("releasedAt")).isFalse();
        assertThat(item.text("reason")).startsWith("Could not be read");
        assertThat(item.body().path("size").asLong()).isEqualTo(512);
    }

    @Test
    void aMessageThatCanBePlacedGoesThroughToANewCaseOnceAndIsReleased() {
        var kept = readable();
        var api = admin();
        assertThat(ids(api, "/api/v1/quarantine?limit=100")).contains(kept.id().toString());

        var retried = api.post("/api/v1/quarantine/" + kept.id() + "/retry", Map.of());

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.text("outcome")).isEqualTo("new_case");
        var number = retried.body().path("caseNumber").asLong();
        var placed = cases.findByNumber(number).orElseThrow();
        assertThat(placed.subject()).isEqualTo(kept.subject());
        assertThat(retried.text("caseId")).isEqualTo(placed.id().value().toString());
        assertThat(cases.timeline(placed.id()))
                .anySatisfy(e -> assertThat(e.body()).contains("My parcel never arrived"));

        var item = api.get("/api/v1/quarantine/" + kept.id());
        assertThat(item.body().has("releasedAt")).isTrue();
        assertThat(item.body().path("caseNumber").asLong()).isEqualTo(number);
        assertThat(ids(api, "/api/v1/quarantine?limit=100"))
                .doesNotContain(kept.id().toString());
        assertThat(ids(api, "/api/v1/quarantine?limit=100&includeReleased=true"))
                .contains(kept.id().toString());

        var again = api.post("/api/v1/quarantine/" + kept.id() + "/retry", Map.of());
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void theListIsNewestFirstAPageAtATime() {
        var first = unreadable();
        clock.advance(Duration.ofSeconds(1));
        var second = unreadable();
        clock.advance(Duration.ofSeconds(1));
        var third = unreadable();
        var api = admin();

        var page = api.get("/api/v1/quarantine?limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("items").size()).isEqualTo(2);
        assertThat(page.body().path("items").get(0).path("id").asString()).isEqualTo(third.toString());
        assertThat(page.body().path("items").get(1).path("id").asString()).isEqualTo(second.toString());
        var cursor = page.body().path("nextCursor").asString();
        assertThat(cursor).isNotBlank();

        var next = api.get("/api/v1/quarantine?limit=2&cursor=" + cursor);
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().path("items").get(0).path("id").asString()).isEqualTo(first.toString());
    }

    @Test
    void theOriginalDownloadsExactlyAsItArrived() throws Exception {
        var kept = readable();
        var token = fixtures.tokenFor(fixtures.agent(Role.ADMIN));

        var response = download("/api/v1/quarantine/" + kept.id() + "/raw", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("message/rfc822"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.body()).isEqualTo(kept.raw());
    }

    @Test
    void unknownMessagesAreNotFound() throws Exception {
        var api = admin();
        var unknown = UUID.randomUUID();
        assertThat(api.get("/api/v1/quarantine/" + unknown).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/quarantine/" + unknown + "/retry", Map.of())
                        .status())
                .isEqualTo(404);
        var token = fixtures.tokenFor(fixtures.agent(Role.ADMIN));
        assertThat(download("/api/v1/quarantine/" + unknown + "/raw", token).statusCode())
                .isEqualTo(404);
    }

    @Test
    void agentsAndSupervisorsMayNotSeeOrRetryQuarantinedMail() throws Exception {
        var id = unreadable();
        for (var role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            var token = fixtures.tokenFor(fixtures.agent(role));
            var api = ApiClient.withToken(port, token);
            assertThat(api.get("/api/v1/quarantine").status()).as(role.name()).isEqualTo(403);
            assertThat(api.get("/api/v1/quarantine/" + id).status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/quarantine/" + id + "/retry", Map.of()).status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(download("/api/v1/quarantine/" + id + "/raw", token).statusCode())
                    .as(role.name())
                    .isEqualTo(403);
        }
        assertThat(quarantine.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    // Console -----------------------------------------------------------------------------------

    private ConsoleClient signedInAs(Role role) {
        return ConsoleClient.signedIn(port, fixtures.agent(role));
    }

    @Test
    void adminsSeeWaitingMessagesAndRetryThemInPlace() {
        var stuck = unreadable();
        var kept = readable();
        var console = signedInAs(Role.ADMIN);

        var page = console.get("/admin/mail/quarantine");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(kept.subject())
                .contains("Could not be placed on a case: timed out")
                .contains("/admin/mail/quarantine/" + kept.id() + "/raw")
                .contains("/admin/mail/quarantine/" + stuck + "/retry");
        var count = console.htmxGet("/admin/mail/quarantine/count");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(Integer.parseInt(count.body().replaceAll("<[^>]+>", "").strip()))
                .isGreaterThanOrEqualTo(2);

        var failed = console.htmxPost("/admin/mail/quarantine/" + stuck + "/retry", Map.of());
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body().strip()).startsWith("<tr").contains("Still cannot be placed: Could not be read");
        assertThat(failed.headers().firstValue("HX-Trigger")).contains("quarantine-changed");
        assertThat(quarantine.find(stuck).orElseThrow().attempts()).isEqualTo(2);

        var through = console.htmxPost("/admin/mail/quarantine/" + kept.id() + "/retry", Map.of());
        assertThat(through.statusCode()).isEqualTo(200);
        var number = cases.getAll(
                        List.of(quarantine.find(kept.id()).orElseThrow().releasedTo()))
                .getFirst()
                .number();
        assertThat(through.body()).contains("Went through:").contains("href=\"/cases/" + number + "\"");
        assertThat(through.body()).doesNotContain("/retry");

        assertThat(console.get("/admin/mail/quarantine").body()).doesNotContain(kept.subject());
        assertThat(console.get("/admin/mail/quarantine?released=true").body())
                .contains(kept.subject())
                .contains("Went through to")
                .contains("case #" + number);

        var again = console.htmxPost("/admin/mail/quarantine/" + kept.id() + "/retry", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void aPlainFormRetryShowsTheOutcomeOnThePage() {
        var stuck = unreadable();
        var console = signedInAs(Role.ADMIN);
        console.get("/admin/mail/quarantine");

        var response = console.post("/admin/mail/quarantine/" + stuck + "/retry", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<html").contains("Still cannot be placed");
    }

    @Test
    void theConsoleDownloadIsTheOriginalAsAnAttachment() {
        var kept = readable();
        var console = signedInAs(Role.ADMIN);

        var response = console.get("/admin/mail/quarantine/" + kept.id() + "/raw");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("message/rfc822"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.body()).contains("My parcel never arrived");
    }

    @Test
    void onlyAdminsReachTheQuarantinePages() {
        var id = unreadable();
        var agent = signedInAs(Role.AGENT);
        assertThat(agent.get("/admin/mail/quarantine").statusCode()).isEqualTo(403);
        assertThat(agent.get("/admin/mail/quarantine/" + id + "/raw").statusCode())
                .isEqualTo(403);
        assertThat(agent.htmxPost("/admin/mail/quarantine/" + id + "/retry", Map.of())
                        .statusCode())
                .isEqualTo(403);
        assertThat(quarantine.find(id).orElseThrow().attempts()).isEqualTo(1);
    }

    private static List<String> ids(ApiClient api, String path) {
        var ids = new ArrayList<String>();
        api.get(path).body().path("items").forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
