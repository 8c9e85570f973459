package org.followthrough.email.inbound;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.FrameLocator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.followthrough.cases.CaseQueries;
import org.followthrough.email.inbound.MailIngest.Outcome;
import org.followthrough.email.mailboxes.MailboxDesk;
import org.followthrough.identity.Role;
import org.followthrough.platform.Actor;
import org.followthrough.testing.Browser;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.TestMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A received HTML email on the case page: readable, and nothing in it runs or phones home unasked. */
@IntegrationTest
class ReceivedMailBrowserTests {

    /** A 1×1 PNG, as a tracking pixel and as an inline image. */
    private static final String PIXEL =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    static HttpServer tracker;
    static final AtomicInteger trackerHits = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MailboxDesk mailboxes;

    @Autowired
    MailIngest ingest;

    @Autowired
    CaseQueries cases;

    @Autowired
    TestMailServer server;

    @BeforeAll
    static void start() throws Exception {
        tracker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tracker.createContext("/pixel.png", exchange -> {
            trackerHits.incrementAndGet();
            var png = Base64.getDecoder().decode(PIXEL);
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        tracker.start();
    }

    @AfterAll
    static void stop() {
        tracker.stop(0);
    }

    @Test
    void aReceivedHtmlEmailIsShownWithoutRunningAnythingOrLoadingRemoteImagesUntilAsked() {
        var address = Fixtures.unique("html") + "@desk.example";
        var mailbox = mailboxes.create(server.mailbox(address, "pw-1", null, false), Actor.SYSTEM);
        var remote = "http://127.0.0.1:" + tracker.getAddress().getPort() + "/pixel.png";
        var customer = Fixtures.unique("nina") + "@customer.example";
        var html = "<html><body><p>The <b>blue</b> model arrived broken.</p>"
                // The frame cannot reach the case page, so a payload that ran would leave its mark
                // on the frame's own document, where the test looks for it.
                + "<script>document.body.setAttribute('data-ran','script');document.title='pwned'</script>"
                + "<img src=x onerror=\"document.body.setAttribute('data-ran','onerror')\">"
                + "<svg onload=\"document.body.setAttribute('data-ran','svg')\"></svg>"
                + "<p><img src=\"cid:photo1\" alt=\"photo of the damage\"></p>"
                + "<p><img src=\"" + remote + "\" alt=\"tracker\"></p>"
                + "<a href=\"javascript:parent.document.title='pwned'\">click me</a>"
                + "<div class=\"gmail_quote\">On Mon, Support wrote:<blockquote>Your order has shipped.</blockquote></div>"
                + "</body></html>";
        var raw = ("From: Nina <" + customer + ">\r\nTo: " + address + "\r\nSubject: Broken on arrival\r\n"
                        + "Message-ID: <html-" + UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/related; boundary=\"R\"\r\n\r\n"
                        + "--R\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n"
                        + "--R\r\nContent-Type: image/png\r\nContent-ID: <photo1>\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: inline; filename=\"damage.png\"\r\n\r\n" + PIXEL + "\r\n--R--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        var result = ingest.ingest(mailbox, raw);
        assertThat(result.outcome()).isEqualTo(Outcome.NEW_CASE);
        var c = cases.get(result.caseId());

        var page = browser.signedIn(port, fixtures.agent(Role.AGENT));
        page.navigate("http://localhost:" + port + "/cases/" + c.number());
        var entry = page.locator("#timeline .kind-inbound").first();
        assertThat(entry.locator(".body")).containsText("The blue model arrived broken.");
        assertThat(entry.locator(".body")).not().containsText("Your order has shipped");
        assertThat(entry.locator("details.quoted")).containsText("Show quoted text");

        entry.locator("details.formatted summary").click();
        var frame = page.frameLocator("#timeline .mail-frame iframe");
        assertThat(frame.locator("body")).containsText("The blue model arrived broken.");
        var photo = frame.locator("img[alt='photo of the damage']");
        assertThat(photo).hasAttribute("src", Pattern.compile("data:image/png;base64,.+"));
        page.waitForCondition(() -> ((Number) photo.evaluate("img => img.naturalWidth")).intValue() == 1);
        assertThat(frame.locator(".remote-image-blocked")).hasCount(1);
        // Loaded, every image tried (the broken one's onerror had its chance): nothing ran.
        var body = frame.locator("body");
        page.waitForCondition(() -> "complete".equals(body.evaluate("b => b.ownerDocument.readyState")));
        assertThat(body).not().hasAttribute("data-ran", Pattern.compile(".*"));
        assertThat(body.evaluate("b => b.ownerDocument.title")).isEqualTo("");
        assertThat(page).not().hasTitle("pwned");
        assertThat(frame.locator("a", new FrameLocator.LocatorOptions().setHasText("click me")))
                .not()
                .hasAttribute("href", Pattern.compile("(?i)javascript:.*"));
        assertThat(trackerHits.get()).isZero();

        entry.locator(".mail-frame button").click();
        var reloaded = page.frameLocator("#timeline .mail-frame iframe");
        assertThat(reloaded.locator("img[alt='tracker']")).hasAttribute("src", remote);
        page.waitForCondition(() -> trackerHits.get() > 0);
        var reloadedBody = reloaded.locator("body");
        page.waitForCondition(() -> "complete".equals(reloadedBody.evaluate("b => b.ownerDocument.readyState")));
        assertThat(reloadedBody).not().hasAttribute("data-ran", Pattern.compile(".*"));
        assertThat(page).not().hasTitle("pwned");
        page.close();
    }

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }
}
