package org.followthrough.email.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.EntryKind;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.Mailbox;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.followthrough.timer.TimerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * List and group mail through the real poll: a person writing through a Google Group or a list alias
 * opens a case; bulk mail and notifications go on no case and wake no one, and admins see them as
 * mail not filed, read their source and file them as a case, once.
 */
@IntegrationTest
class UnfiledMailIntegrationTests {

    private static final String PASSWORD = "mailbox-secret-1";

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailPoller poller;

    @Autowired
    CaseQueries cases;

    @Autowired
    CustomerQueries customers;

    @Autowired
    TimerRunner timerRunner;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient db;

    Mailbox mailbox;
    String support;

    @BeforeEach
    void mailbox() {
        support = Fixtures.unique("support") + "@desk.example";
        mailbox = mailboxes.create(server.mailbox(support, PASSWORD, null, true), Actor.SYSTEM);
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    // --- people through lists and groups ----------------------------------------------------------

    @Test
    void aCustomerWritingToASupportAddressRunAsAGoogleGroupOpensACase() throws Exception {
        var customer = Fixtures.unique("sigrid") + "@fjord.example";
        var subject = Fixtures.unique("Login link never arrives");
        deliver(googleGroupMail(customer, "Sigrid Haugen", subject));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(1);
        var opened = caseWithSubject(subject);
        assertThat(customers.find(opened.people().customerId()).orElseThrow().emails())
                .containsExactly(customer);
        assertThat(cases.timeline(opened.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .singleElement()
                .satisfies(e -> assertThat(e.body()).contains("none arrived"));
        timerRunner.runDue();
        // Never an automatic answer into a list: it would go to every member.
        assertThat(server.receivedBy(customer)).isEmpty();
    }

    @Test
    void aGroupThatRewroteTheSenderForDmarcFilesUnderTheOriginalAuthor() throws Exception {
        var customer = Fixtures.unique("tomasz") + "@nowak.example";
        var subject = Fixtures.unique("Invoice is wrong");
        deliver(raw("From: \"Tomasz Nowak\" via Support <" + support + ">\r\n"
                + "To: Support <" + support + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@desk.example>\r\n"
                + "X-Original-From: \"Tomasz Nowak\" <" + customer + ">\r\n"
                + "Reply-To: \"Tomasz Nowak\" <" + customer + ">\r\n"
                + "Precedence: list\r\nList-ID: <support.desk.example>\r\nList-Post: <mailto:" + support + ">\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nWe are charged for 12 seats, we have 10.\r\n"));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.NEW_CASE)).isEqualTo(1);
        var opened = caseWithSubject(subject);
        assertThat(customers.find(opened.people().customerId()).orElseThrow().emails())
                .containsExactly(customer);
    }

    @Test
    void aReplyThroughAListAliasWithPrecedenceBulkOpensACase() throws Exception {
        var customer = Fixtures.unique("henk") + "@vries.example";
        var subject = Fixtures.unique("Re: [support] Export still broken");
        deliver(raw("From: Henk de Vries <" + customer + ">\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@vries.example>\r\n"
                + "In-Reply-To: <" + UUID.randomUUID() + "@vries.example>\r\n"
                + "Precedence: bulk\r\nX-Mailman-Version: 2.1.39\r\nList-Id: <support.lists.desk.example>\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nStill broken after the update.\r\n"));

        assertThat(poller.poll(mailbox).count(Outcome.NEW_CASE)).isEqualTo(1);
        assertThat(caseWithSubject(subject).subject()).isEqualTo(subject);
    }

    // --- bulk mail: on no case, but listed ----------------------------------------------------------

    @Test
    void bulkMailAndNotificationsGoOnNoCaseAndAreListedForAdminsWithTheReason() throws Exception {
        var newsletter = Fixtures.unique("Our spring collection");
        var notification = Fixtures.unique("Re: [acme/app] Crash on start");
        var shop = Fixtures.unique("hello") + "@acme-outdoor.example";
        deliver(newsletter(shop, newsletter));
        deliver(raw("From: Ruth Keller <notifications@github.example>\r\nTo: " + support + "\r\n"
                + "Subject: " + notification + "\r\nMessage-ID: <" + UUID.randomUUID() + "@github.example>\r\n"
                + "In-Reply-To: <acme/app/issues/812@github.example>\r\n"
                + "List-ID: acme/app <app.acme.github.example>\r\nPrecedence: list\r\n"
                + "List-Unsubscribe: <mailto:unsub+AAB3@reply.github.example>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nSame here on 4.2.\r\n"));

        var poll = poller.poll(mailbox);

        assertThat(poll.count(Outcome.IGNORED)).isEqualTo(2);
        assertThat(customers.findByEmail(shop)).isEmpty();
        var api = admin();
        var news = listed(api, newsletter);
        assertThat(news.path("from").asString()).isEqualTo(shop);
        assertThat(news.path("fromName").asString()).isEqualTo("Acme Outdoor");
        assertThat(news.path("reason").asString())
                .startsWith("Bulk mail or a notification")
                .contains("an unsubscribe link");
        assertThat(news.path("mailboxAddress").asString()).isEqualTo(support);
        assertThat(news.has("source")).isFalse();
        assertThat(listed(api, notification).path("reason").asString())
                .contains("sent by notifications@github.example");

        var detail = api.get("/api/v1/mail/not-filed/" + news.path("id").asString());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.text("source")).contains("Subject: " + newsletter).contains("Shop the collection now.");
        assertThat(detail.body().has("caseId")).isFalse();
    }

