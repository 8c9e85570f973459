package org.followthrough.testing;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's headless Chromium driven by Playwright; no browser is downloaded. */
public final class Browser implements AutoCloseable {

    private static final List<String> FLAGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    public Browser() {
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

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
