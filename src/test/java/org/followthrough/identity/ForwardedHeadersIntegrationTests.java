package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a TLS-terminating proxy (here: requests from 127.0.0.1, a trusted proxy address, with
 * X-Forwarded-Proto), the app knows the browser spoke HTTPS: its session cookie is Secure and it
 * sends HSTS. Plain HTTP requests get neither.
 */
@IntegrationTest
class ForwardedHeadersIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void overHttpsViaTheProxyTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
        var agent = fixtures.agent(Role.AGENT);
        var signIn = signIn(agent.email(), true);
        assertThat(sessionCookies(signIn))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
        assertThat(signIn.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(h -> assertThat(h).contains("max-age="));
        assertThat(signIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("login"));
    }

    @Test
    void overPlainHttpNeitherIsClaimed() throws Exception {
        var agent = fixtures.agent(Role.AGENT);
        var signIn = signIn(agent.email(), false);
        assertThat(signIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("login"));
        assertThat(sessionCookies(signIn))
                .isNotEmpty()
                .noneSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
        assertThat(signIn.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private HttpResponse<String> signIn(String email, boolean https) throws Exception {
        var login = HTTP.send(request("/login", https).GET().build(), HttpResponse.BodyHandlers.ofString());
        var cookie = sessionCookies(login).getFirst().split(";")[0];
        var matcher = CSRF.matcher(login.body());
        assertThat(matcher.find()).isTrue();
        var form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(Fixtures.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
        return HTTP.send(
                request("/login", https)
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, boolean https) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (https) {
            builder.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.40");
        }
        return builder;
    }

    private static List<String> sessionCookies(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .toList();
    }
}