    @Test
    void anAdminFilesBulkMailAsACaseOnceHoweverOftenAsked() throws Exception {
        var subject = Fixtures.unique("Our spring collection");
        var shop = Fixtures.unique("hello") + "@acme-outdoor.example";
        deliver(newsletter(shop, subject));
        poller.poll(mailbox);
        var api = admin();
        var id = listed(api, subject).path("id").asString();

        var filed = api.post("/api/v1/mail/not-filed/" + id + "/file", Map.of());

        assertThat(filed.status()).isEqualTo(200);
        assertThat(filed.text("outcome")).isEqualTo("new_case");
        var opened = caseWithSubject(subject);
        assertThat(filed.body().path("caseNumber").asLong()).isEqualTo(opened.number());
        assertThat(filed.text("caseId")).isEqualTo(opened.id().value().toString());
        assertThat(customers.find(opened.people().customerId()).orElseThrow().emails())
                .containsExactly(shop);
        assertThat(cases.timeline(opened.id()).stream().filter(e -> e.kind() == EntryKind.INBOUND))
                .singleElement()
                .satisfies(e -> assertThat(e.body()).contains("Shop the collection now."));

        var again = api.post("/api/v1/mail/not-filed/" + id + "/file", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("outcome")).isEqualTo("already_filed");
        assertThat(again.body().path("caseNumber").asLong()).isEqualTo(opened.number());
        assertThat(casesWithSubject(subject)).isEqualTo(1);

        assertThat(api.get("/api/v1/mail/not-filed?limit=100")
                        .body()
                        .path("items")
                        .toString())
                .doesNotContain(id);
        var withFiled = api.get("/api/v1/mail/not-filed?limit=100&includeFiled=true");
        assertThat(withFiled.body().path("items").toString()).contains(id);
        var item = api.get("/api/v1/mail/not-filed/" + id);
        assertThat(item.body().path("caseNumber").asLong()).isEqualTo(opened.number());
        assertThat(item.body().has("filedAt")).isTrue();
        timerRunner.runDue();
        // A newsletter filed by hand is not acknowledged.
        assertThat(server.receivedBy(shop)).isEmpty();
    }

