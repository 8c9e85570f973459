package org.followthrough.email.inbound;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class UnfiledMailBrowserTests {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    TestMailServer server;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailPoller poller;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient db;

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    @Test
    void anAdminFindsANewsletterUnderMailNotFiledReadsItsSourceAndFilesItAsACase() throws Exception {
        var support = Fixtures.unique("support") + "@desk.example";
        var mailbox = mailboxes.create(server.mailbox(support, "mailbox-secret-1", null, false), Actor.SYSTEM);
        var subject = Fixtures.unique("Spring offers");
        var raw = ("From: Shop <" + Fixtures.unique("news") + "@shop.example>\r\nTo: " + support + "\r\n"
                        + "Subject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@shop.example>\r\n"
                        + "List-Unsubscribe: <https://shop.example/u>\r\nPrecedence: bulk\r\n"
                        + "Content-Type: text/html; charset=utf-8\r\n\r\n"
                        + "<p>Half price</p><script>document.title='owned'</script>\r\n")
                .getBytes(StandardCharsets.UTF_8);
        server.deliver(support, raw);
        poller.poll(mailbox);

        var page = browser.signedInAsAdmin(port);
        page.navigate("http://localhost:" + port + "/admin/mailboxes");
        page.click("nav.tabs >> text=Mail not filed");
        assertThat(page.locator("table.not-filed")).containsText(subject);
        assertThat(page.locator("table.not-filed")).containsText("Bulk mail or a notification");

        page.click("table.not-filed >> text=" + subject);
        assertThat(page.locator("pre.mail-source")).containsText("<script>document.title='owned'</script>");
        assertThat(page).not().hasTitle("owned");

        page.click("button:has-text('File as a case')");
        var number = db.sql("select number from support_case where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
        assertThat(page).hasURL(Pattern.compile(".*/cases/" + number + "$"));
        assertThat(page.locator("main")).containsText("Half price");

        page.goBack();
        page.reload();
        assertThat(page.locator("button:has-text('File as a case')")).hasCount(0);
        assertThat(page.locator("main")).containsText("case #" + number);
        assertThat(db.sql("select count(*) from support_case where subject = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
