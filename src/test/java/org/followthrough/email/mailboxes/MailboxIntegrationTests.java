package org.followthrough.email.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class MailboxIntegrationTests {

    private static final String IMAP_PASSWORD = "imap-secret-4711";
    private static final String SMTP_PASSWORD = "smtp-secret-0815";

    @LocalServerPort
    int port;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    Mailboxes store;

    @Autowired
    TestMailServer mail;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient db;

    ApiClient api;
    String address;

    @BeforeEach
    void setUp() {
        api = ApiClient.admin(port);
        address = Fixtures.unique("support") + "@desk.test";
    }

    /** A mailbox on the test mail server, signing in to both sides as {@link #address}. */
    private Map<String, Object> body() {
        var imap = new LinkedHashMap<String, Object>();
        imap.put("host", "127.0.0.1");
        imap.put("port", mail.imapPort());
        imap.put("security", "none");
        imap.put("user", address);
        imap.put("password", IMAP_PASSWORD);
        var smtp = new LinkedHashMap<String, Object>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", mail.smtpPort());
        smtp.put("security", "none");
        smtp.put("user", address);
        smtp.put("password", SMTP_PASSWORD);
        var body = new LinkedHashMap<String, Object>();
        body.put("address", address);
        body.put("displayName", "Desk Support");
        body.put("imap", imap);
        body.put("smtp", smtp);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Map<String, Object> body, String side) {
        return (Map<String, Object>) body.get(side);
    }

    private String created(Map<String, Object> body) {
        var response = api.post("/api/v1/mailboxes", body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.text("id");
    }

    private Map<String, Object> row(String id) {
        return db.sql("select * from mailbox where id = ?::uuid")
                .param(id)
                .query()
                .singleRow();
    }

    // create, read, change, delete ---------------------------------------------

    @Test
    void anAdminCreatesAMailboxAndItsPasswordsAreStoredSealed() {
        var team = fixtures.team(fixtures.agent(Role.AGENT));
        var body = body();
        body.put("teamId", team.toString());
        body.put("pollIntervalSeconds", 30);
        body.put("acknowledge", false);

        var response = api.post("/api/v1/mailboxes", body);

        assertThat(response.status()).isEqualTo(201);
        var id = response.text("id");
        assertThat(response.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/mailboxes/" + id));
        assertThat(response.text("address")).isEqualTo(address);
        assertThat(response.text("teamId")).isEqualTo(team.toString());
        assertThat(response.body().path("imap").path("port").asInt()).isEqualTo(mail.imapPort());
        assertThat(response.body().path("imap").path("security").asString()).isEqualTo("none");
        assertThat(response.body().path("imap").path("folder").asString()).isEqualTo("INBOX");
        assertThat(response.body().path("imap").path("passwordSet").asBoolean()).isTrue();
        assertThat(response.body().path("smtp").path("passwordSet").asBoolean()).isTrue();
        assertThat(response.body().path("pollIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(response.body().path("acknowledge").asBoolean()).isFalse();
        assertThat(response.body().path("active").asBoolean()).isTrue();
        assertThat(response.body().has("createdAt")).isTrue();

        var row = row(id);
        assertThat((String) row.get("imap_password")).startsWith("v1:").doesNotContain(IMAP_PASSWORD);
        assertThat((String) row.get("smtp_password")).startsWith("v1:").doesNotContain(SMTP_PASSWORD);
        assertThat(store.imapPassword(new MailboxId(UUID.fromString(id)))).isEqualTo(IMAP_PASSWORD);
        assertThat(store.smtpPassword(new MailboxId(UUID.fromString(id)))).isEqualTo(SMTP_PASSWORD);

        var audit = db.sql("select after::text from audit_event where entity_type = 'mailbox' and entity_id = ?::uuid")
                .param(id)
                .query(String.class)
                .list();
        assertThat(audit)
                .singleElement()
                .satisfies(after -> assertThat(after)
                        .contains("\"passwordChanged\": true")
                        .doesNotContain(IMAP_PASSWORD, SMTP_PASSWORD, "v1:"));
    }

    @Test
    void portsAndFolderDefaultFromTheSecurity() {
        var body = body();
        side(body, "imap").remove("port");
        side(body, "imap").put("security", "tls");
        side(body, "smtp").remove("port");
        side(body, "smtp").put("security", "starttls");

        var response = api.post("/api/v1/mailboxes", body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().path("imap").path("port").asInt()).isEqualTo(993);
        assertThat(response.body().path("smtp").path("port").asInt()).isEqualTo(587);
        assertThat(response.body().path("pollIntervalSeconds").asInt()).isEqualTo(60);

        var moved = api.patch("/api/v1/mailboxes/" + response.text("id"), Map.of("smtp", Map.of("security", "tls")));
        assertThat(moved.body().path("smtp").path("port").asInt()).isEqualTo(465);
    }

    @Test
    void aBlankPasswordKeepsTheStoredOneAndANewOneReplacesIt() {
        var id = created(body());
        var mailboxId = new MailboxId(UUID.fromString(id));
        var sealedBefore = row(id).get("imap_password");

        var renamed = api.patch(
                "/api/v1/mailboxes/" + id,
                Map.of("displayName", "Renamed", "imap", Map.of("password", ""), "smtp", Map.of("password", "")));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.text("displayName")).isEqualTo("Renamed");
        assertThat(row(id).get("imap_password")).isEqualTo(sealedBefore);
        assertThat(store.imapPassword(mailboxId)).isEqualTo(IMAP_PASSWORD);
        assertThat(store.smtpPassword(mailboxId)).isEqualTo(SMTP_PASSWORD);

        api.patch("/api/v1/mailboxes/" + id, Map.of("imap", Map.of("password", "a-new-one")));
        assertThat(store.imapPassword(mailboxId)).isEqualTo("a-new-one");
        assertThat(store.smtpPassword(mailboxId)).isEqualTo(SMTP_PASSWORD);

        var update = db.sql("select after::text from audit_event where entity_type = 'mailbox' and entity_id = ?::uuid"
                        + " and action = 'updated' order by id desc limit 1")
                .param(id)
                .query(String.class)
                .single();
        assertThat(update).contains("passwordChanged").doesNotContain("a-new-one");
    }

    @Test
    void theSmtpPasswordAndUserCanBeRemovedButNotTheImapPassword() {
        var id = created(body());
        var smtp = new LinkedHashMap<String, Object>();
        smtp.put("user", null);
        smtp.put("password", null);

        var cleared = api.patch("/api/v1/mailboxes/" + id, Map.of("smtp", smtp));

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().path("smtp").path("passwordSet").asBoolean()).isFalse();
        assertThat(cleared.body().path("smtp").path("user").asString()).isEmpty();
        assertThat(row(id).get("smtp_password")).isEqualTo("");

        var imap = new LinkedHashMap<String, Object>();
        imap.put("password", null);
        var refused = api.patch("/api/v1/mailboxes/" + id, Map.of("imap", imap));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("imap.password");
    }

    @Test
    void theApiNeverShowsAPassword() {
        var id = created(body());

        var one = api.get("/api/v1/mailboxes/" + id);
        var all = api.get("/api/v1/mailboxes");

        assertThat(one.status()).isEqualTo(200);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("items").findValuesAsString("address")).contains(address);
        for (var response : List.of(one, all)) {
            assertThat(fieldNames(response.body())).doesNotContain("password");
            assertThat(response.raw().body()).doesNotContain(IMAP_PASSWORD, SMTP_PASSWORD, "v1:");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        if (node.isObject()) {
            for (var name : node.propertyNames()) {
                names.add(name);
                names.addAll(fieldNames(node.get(name)));
            }
        } else if (node.isArray()) {
            node.forEach(child -> names.addAll(fieldNames(child)));
        }
        return names;
    }

    @Test
    void pollingStartsOnCreateMovesWithReadingSettingsAndStopsWhenSwitchedOff() {
        var id = created(body());
        var subject = UUID.fromString(id);
        assertThat(timer(subject)).isEqualTo(1);

        db.sql("delete from timer where kind = 'mail.poll' and subject_id = ?")
                .param(subject)
                .update();
        api.patch("/api/v1/mailboxes/" + id, Map.of("displayName", "Only the name"));
        assertThat(timer(subject))
                .as("a new name does not change how mail is read")
                .isZero();

        api.patch("/api/v1/mailboxes/" + id, Map.of("pollIntervalSeconds", 120));
        assertThat(timer(subject)).isEqualTo(1);

        api.patch("/api/v1/mailboxes/" + id, Map.of("active", false));
        assertThat(timer(subject)).isZero();

        api.patch("/api/v1/mailboxes/" + id, Map.of("imap", Map.of("folder", "Support")));
        assertThat(timer(subject)).as("an inactive mailbox is not polled").isZero();

        api.patch("/api/v1/mailboxes/" + id, Map.of("active", true));
        assertThat(timer(subject)).isEqualTo(1);
    }

    private int timer(UUID subject) {
        return db.sql("select count(*) from timer where kind = 'mail.poll' and subject_id = ?")
                .param(subject)
                .query(Integer.class)
                .single();
    }

    @Test
    void deletingRemovesTheMailboxAndStopsItsPolling() throws Exception {
        var id = created(body());

        var deleted = delete("/api/v1/mailboxes/" + id, ApiClient.ADMIN_TOKEN);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/mailboxes/" + id).status()).isEqualTo(404);
        assertThat(timer(UUID.fromString(id))).isZero();
        assertThat(delete("/api/v1/mailboxes/" + id, ApiClient.ADMIN_TOKEN).statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFacadeFindsAMailboxByAddressInAnyCase() {
        var id = created(body());

        assertThat(mailboxes.byAddress(address.toUpperCase()))
                .hasValueSatisfying(m -> assertThat(m.id().toString()).isEqualTo(id));
        assertThat(mailboxes.active()).extracting(Mailbox::address).contains(address);
    }

    @Test
    void aPollsOutcomeIsShownUntilTheNextGoodPoll() {
        var id = created(body());
        var mailboxId = new MailboxId(UUID.fromString(id));
        var at = Instant.parse("2026-11-23T10:15:30Z");

        store.recordPoll(mailboxId, at, "The IMAP server refused the user name or password");

        var failed = api.get("/api/v1/mailboxes/" + id);
        assertThat(failed.text("lastPolledAt")).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(failed.text("lastError")).isEqualTo("The IMAP server refused the user name or password");
        assertThat(failed.text("lastErrorAt")).isEqualTo("2026-11-23T10:15:30Z");

        store.recordPoll(mailboxId, at.plusSeconds(60), null);

        var recovered = api.get("/api/v1/mailboxes/" + id);
        assertThat(recovered.text("lastPolledAt")).isEqualTo("2026-11-23T10:16:30Z");
        assertThat(recovered.body().has("lastError")).isFalse();
        assertThat(recovered.body().has("lastErrorAt")).isFalse();
    }

    // refusals -----------------------------------------------------------------

    @Test
    void invalidSettingsAreRefusedNamingTheField() {
        assertRefused(b -> b.put("address", "not an address"), "address");
        assertRefused(b -> b.put("address", "Support <support@desk.test>"), "address");
        assertRefused(b -> b.remove("displayName"), "displayName");
        assertRefused(b -> b.put("teamId", UUID.randomUUID().toString()), "teamId");
        assertRefused(b -> side(b, "imap").put("host", "imap example.com"), "imap.host");
        assertRefused(b -> side(b, "imap").put("host", " "), "imap.host");
        assertRefused(b -> side(b, "imap").put("port", 70000), "imap.port");
        assertRefused(b -> side(b, "imap").put("security", "ssl"), "imap.security");
        assertRefused(b -> side(b, "imap").remove("security"), "imap.security");
        assertRefused(b -> side(b, "imap").put("user", ""), "imap.user");
        assertRefused(b -> side(b, "imap").put("folder", " "), "imap.folder");
        assertRefused(b -> side(b, "imap").put("passwort", "typo"), "imap.passwort");
        assertRefused(b -> side(b, "smtp").put("port", 0), "smtp.port");
        assertRefused(b -> side(b, "smtp").put("host", "smtp\texample.com"), "smtp.host");
        assertRefused(b -> b.remove("smtp"), "smtp.host");
        assertRefused(b -> b.put("pollIntervalSeconds", 4), "pollIntervalSeconds");
        assertRefused(b -> b.put("pollIntervalSeconds", 86_401), "pollIntervalSeconds");
        assertThat(mailboxes.byAddress(address)).isEmpty();
    }

    private void assertRefused(Consumer<Map<String, Object>> change, String field) {
        var body = body();
        change.accept(body);
        var response = api.post("/api/v1/mailboxes", body);
        assertThat(response.status()).as(field).isEqualTo(400);
        assertThat(response.errorFields()).as(response.raw().body()).containsExactly(field);
        assertThat(response.raw().body()).doesNotContain(IMAP_PASSWORD);
    }

    @Test
    void invalidChangesAreRefusedNamingTheFieldAndChangeNothing() {
        var id = created(body());
        var path = "/api/v1/mailboxes/" + id;

        assertThat(api.patch(path, Map.of("imap", Map.of("port", "993"))).errorFields())
                .containsExactly("imap.port");
        assertThat(api.patch(path, Map.of("imap", Map.of("colour", "red"))).errorFields())
                .containsExactly("imap.colour");
        assertThat(api.patch(path, Map.of("smtp", "smtp.example.com")).errorFields())
                .containsExactly("smtp");
        assertThat(api.patch(path, Map.of("pollIntervalSeconds", 1)).errorFields())
                .containsExactly("pollIntervalSeconds");
        assertThat(api.patch(path, Map.of("active", "yes")).errorFields()).containsExactly("active");
        assertThat(api.patch(path, Map.of("displayName", "New", "address", "nope"))
                        .errorFields())
                .containsExactly("address");
        assertThat(api.patch(path, Map.of("password", "x")).errorFields()).containsExactly("password");

        var unchanged = api.get(path);
        assertThat(unchanged.text("displayName")).isEqualTo("Desk Support");
        assertThat(unchanged.body().path("pollIntervalSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void aSecondMailboxWithTheSameAddressInAnyCaseConflicts() {
        var first = created(body());
        var second = body();
        second.put("address", address.toUpperCase());

        assertThat(api.post("/api/v1/mailboxes", second).status()).isEqualTo(409);

        var other = body();
        other.put("address", "other-" + address);
        var otherId = created(other);
        assertThat(api.patch("/api/v1/mailboxes/" + otherId, Map.of("address", address))
                        .status())
                .isEqualTo(409);
        assertThat(first).isNotEqualTo(otherId);
    }

    @Test
    void anUnknownMailboxIsNotFound() {
        var path = "/api/v1/mailboxes/" + UUID.randomUUID();

        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.patch(path, Map.of("displayName", "x")).status()).isEqualTo(404);
        assertThat(api.post(path + "/test", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void onlyAdminsManageMailboxes() throws Exception {
        var id = created(body());
        for (var role : List.of(Role.AGENT, Role.SUPERVISOR)) {
            var token = fixtures.tokenFor(fixtures.agent(role));
            var client = ApiClient.withToken(port, token);

            assertThat(client.get("/api/v1/mailboxes").status()).as(role.name()).isEqualTo(403);
            assertThat(client.get("/api/v1/mailboxes/" + id).status()).isEqualTo(403);
            assertThat(client.post("/api/v1/mailboxes", body()).status()).isEqualTo(403);
            assertThat(client.patch("/api/v1/mailboxes/" + id, Map.of("active", false))
                            .status())
                    .isEqualTo(403);
            assertThat(client.post("/api/v1/mailboxes/" + id + "/test", Map.of())
                            .status())
                    .isEqualTo(403);
            assertThat(delete("/api/v1/mailboxes/" + id, token).statusCode()).isEqualTo(403);
        }
        assertThat(ApiClient.anonymous(port).get("/api/v1/mailboxes").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/mailboxes/" + id).body().path("active").asBoolean())
                .isTrue();
    }

    // trying the servers ---------------------------------------------------------

    @Test
    void aMailboxOnAWorkingServerConnectsOnBothSides() throws Exception {
        var user = mail.user(address, IMAP_PASSWORD);
        var message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("customer@customers.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(address));
        message.setSubject("Where is my order?");
        message.setText("It has not arrived.");
        user.deliver(message);
        var body = body();
        side(body, "smtp").put("password", IMAP_PASSWORD);
        var id = created(body);

        var response = api.post("/api/v1/mailboxes/" + id + "/test", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("ok").asBoolean())
                .as(response.raw().body())
                .isTrue();
        assertThat(response.body().path("imap").path("message").asString())
                .isEqualTo("Connected; the folder INBOX holds 1 message");
        assertThat(response.body().path("smtp").path("message").asString()).isEqualTo("Connected and signed in");
    }

    @Test
    void aWrongPasswordIsReportedInPlainWords() {
        mail.user(address, "the-real-password");
        var id = new MailboxId(UUID.fromString(created(body())));

        var report = mailboxes.test(id);

        assertThat(report.imapOk()).isFalse();
        assertThat(report.imapMessage()).isEqualTo("The IMAP server refused the user name or password");
        assertThat(report.imapMessage()).doesNotContain(IMAP_PASSWORD);
    }

    @Test
    void aMissingFolderIsReportedByName() {
        mail.user(address, IMAP_PASSWORD);
        var body = body();
        side(body, "imap").put("folder", "Support");
        var id = new MailboxId(UUID.fromString(created(body)));

        var report = mailboxes.test(id);

        assertThat(report.imapOk()).isFalse();
        assertThat(report.imapMessage()).isEqualTo("The folder 'Support' does not exist on the IMAP server");
    }

    @Test
    void aClosedPortIsReportedAsNothingAnswering() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var body = body();
        side(body, "imap").put("port", closed);
        side(body, "smtp").put("port", closed);
        var id = new MailboxId(UUID.fromString(created(body)));

        var report = mailboxes.test(id);

        assertThat(report.imapOk()).isFalse();
        assertThat(report.imapMessage()).isEqualTo("Nothing answered on 127.0.0.1 port " + closed);
        assertThat(report.smtpOk()).isFalse();
        assertThat(report.smtpMessage()).isEqualTo("Nothing answered on 127.0.0.1 port " + closed);
    }

    @Test
    void anUnknownServerNameIsReportedAsNotFound() {
        var body = body();
        side(body, "imap").put("host", "imap.no-such-host.invalid");
        side(body, "smtp").put("host", "smtp.no-such-host.invalid");
        var id = new MailboxId(UUID.fromString(created(body)));

        var report = mailboxes.test(id);

        assertThat(report.imapMessage()).isEqualTo("The server name imap.no-such-host.invalid could not be found");
        assertThat(report.smtpMessage()).isEqualTo("The server name smtp.no-such-host.invalid could not be found");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void aServerWithoutStarttlsIsNotSignedInToInPlainText() {
        mail.user(address, IMAP_PASSWORD);
        var body = body();
        side(body, "imap").put("security", "starttls");
        var id = new MailboxId(UUID.fromString(created(body)));

        var report = mailboxes.test(id);

        assertThat(report.imapOk()).isFalse();
        assertThat(report.imapMessage())
                .isEqualTo("The IMAP server 127.0.0.1 does not offer STARTTLS on port " + mail.imapPort()
                        + "; choose TLS or no security");
    }

    @Test
    void tlsAgainstAPlainPortSaysTheServerDoesNotSpeakTls() {
        var body = body();
        side(body, "imap").put("security", "tls");
        var id = new MailboxId(UUID.fromString(created(body)));

        var report = mailboxes.test(id);

        assertThat(report.imapOk()).isFalse();
        assertThat(report.imapMessage())
                .startsWith("The secure connection to 127.0.0.1 port " + mail.imapPort() + " failed: ");
    }

    @Test
    void theFacadeWritesWhatTheApiDoes() {
        var draft = new MailboxDraft(
                address,
                "Desk Support",
                null,
                new MailboxDraft.Server("127.0.0.1", mail.imapPort(), MailSecurity.NONE, address, IMAP_PASSWORD),
                null,
                new MailboxDraft.Server("127.0.0.1", mail.smtpPort(), MailSecurity.NONE, "", ""),
                null,
                true,
                true);
        assertThat(draft.toString()).doesNotContain(IMAP_PASSWORD);

        var created = mailboxes.create(draft, Actor.SYSTEM);
        var changed = mailboxes.update(
                created.id(),
                new MailboxChanges(
                        null, null, null, false, null, "Support", MailboxChanges.Server.UNCHANGED, 90, false, null),
                Actor.SYSTEM);

        assertThat(created.smtp().passwordSet()).isFalse();
        assertThat(created.imapFolder()).isEqualTo("INBOX");
        assertThat(changed.imapFolder()).isEqualTo("Support");
        assertThat(changed.pollInterval()).hasSeconds(90);
        assertThat(changed.acknowledge()).isFalse();
        assertThat(changed.version()).isEqualTo(created.version() + 1);
        mailboxes.delete(created.id(), Actor.SYSTEM);
        assertThat(mailboxes.find(created.id())).isEmpty();
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