    @Test
    void twoAdminsFilingTheSameMessageAtOnceMakeOneCase() throws Exception {
        var subject = Fixtures.unique("Our spring collection");
        deliver(newsletter(Fixtures.unique("hello") + "@acme-outdoor.example", subject));
        poller.poll(mailbox);
        var id = listed(admin(), subject).path("id").asString();
        var first = admin();
        var second = admin();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var one = threads.submit(() -> first.post("/api/v1/mail/not-filed/" + id + "/file", Map.of()));
            var two = threads.submit(() -> second.post("/api/v1/mail/not-filed/" + id + "/file", Map.of()));
            var outcomes = List.of(one.get().text("outcome"), two.get().text("outcome"));

            assertThat(outcomes).containsExactlyInAnyOrder("new_case", "already_filed");
            assertThat(one.get().text("caseId")).isEqualTo(two.get().text("caseId"));
        }
        assertThat(casesWithSubject(subject)).isEqualTo(1);
    }

    @Test
    void ourOwnMailComeBackIsListedButNeverFiledAsACustomersCase() throws Exception {
        var subject = Fixtures.unique("Forwarding loop");
        deliver(raw("From: Desk <" + support + ">\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@desk.example>\r\n\r\nHello again.\r\n"));
        assertThat(poller.poll(mailbox).count(Outcome.IGNORED)).isEqualTo(1);
        var api = admin();
        var item = listed(api, subject);
        assertThat(item.path("reason").asString()).contains("one of our own mailboxes");

        var filed = api.post("/api/v1/mail/not-filed/" + item.path("id").asString() + "/file", Map.of());

        assertThat(filed.status()).isEqualTo(409);
        assertThat(filed.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(casesWithSubject(subject)).isZero();
        assertThat(customers.findByEmail(support)).isEmpty();
    }

    @Test
    void onlyAdminsSeeOrFileMailNotFiled() throws Exception {
        var subject = Fixtures.unique("Weekly digest");
        deliver(newsletter(Fixtures.unique("news") + "@shop.example", subject));
        poller.poll(mailbox);
        var id = listed(admin(), subject).path("id").asString();
        for (var role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            var token = fixtures.tokenFor(fixtures.agent(role));
            var api = ApiClient.withToken(port, token);
            assertThat(api.get("/api/v1/mail/not-filed").status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/mail/not-filed/" + id).status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(api.post("/api/v1/mail/not-filed/" + id + "/file", Map.of())
                            .status())
                    .as(role.name())
                    .isEqualTo(403);
            assertThat(download("/api/v1/mail/not-filed/" + id + "/raw", token).statusCode())
                    .as(role.name())
                    .isEqualTo(403);
            var console = ConsoleClient.signedIn(port, fixtures.agent(role));
            assertThat(console.get("/admin/mail/not-filed").statusCode()).isEqualTo(403);
            assertThat(console.post("/admin/mail/not-filed/" + id + "/file", Map.of())
                            .statusCode())
                    .isEqualTo(403);
        }
        assertThat(casesWithSubject(subject)).isZero();
        var unknown = UUID.randomUUID();
        var api = admin();
        var missing = api.get("/api/v1/mail/not-filed/" + unknown);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.post("/api/v1/mail/not-filed/" + unknown + "/file", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theOriginalDownloadsExactlyAsItArrived() throws Exception {
        var subject = Fixtures.unique("Weekly digest");
        var raw = newsletter(Fixtures.unique("news") + "@shop.example", subject);
        deliver(raw);
        poller.poll(mailbox);
        var id = listed(admin(), subject).path("id").asString();

        var response = download("/api/v1/mail/not-filed/" + id + "/raw", fixtures.tokenFor(fixtures.agent(Role.ADMIN)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("message/rfc822"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Subject: " + subject);
    }

    // --- the console ------------------------------------------------------------------------------

    @Test
    void adminsReadTheSourceSafelyAndFileItAsACaseWithOneClick() throws Exception {
        var subject = Fixtures.unique("Flash sale");
        var shop = Fixtures.unique("deals") + "@shop.example";
        deliver(raw("From: Shop Deals <" + shop + ">\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@shop.example>\r\nPrecedence: bulk\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>Everything half price</p><script>alert('owned')</script><img src=x onerror=alert(1)>\r\n"));
        poller.poll(mailbox);
        var console = ConsoleClient.signedIn(port, fixtures.agent(Role.ADMIN));

        var list = console.get("/admin/mail/not-filed");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("href=\"/admin/mail/not-filed\"")
                .contains(subject)
                .contains(shop)
                .contains("Bulk mail or a notification");
        var id = listed(admin(), subject).path("id").asString();
        assertThat(list.body()).contains("/admin/mail/not-filed/" + id);

        var detail = console.get("/admin/mail/not-filed/" + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body())
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert('owned')")
                .doesNotContain("<img src=x")
                .contains("File as a case")
                .contains("/admin/mail/not-filed/" + id + "/raw");

        var filed = console.post("/admin/mail/not-filed/" + id + "/file", Map.of());
        var opened = caseWithSubject(subject);
        assertThat(filed.statusCode()).isEqualTo(302);
        assertThat(filed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cases/" + opened.number()));

        var twice = console.post("/admin/mail/not-filed/" + id + "/file", Map.of());
        assertThat(twice.statusCode()).isEqualTo(302);
        assertThat(twice.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/cases/" + opened.number()));
        assertThat(casesWithSubject(subject)).isEqualTo(1);
        assertThat(console.get("/admin/mail/not-filed").body()).doesNotContain(subject);
        assertThat(console.get("/admin/mail/not-filed?filed=true").body())
                .contains(subject)
                .contains("case #" + opened.number());
        assertThat(console.get("/admin/mail/not-filed/" + id).body())
                .doesNotContain("File as a case</button>")
                .contains("/cases/" + opened.number());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private byte[] googleGroupMail(String customer, String name, String subject) {
        return raw("Received: by mail-sor-f41.google.com with SMTP id 3f1490d57ef6; Tue, 06 Jan 2026 01:14:22 -0800\r\n"
                + "X-BeenThere: " + support + "\r\n"
                + "Date: Tue, 6 Jan 2026 10:14:02 +0100\r\n"
                + "From: " + name + " <" + customer + ">\r\n"
                + "To: " + support + "\r\n"
                + "Message-ID: <CAK7x2=" + UUID.randomUUID() + "@mail.gmail.com>\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n"
                + "X-Original-Sender: " + customer + "\r\n"
                + "Precedence: list\r\n"
                + "Mailing-list: list " + support + "; contact support+owners@desk.example\r\n"
                + "List-ID: <support.desk.example>\r\n"
                + "X-Google-Group-Id: 712874330012\r\n"
                + "List-Post: <https://groups.google.com/a/desk.example/group/support/post>, <mailto:" + support
                + ">\r\n"
                + "List-Unsubscribe: <mailto:googlegroups-manage+712874330012+unsubscribe@googlegroups.com>,\r\n"
                + " <https://groups.google.com/a/desk.example/group/support/subscribe>\r\n"
                + "\r\n"
                + "Hello, I asked for a login link three times this morning and none arrived.\r\n\r\nSigrid\r\n\r\n"
                + "--\r\nYou received this message because you are subscribed to the Google Groups \"Support\" group.\r\n"
                + "To unsubscribe from this group and stop receiving emails from it, send an email to "
                + "support+unsubscribe@desk.example.\r\n");
    }

    private byte[] newsletter(String from, String subject) {
        return raw("From: Acme Outdoor <" + from + ">\r\nTo: " + support + "\r\nSubject: " + subject + "\r\n"
                + "Date: Fri, 9 Jan 2026 07:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@email.acme-outdoor.example>\r\n"
                + "List-Unsubscribe: <https://acme-outdoor.example/u/93d1>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Fresh jackets, fresh trails. Shop the collection now.\r\n\r\n"
                + "You are receiving this because you signed up. Unsubscribe: https://acme-outdoor.example/u/93d1\r\n");
    }

    private ApiClient admin() {
        return fixtures.api(port, fixtures.agent(Role.ADMIN));
    }

    private static JsonNode listed(ApiClient api, String subject) {
        for (var item : api.get("/api/v1/mail/not-filed?limit=100").body().path("items")) {
            if (item.path("subject").asString().equals(subject)) {
                return item;
            }
        }
        throw new AssertionError("not listed as mail not filed: " + subject);
    }

    private CaseView caseWithSubject(String subject) {
        var id = db.sql("select id from support_case where subject = ?")
                .param(subject)
                .query((rs, n) -> new CaseId(UUID.fromString(rs.getString(1))))
                .single();
        return cases.get(id);
    }

    private long casesWithSubject(String subject) {
        return db.sql("select count(*) from support_case where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }

    private HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(byte[] raw) throws Exception {
        server.deliver(support, raw);
    }
}
