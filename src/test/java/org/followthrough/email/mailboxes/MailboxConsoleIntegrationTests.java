package org.followthrough.email.mailboxes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.followthrough.identity.Role;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MailboxConsoleIntegrationTests {

    private static final String PASSWORD = "imap-secret-4711";

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

    ConsoleClient admin;
    String address;

    @BeforeEach
    void setUp() {
        admin = ConsoleClient.signedInAsAdmin(port);
        address = Fixtures.unique("help") + "@desk.test";
    }

    private Map<String, String> form() {
        var form = new LinkedHashMap<String, String>();
        form.put("address", address);
        form.put("displayName", "Help Desk");
        form.put("teamId", "");
        form.put("imapHost", "127.0.0.1");
        form.put("imapPort", String.valueOf(mail.imapPort()));
        form.put("imapSecurity", "NONE");
        form.put("imapUser", address);
        form.put("imapPassword", PASSWORD);
        form.put("imapFolder", "INBOX");
        form.put("smtpHost", "127.0.0.1");
        form.put("smtpPort", String.valueOf(mail.smtpPort()));
        form.put("smtpSecurity", "NONE");
        form.put("smtpUser", "");
        form.put("smtpPassword", "");
        form.put("pollIntervalSeconds", "60");
        form.put("acknowledge", "true");
        form.put("active", "true");
        return form;
    }

    private MailboxId createdThroughTheForm() {
        assertThat(admin.get("/admin/mailboxes/new").statusCode()).isEqualTo(200);
        var response = admin.post("/admin/mailboxes", form());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/admin/mailboxes/").endsWith("?created");
        var id = location.substring(
                location.indexOf("/admin/mailboxes/") + "/admin/mailboxes/".length(), location.indexOf('?'));
        return new MailboxId(UUID.fromString(id));
    }

    @Test
    void anAdminAddsAMailboxSeesItListedAndTestsItsConnection() {
        mail.user(address, PASSWORD);

        var id = createdThroughTheForm();

        var list = admin.get("/admin/mailboxes");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(address, "Help Desk", "never");

        var page = admin.get("/admin/mailboxes/" + id + "?created");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Mailbox added", "Test connection", "unchanged — leave empty to keep")
                .doesNotContain(PASSWORD);

        var test = admin.htmxPost("/admin/mailboxes/" + id + "/test", Map.of());
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body())
                .contains("Connected; the folder INBOX holds 0 messages", "Connected; sends without signing in")
                .contains("flash success")
                .doesNotContain("flash error", "<html");
    }

    @Test
    void aFailedTestShowsTheReasonInRed() {
        mail.user(address, "another-password");
        var id = createdThroughTheForm();

        var test = admin.htmxPost("/admin/mailboxes/" + id + "/test", Map.of());

        assertThat(test.body()).contains("flash error", "The IMAP server refused the user name or password");
    }

    @Test
    void aRefusedFormComesBackWithTheErrorAtItsFieldAndTheValuesKept() {
        admin.get("/admin/mailboxes/new");
        var form = form();
        form.put("imapPort", "99999");

        var response = admin.post("/admin/mailboxes", form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("imap.port must be between 1 and 65535")
                .contains("class=\"field-error\"")
                .contains("value=\"" + address + "\"", "value=\"99999\"")
                .doesNotContain(PASSWORD);
        assertThat(mailboxes.byAddress(address)).isEmpty();
    }

    @Test
    void savingWithEmptyPasswordsKeepsThemAndUntickingActiveStopsPolling() {
        var id = createdThroughTheForm();
        admin.get("/admin/mailboxes/" + id);
        var form = form();
        form.put("displayName", "Renamed Desk");
        form.put("imapPassword", "");
        form.remove("active");

        var saved = admin.post("/admin/mailboxes/" + id, form);

        assertThat(saved.statusCode()).isEqualTo(302);
        var mailbox = mailboxes.get(id);
        assertThat(mailbox.displayName()).isEqualTo("Renamed Desk");
        assertThat(mailbox.active()).isFalse();
        assertThat(store.imapPassword(id)).isEqualTo(PASSWORD);
    }

    @Test
    void anAdminDeletesAMailbox() {
        var id = createdThroughTheForm();
        admin.get("/admin/mailboxes/" + id);

        var deleted = admin.htmxPost("/admin/mailboxes/" + id + "/delete", Map.of());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.headers().firstValue("HX-Redirect"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/admin/mailboxes?deleted"));
        assertThat(mailboxes.find(id)).isEmpty();
    }

    @Test
    void agentsAndSupervisorsCannotSeeMailboxes() {
        var id = createdThroughTheForm();
        for (var role : new Role[] {Role.AGENT, Role.SUPERVISOR}) {
            var agent = fixtures.agent(role);
            var console = ConsoleClient.signedIn(port, agent);

            assertThat(console.get("/admin/mailboxes").statusCode()).isEqualTo(403);
            assertThat(console.get("/admin/mailboxes/" + id).statusCode()).isEqualTo(403);
            assertThat(console.htmxPost("/admin/mailboxes/" + id + "/test", Map.of())
                            .statusCode())
                    .isEqualTo(403);
            assertThat(console.post("/admin/mailboxes/" + id + "/delete", Map.of())
                            .statusCode())
                    .isEqualTo(403);
        }
        assertThat(mailboxes.find(id)).isPresent();
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
