package org.followthrough.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.followthrough.identity.AgentView;

/** A browser-like HTTP client for the console: keeps cookies, signs in, sends CSRF tokens. */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private final String forwardedFor;
    private String csrf;

    public ConsoleClient(int port) {
        this(port, null);
    }

    /**
     * A client whose requests come, as a trusted proxy says in X-Forwarded-For, from {@code address}:
     * sign-in back-off counts per address, so a test that provokes it uses an address of its own.
     */
    public ConsoleClient(int port, String address) {
        this.forwardedFor = address;
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client signed in as this agent, made by {@link Fixtures#agent}. */
    public static ConsoleClient signedIn(int port, AgentView agent) {
        return new ConsoleClient(port).signIn(agent.email(), Fixtures.PASSWORD);
    }

    /** A client signed in as the bootstrapped administrator. */
    public static ConsoleClient signedInAsAdmin(int port) {
        return new ConsoleClient(port).signIn(Browser.ADMIN_EMAIL, Browser.ADMIN_PASSWORD);
    }

    public ConsoleClient signIn(String email, String password) {
        var response = attemptSignIn(email, password);
        if (response.statusCode() != 302
                || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in failed for " + email);
        }
        csrf = token(get("/").body());
        return this;
    }

    /** Posts the sign-in form and answers what the app said, whether it signed in or not. */
    public HttpResponse<String> attemptSignIn(String email, String password) {
        var login = get("/login");
        csrf = token(login.body());
        return post("/login", Map.of("username", email, "password", password), false);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A GET as htmx sends it, for a fragment. */
    public HttpResponse<String> htmxGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("HX-Request", "true")
                .GET()
                .build());
    }

    /**
     * Opens a stream of server-sent events as a browser's EventSource does: answers as soon as the
     * headers are in, with the body's lines read as they come. Closing the stream hangs up.
     */
    public HttpResponse<Stream<String>> openStream(String path) {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form post as a browser sends it, with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, false);
    }

    /** A form post as htmx sends it: CSRF in the header, {@code HX-Request: true}. */
    public HttpResponse<String> htmxPost(String path, Map<String, String> form) {
        return post(path, form, true);
    }

    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build());
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean htmx) {
        var fields = new LinkedHashMap<>(form);
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (htmx) {
            builder.header("HX-Request", "true").header("X-CSRF-TOKEN", csrf);
        } else {
            fields.put("_csrf", csrf);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        if (forwardedFor != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("X-Forwarded-For", forwardedFor)
                    .build();
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String token(String html) {
        var m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return m.group(1);
    }
}
