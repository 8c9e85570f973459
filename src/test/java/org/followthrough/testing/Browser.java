package org.followthrough.testing;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.followthrough.identity.AgentView;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's headless Chromium driven by Playwright; no browser is downloaded. A test class shares
 * one with {@code @RegisterExtension static final Browser browser = Browser.perTestClass();}: it
 * starts before the class's tests and closes after them.
 */
public final class Browser implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** The administrator the test configuration bootstraps. */
    public static final String ADMIN_EMAIL = "admin@test.example";

    public static final String ADMIN_PASSWORD = "bootstrap-secret-1";

    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    private Playwright playwright;
    private com.microsoft.playwright.Browser browser;

    public Browser() {
        launch();
    }

    private Browser(boolean launchNow) {
        if (launchNow) {
            launch();
        }
    }

    /** A browser started before a test class's tests and closed after them, as its extension. */
    public static Browser perTestClass() {
        return new Browser(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        launch();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void launch() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                        .setArgs(FLAGS)
                        .setHeadless(true));
    }

    public Page newPage() {
        var page = browser.newPage();
        page.setDefaultTimeout(10_000);
        return page;
    }

    /** A new page signed in to the app on this port. */
    public Page signedIn(int port, String email, String password) {
        var page = newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.fill("input[name=username]", email);
        page.fill("input[name=password]", password);
        page.click("main button[type=submit]");
        return page;
    }

    /** A new page signed in as this agent, made by {@link Fixtures#agent}. */
    public Page signedIn(int port, AgentView agent) {
        return signedIn(port, agent.email(), Fixtures.PASSWORD);
    }

    /** A new page signed in as the bootstrapped administrator. */
    public Page signedInAsAdmin(int port) {
        return signedIn(port, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
            playwright.close();
            browser = null;
            playwright = null;
        }
    }
}
