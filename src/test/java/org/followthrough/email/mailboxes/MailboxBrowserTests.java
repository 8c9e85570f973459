package org.followthrough.email.mailboxes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class MailboxBrowserTests {

    @Autowired
    Fixtures fixturesForMail;

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @LocalServerPort
    int port;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    Mailboxes store;

    @Autowired
    TestMailServer mail;

    @Autowired
    Clock clock;

    @Test
    void anAdminAddsAMailboxTriesItAndDeletesItAfterConfirming() {
        var address = Fixtures.unique("browser") + "@desk.test";
        mail.user(address, "imap-secret-4711");
        var page = browser.signedInAsAdmin(port);
        page.navigate("http://localhost:" + port + "/admin/mailboxes");
        page.click("text=New mailbox");

        page.fill("input[name=address]", address);
        page.fill("input[name=displayName]", "Browser Desk");
        page.fill("input[name=imapHost]", "127.0.0.1");
        page.fill("input[name=imapPort]", String.valueOf(mail.imapPort()));
        page.selectOption("select[name=imapSecurity]", "NONE");
        page.fill("input[name=imapUser]", address);
        page.fill("input[name=imapPassword]", "imap-secret-4711");
        page.fill("input[name=smtpHost]", "127.0.0.1");
        page.fill("input[name=smtpPort]", String.valueOf(mail.smtpPort()));
        page.selectOption("select[name=smtpSecurity]", "NONE");
        page.click("form button[type=submit].primary");

        assertThat(page.locator(".flash.success")).containsText("Mailbox added");
        assertThat(page.locator("input[name=imapPassword]")).hasValue("");
        assertThat(page.locator("input[name=imapPassword]"))
                .hasAttribute("placeholder", "unchanged — leave empty to keep");
        page.click("text=Test connection");
        assertThat(page.locator("#test-result [data-side=imap]")).containsText("Connected; the folder INBOX holds");
        assertThat(page.locator("#test-result [data-side=imap]")).hasClass(Pattern.compile(".*success.*"));
        assertThat(page.locator("#test-result [data-side=smtp]")).containsText("Connected");
        screenshot(page, "mailbox-form");

        var id = mailboxes.byAddress(address).orElseThrow().id();
        store.recordPoll(id, clock.instant(), "The IMAP server refused the user name or password");
        page.navigate("http://localhost:" + port + "/admin/mailboxes");
        var row = page.locator("tr", new Page.LocatorOptions().setHasText(address));
        assertThat(row).containsText("Browser Desk");
        assertThat(row.locator(".mailbox-error")).hasText("The IMAP server refused the user name or password");
        screenshot(page, "mailboxes");
        row.locator("text=Edit").click();

        page.onceDialog(dialog -> {
            assertThat(dialog.message()).startsWith("Delete this mailbox?");
            dialog.accept();
        });
        page.click("text=Delete mailbox");
        page.waitForURL("**/admin/mailboxes?deleted");
        assertThat(page.locator(".flash")).containsText("Mailbox deleted");
        assertThat(mailboxes.byAddress(address)).isEmpty();
        page.close();
    }

    @Test
    void aRefusedFormShowsTheProblemNextToItsField() {
        var page = browser.signedInAsAdmin(port);
        page.navigate("http://localhost:" + port + "/admin/mailboxes/new");
        page.fill("input[name=address]", Fixtures.unique("refused") + "@desk.test");
        page.fill("input[name=displayName]", "Refused Desk");
        page.fill("input[name=imapHost]", "imap example.com");
        page.fill("input[name=imapUser]", "someone");
        page.fill("input[name=smtpHost]", "smtp.example.com");
        page.click("form button[type=submit].primary");

        var host = page.locator("label:has(input[name=imapHost])");
        assertThat(host.locator(".field-error")).containsText("must be a server name without spaces");
        assertThat(page.locator("input[name=imapHost]")).hasValue("imap example.com");
        assertThat(page.locator("input[name=imapHost]")).hasAttribute("aria-invalid", "true");
        screenshot(page, "mailbox-refused");
        page.close();
    }

    /** Pictures for a person checking the pages by eye, when asked for with -Dscreenshots=<dir>. */
    private static void screenshot(Page page, String name) {
        var dir = System.getProperty("screenshots");
        if (dir != null) {
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of(dir, name + ".png"))
                    .setFullPage(true));
        }
    }

    @AfterEach
    void quietMailboxes() {
        fixturesForMail.quietMailboxes();
    }
}
