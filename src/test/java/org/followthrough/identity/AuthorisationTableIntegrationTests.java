package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, as one table: every route the application maps (read from Spring at test
 * time) against every kind of caller. A route nobody classified fails the build, with the line to
 * add; a line whose route is gone fails it too. A refused write must also have written nothing.
 *
 * <p>Requests go to {@code /api/**} with the caller's API token and to everything else with a
 * signed-in session (and its CSRF token). Path variables are filled with a real case number where
 * the route takes {@code {number}} and with ids that name nothing elsewhere, so where a role gets
 * past authorisation on a route with an id the table expects {@link Outcome#NOT_FOUND}.
 *
 * <p>To classify a new route, add one {@code route(...)} line: method and pattern as Spring maps
 * them, then the outcome for nobody, an agent, a supervisor and an admin.
 */
@IntegrationTest
class AuthorisationTableIntegrationTests {

    /** What a caller gets, by class. */
    enum Outcome {
        /** Got past authorisation: any answer but 401, 403, 404 or a redirect to sign-in. */
        ALLOWED,
        /** 401 (API, frames) or a redirect to the sign-in page (console). */
        SIGN_IN,
        FORBIDDEN,
        NOT_FOUND
    }

    /** Who asks. A customer column joins with the customer portal. */
    enum Caller {
        NONE,
        AGENT,
        SUPERVISOR,
        ADMIN
    }

    private static final Outcome OK = Outcome.ALLOWED;
    private static final Outcome IN = Outcome.SIGN_IN;
    private static final Outcome NO = Outcome.FORBIDDEN;
    private static final Outcome NF = Outcome.NOT_FOUND;

    record Line(String route, Map<Caller, Outcome> expected) {}

    private static Line route(String route, Outcome none, Outcome agent, Outcome supervisor, Outcome admin) {
        var expected = new EnumMap<Caller, Outcome>(Caller.class);
        expected.put(Caller.NONE, none);
        expected.put(Caller.AGENT, agent);
        expected.put(Caller.SUPERVISOR, supervisor);
        expected.put(Caller.ADMIN, admin);
        return new Line(route, expected);
    }

    // One line per route:  route("METHOD /pattern", nobody, agent, supervisor, admin)
    static final List<Line> TABLE = List.of(
            // Spring's error page: open to all, so a refused request can be answered with it.
            route("ANY /error", OK, OK, OK, OK),
            route("DELETE /api/v1/mailboxes/{id}", IN, NO, NO, NF),
            route("GET /", IN, OK, OK, OK),
            route("GET /admin", IN, NO, NO, OK),
            route("GET /admin/agents", IN, NO, NO, OK),
            route("GET /admin/agents/{id}", IN, NO, NO, NF),
            route("GET /admin/api", IN, NO, NO, OK),
            route("GET /admin/audit", IN, NO, NO, OK),
            route("GET /admin/mail/quarantine", IN, NO, NO, OK),
            route("GET /admin/mail/quarantine/count", IN, NO, NO, OK),
            route("GET /admin/mail/quarantine/{id}/raw", IN, NO, NO, NF),
            route("GET /admin/mailboxes", IN, NO, NO, OK),
            route("GET /admin/mailboxes/new", IN, NO, NO, OK),
            route("GET /admin/mailboxes/{id}", IN, NO, NO, NF),
            route("GET /admin/segments", IN, NO, NO, OK),
            route("DELETE /api/v1/agents/{id}/lockout", IN, NO, NO, NF),
            route("GET /admin/mail/not-filed", IN, NO, NO, OK),
            route("GET /admin/mail/not-filed/{id}", IN, NO, NO, NF),
            route("GET /admin/mail/not-filed/{id}/raw", IN, NO, NO, NF),
            route("GET /api/v1/agents/{id}/lockout", IN, NO, NO, NF),
            route("GET /api/v1/mail/not-filed", IN, NO, NO, OK),
            route("GET /api/v1/mail/not-filed/{id}", IN, NO, NO, NF),
            route("GET /api/v1/mail/not-filed/{id}/raw", IN, NO, NO, NF),
            route("GET /api/v1/me", IN, OK, OK, OK),
            route("GET /profile", IN, OK, OK, OK),
            route("PATCH /api/v1/me", IN, OK, OK, OK),
            route("POST /admin/agents/{id}/unlock", IN, NO, NO, NF),
            route("POST /admin/mail/not-filed/{id}/file", IN, NO, NO, NF),
            route("POST /api/v1/mail/not-filed/{id}/file", IN, NO, NO, NF),
            route("POST /profile/password", IN, OK, OK, OK),
            route("POST /profile/time-zone", IN, OK, OK, OK),
            route("GET /admin/teams", IN, NO, NO, OK),
            route("GET /admin/teams/{id}/working-time", IN, NO, NO, NF),
            route("GET /admin/tokens", IN, NO, NO, OK),
            route("GET /api/docs", IN, OK, OK, OK),
            route("GET /api/v1/agents", IN, OK, OK, OK),
            route("GET /api/v1/case-statuses", IN, OK, OK, OK),
            route("GET /api/v1/cases", IN, OK, OK, OK),
            route("GET /api/v1/cases/by-number/{number}", IN, OK, OK, OK),
            route("GET /api/v1/cases/{id}", IN, NF, NF, NF),
            route("GET /api/v1/cases/{id}/entries", IN, NF, NF, NF),
            route("GET /api/v1/cases/{id}/handoffs", IN, NF, NF, NF),
            route("GET /api/v1/cases/{id}/promises", IN, NF, NF, NF),
            route("GET /api/v1/customers", IN, OK, OK, OK),
            route("GET /api/v1/customers/{id}", IN, NF, NF, NF),
            route("GET /api/v1/handoffs/{id}", IN, NF, NF, NF),
            route("GET /api/v1/mailboxes", IN, NO, NO, OK),
            route("GET /api/v1/mailboxes/{id}", IN, NO, NO, NF),
            route("GET /api/v1/promises", IN, OK, OK, OK),
            route("GET /api/v1/promises/{id}", IN, NF, NF, NF),
            route("GET /api/v1/quarantine", IN, NO, NO, OK),
            route("GET /api/v1/quarantine/{id}", IN, NO, NO, NF),
            route("GET /api/v1/quarantine/{id}/raw", IN, NO, NO, NF),
            route("GET /api/v1/search", IN, OK, OK, OK),
            route("GET /api/v1/teams", IN, OK, OK, OK),
            route("GET /cases/new", IN, OK, OK, OK),
            route("GET /cases/{number}", IN, OK, OK, OK),
            route("GET /cases/{number}/handoff", IN, OK, OK, OK),
            route("GET /cases/{number}/mail", IN, OK, OK, OK),
            route("GET /cases/{number}/promises", IN, OK, OK, OK),
            route("GET /cases/{number}/promises/draft", IN, OK, OK, OK),
            // live (ADR 020): the timeline alone, a case's event stream and typing reports, the inbox's stream and bar.
            route("GET /cases/{number}/timeline", IN, OK, OK, OK),
            route("GET /live/cases/{number}", IN, OK, OK, OK),
            route("POST /live/cases/{number}/typing", IN, OK, OK, OK),
            route("GET /live/inbox", IN, OK, OK, OK),
            route("GET /live/inbox/new", IN, OK, OK, OK),
            route("GET /cases/{number}/promises/to-keep", IN, OK, OK, OK),
            route("GET /cases/{number}/promises/unsettled", IN, OK, OK, OK),
            route("GET /customers", IN, OK, OK, OK),
            route("GET /customers/new", IN, OK, OK, OK),
            route("GET /customers/pick", IN, OK, OK, OK),
            route("GET /customers/{id}", IN, NF, NF, NF),
            route("GET /customers/{id}/edit", IN, NF, NF, NF),
            route("GET /login", OK, OK, OK, OK),
            route("GET /mail/attachments/{id}", IN, NF, NF, NF),
            route("GET /mail/messages/{id}/frame", IN, OK, OK, OK),
            route("GET /mail/messages/{id}/html", IN, NF, NF, NF),
            route("GET /mail/messages/{id}/raw", IN, NF, NF, NF),
            route("GET /macros", IN, OK, OK, OK),
            route("GET /macros/new", IN, OK, OK, OK),
            route("GET /macros/{id}/edit", IN, NF, NF, NF),
            route("POST /macros", IN, OK, OK, OK),
            route("POST /macros/{id}", IN, NF, NF, NF),
            route("POST /macros/{id}/archive", IN, NF, NF, NF),
            route("POST /macros/{id}/restore", IN, NF, NF, NF),
            route("GET /cases/{number}/macros", IN, OK, OK, OK),
            route("POST /cases/{number}/macros/{id}", IN, NF, NF, NF),
            route("GET /api/v1/macros", IN, OK, OK, OK),
            route("GET /api/v1/macros/{id}", IN, NF, NF, NF),
            route("POST /api/v1/macros", IN, OK, OK, OK),
            route("PUT /api/v1/macros/{id}", IN, NF, NF, NF),
            route("POST /api/v1/macros/{id}/archive", IN, NF, NF, NF),
            route("POST /api/v1/macros/{id}/restore", IN, NF, NF, NF),
            route("POST /api/v1/macros/{id}/fill", IN, NF, NF, NF),
            route("GET /needs-you", IN, OK, OK, OK),
            route("GET /needs-you/count", IN, OK, OK, OK),
            route("GET /organizations", IN, OK, OK, OK),
            route("GET /organizations/new", IN, OK, OK, OK),
            route("GET /organizations/{id}", IN, NF, NF, NF),
            route("GET /organizations/{id}/edit", IN, NF, NF, NF),
            route("GET /promises", IN, OK, OK, OK),
            route("GET /reports/promises", IN, NO, OK, OK),
            route("GET /reports/promises.csv", IN, NO, OK, OK),
            route("GET /search", IN, OK, OK, OK),
            route("GET /settings/alerts", IN, OK, OK, OK),
            route("GET /v3/api-docs", IN, OK, OK, OK),
            route("GET /v3/api-docs.yaml", IN, OK, OK, OK),
            route("GET /v3/api-docs/swagger-config", IN, OK, OK, OK),
            route("PATCH /api/v1/cases/{id}", IN, NF, NF, NF),
            route("PATCH /api/v1/customers/{id}", IN, NF, NF, NF),
            route("PATCH /api/v1/mailboxes/{id}", IN, NO, NO, NF),
            route("POST /admin/agents", IN, NO, NO, OK),
            route("POST /admin/agents/{id}", IN, NO, NO, OK),
            route("POST /admin/mail/quarantine/{id}/retry", IN, NO, NO, NF),
            route("POST /admin/mailboxes", IN, NO, NO, OK),
            route("POST /admin/mailboxes/{id}", IN, NO, NO, NF),
            route("POST /admin/mailboxes/{id}/delete", IN, NO, NO, NF),
            route("POST /admin/mailboxes/{id}/test", IN, NO, NO, NF),
            route("POST /admin/segments", IN, NO, NO, OK),
            route("POST /admin/teams", IN, NO, NO, OK),
            route("POST /admin/teams/{id}", IN, NO, NO, OK),
            route("POST /admin/teams/{id}/working-time", IN, NO, NO, NF),
            route("POST /admin/tokens", IN, NO, NO, OK),
            route("POST /admin/tokens/{id}/revoke", IN, NO, NO, NF),
            route("POST /api/v1/cases", IN, OK, OK, OK),
            route("POST /api/v1/cases/{id}/entries", IN, OK, OK, OK),
            route("POST /api/v1/cases/{id}/handoffs", IN, NF, NF, NF),
            route("POST /api/v1/cases/{id}/promises", IN, NF, NF, NF),
            route("POST /api/v1/customers", IN, OK, OK, OK),
            route("POST /api/v1/handoffs/{id}/accept", IN, NF, NF, NF),
            route("POST /api/v1/handoffs/{id}/decline", IN, NF, NF, NF),
            route("POST /api/v1/handoffs/{id}/withdraw", IN, NF, NF, NF),
            route("POST /api/v1/mailboxes", IN, NO, NO, OK),
            route("POST /api/v1/mailboxes/{id}/test", IN, NO, NO, NF),
            route("POST /api/v1/promises/detect", IN, OK, OK, OK),
            route("POST /api/v1/promises/{id}/keep", IN, NF, NF, NF),
            route("POST /api/v1/promises/{id}/release", IN, NF, NF, NF),
            route("POST /api/v1/promises/{id}/renegotiate", IN, NF, NF, NF),
            route("POST /api/v1/quarantine/{id}/retry", IN, NO, NO, NF),
            route("POST /cases", IN, OK, OK, OK),
            route("POST /cases/bulk", IN, OK, OK, OK),
            route("POST /cases/{number}/calls", IN, OK, OK, OK),
            route("POST /cases/{number}/drafts/{kind}", IN, OK, OK, OK),
            route("POST /cases/{number}/handoffs", IN, NO, OK, OK),
            route("POST /cases/{number}/notes", IN, OK, OK, OK),
            route("POST /cases/{number}/promises", IN, OK, OK, OK),
            route("POST /cases/{number}/promises/suggest", IN, OK, OK, OK),
            route("POST /cases/{number}/properties", IN, OK, OK, OK),
            route("POST /cases/{number}/reply", IN, OK, OK, OK),
            // The table's case is owned by another agent: taking it or handing it off is for supervisors.
            route("POST /cases/{number}/take", IN, NO, OK, OK),
            route("POST /customers", IN, OK, OK, OK),
            route("POST /inbox/views", IN, OK, OK, OK),
            route("POST /inbox/views/{id}/delete", IN, NF, NF, NF),
            route("POST /customers/{id}", IN, NF, NF, NF),
            route("POST /handoffs/{id}/accept", IN, NF, NF, NF),
            route("POST /handoffs/{id}/decline", IN, NF, NF, NF),
            route("POST /handoffs/{id}/seen", IN, NF, NF, NF),
            route("POST /handoffs/{id}/withdraw", IN, NF, NF, NF),
            route("POST /mail/problems/{id}/seen", IN, NF, NF, NF),
            route("POST /organizations", IN, OK, OK, OK),
            route("POST /organizations/{id}", IN, NF, NF, NF),
            route("POST /promises/{id}/keep", IN, NF, NF, NF),
            route("POST /promises/{id}/release", IN, NF, NF, NF),
            route("POST /promises/{id}/renegotiate", IN, OK, OK, OK),
            route("POST /settings/alerts", IN, OK, OK, OK));

    /** Tables a refused write must leave as they were; sessions come and go with sign-ins. */
    private static final Pattern NOT_COUNTED = Pattern.compile("spring_session.*|flyway_schema_history");

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient db;

    @AfterEach
    void quietMailboxes() {
        fixtures.quietMailboxes();
    }

    /** Every route Spring maps, as {@code METHOD /pattern}. */
    private TreeSet<String> mappedRoutes() {
        var routes = new TreeSet<String>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            var methods = info.getMethodsCondition().getMethods();
            for (var pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add("ANY " + pattern);
                } else {
                    methods.forEach(m -> routes.add(m.name() + " " + pattern));
                }
            }
        });
        return routes;
    }

    @Test
    void everyMappedRouteIsClassifiedAndEveryLineNamesAMappedRoute() {
        var mapped = mappedRoutes();
        var classified = TABLE.stream().map(Line::route).collect(Collectors.toCollection(TreeSet::new));
        var unclassified = new TreeSet<>(mapped);
        unclassified.removeAll(classified);
        var gone = new TreeSet<>(classified);
        gone.removeAll(mapped);
        var callers = new Callers();
        assertThat(unclassified)
                .as(
                        "Routes not in the authorisation table. Add a line for each to TABLE; what each caller"
                                + " gets today is filled in below, so check every outcome before you copy it:\n%s",
                        unclassified.stream()
                                .map(r -> "            route(\"" + r + "\", "
                                        + Arrays.stream(Caller.values())
                                                .map(c -> shorthand(
                                                        outcome(callers, c, r).outcome()))
                                                .collect(Collectors.joining(", "))
                                        + "),")
                                .collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(gone)
                .as("Lines in the authorisation table for routes that are no longer mapped")
                .isEmpty();
        assertThat(TABLE.stream().map(Line::route).distinct().count())
                .as("one line per route")
                .isEqualTo(TABLE.size());
    }

    @Test
    void everyCallerGetsWhatTheTableSaysAndARefusedWriteWritesNothing() {
        assertThat(rowCounts())
                .as("the tables a refused write is checked against")
                .containsKeys(
                        "audit_event",
                        "support_case",
                        "case_entry",
                        "promise",
                        "handoff",
                        "agent",
                        "mail_outbox",
                        "timer");
        var callers = new Callers();
        var wrong = new ArrayList<String>();
        for (var line : TABLE) {
            boolean write = !line.route().startsWith("GET ") && !line.route().startsWith("ANY ");
            for (var caller : Caller.values()) {
                var expected = line.expected().get(caller);
                boolean refused = expected == Outcome.SIGN_IN || expected == Outcome.FORBIDDEN;
                var before = write && refused ? rowCounts() : null;
                var actual = outcome(callers, caller, line.route());
                if (actual.status() >= 500 && !line.route().equals("ANY /error")) {
                    wrong.add(line.route() + " as " + caller + " failed: " + actual);
                } else if (actual.outcome() != expected) {
                    wrong.add(line.route() + " as " + caller + ": expected " + expected + ", got " + actual);
                } else if (before != null) {
                    var after = rowCounts();
                    if (!after.equals(before)) {
                        wrong.add(line.route() + " as " + caller + " was refused but wrote: " + changed(before, after));
                    }
                }
            }
        }
        assertThat(wrong)
                .as("callers who did not get what the authorisation table says")
                .isEmpty();
    }

    private record Answer(Outcome outcome, int status, String location) {
        @Override
        public String toString() {
            return outcome + " (" + status + (location == null ? "" : " to " + location) + ")";
        }
    }

    private Answer outcome(Callers callers, Caller caller, String route) {
        var method = route.substring(0, route.indexOf(' '));
        var path = concrete(route.substring(route.indexOf(' ') + 1), callers.caseNumber);
        if (method.equals("ANY")) {
            method = "GET";
        }
        var response = callers.send(caller, method, path);
        int status = response.statusCode();
        var location = response.headers().firstValue("Location").orElse(null);
        Outcome outcome;
        if (status == 401 || (status / 100 == 3 && location != null && location.endsWith("/login"))) {
            outcome = Outcome.SIGN_IN;
        } else if (status == 403) {
            outcome = Outcome.FORBIDDEN;
        } else if (status == 404) {
            outcome = Outcome.NOT_FOUND;
        } else {
            outcome = Outcome.ALLOWED;
        }
        return new Answer(outcome, status, location);
    }

    /** The pattern with its variables filled: the case number for {@code {number}}, ids that name nothing. */
    private static String concrete(String pattern, long caseNumber) {
        Matcher m = VARIABLE.matcher(pattern);
        var out = new StringBuilder();
        while (m.find()) {
            var name = m.group(1);
            String value = name.equals("number")
                    ? Long.toString(caseNumber)
                    : UUID.randomUUID().toString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("/**", "/x");
    }

    private Map<String, Long> rowCounts() {
        var tables = db.sql("select tablename from pg_tables where schemaname = current_schema() order by 1")
                .query(String.class)
                .list();
        var counts = new LinkedHashMap<String, Long>();
        for (var table : tables) {
            if (!NOT_COUNTED.matcher(table).matches()) {
                counts.put(
                        table,
                        db.sql("select count(*) from \"" + table + "\"")
                                .query(Long.class)
                                .single());
            }
        }
        return counts;
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + " -> " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String shorthand(Outcome outcome) {
        return switch (outcome) {
            case ALLOWED -> "OK";
            case SIGN_IN -> "IN";
            case FORBIDDEN -> "NO";
            case NOT_FOUND -> "NF";
        };
    }

    /** One signed-in session and one API token per role, and nobody; a case for routes that take its number. */
    private final class Callers {

        final long caseNumber;
        private final Map<Caller, AgentView> agents = new EnumMap<>(Caller.class);
        private final Map<Caller, HttpClient> sessions = new EnumMap<>(Caller.class);
        private final Map<Caller, String> csrf = new EnumMap<>(Caller.class);
        private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

        Callers() {
            var owner = fixtures.agent(Role.AGENT);
            for (var caller : Caller.values()) {
                if (caller != Caller.NONE) {
                    var agent = fixtures.agent(Role.valueOf(caller.name()));
                    agents.put(caller, agent);
                    tokens.put(caller, fixtures.tokenFor(agent));
                }
            }
            // Everyone in the case's team: the table is about roles; how far a supervisor's powers
            // reach beyond their teams is the case-access matrix's business.
            var team = fixtures.team(owner, agents.get(Caller.AGENT), agents.get(Caller.SUPERVISOR));
            caseNumber = fixtures.aCase().ownedBy(owner).inTeam(team).open().number();
            for (var caller : Caller.values()) {
                signIn(caller);
            }
        }

        private void signIn(Caller caller) {
            var http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            sessions.put(caller, http);
            var login = get(http, "/login").body();
            var token = csrfOf(login);
            if (caller != Caller.NONE) {
                var agent = agents.get(caller);
                var signedIn = exchange(
                        http,
                        HttpRequest.newBuilder(uri("/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(agent.email())
                                        + "&password=" + encode(Fixtures.PASSWORD) + "&_csrf=" + encode(token)))
                                .build());
                assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
                token = csrfOf(get(http, "/").body());
            }
            csrf.put(caller, token);
        }

        HttpResponse<String> send(Caller caller, String method, String path) {
            // The API and its description take tokens (as the security chains match them); the console,
            // the API docs page and the YAML description, a session.
            var api = path.startsWith("/api/v1/") || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/");
            var request = HttpRequest.newBuilder(uri(path));
            if (api) {
                request.header("Accept", "application/json");
                if (caller != Caller.NONE) {
                    request.header("Authorization", "Bearer " + tokens.get(caller));
                }
            } else {
                request.header("X-CSRF-TOKEN", csrf.get(caller));
            }
            var body = method.equals("GET") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(api ? "{}" : "");
            if (!method.equals("GET") && !method.equals("DELETE")) {
                request.header(
                        "Content-Type",
                        api
                                ? (method.equals("PATCH") ? "application/merge-patch+json" : "application/json")
                                : "application/x-www-form-urlencoded");
            }
            var response = exchange(
                    api ? HttpClient.newHttpClient() : sessions.get(caller),
                    request.method(method, body).build());
            if (path.equals("/logout")) {
                signIn(caller);
            }
            return response;
        }

        private HttpResponse<String> get(HttpClient http, String path) {
            return exchange(http, HttpRequest.newBuilder(uri(path)).GET().build());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private static HttpResponse<String> exchange(HttpClient http, HttpRequest request) {
            try {
                return http.send(request, Callers::bodyUnlessStream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** An event stream never ends by itself: its headers say what the table needs, and it is hung up. */
        private static HttpResponse.BodySubscriber<String> bodyUnlessStream(HttpResponse.ResponseInfo info) {
            if (info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                return new HttpResponse.BodySubscriber<>() {
                    @Override
                    public CompletionStage<String> getBody() {
                        return CompletableFuture.completedFuture("");
                    }

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.cancel();
                    }

                    @Override
                    public void onNext(List<ByteBuffer> item) {}

                    @Override
                    public void onError(Throwable throwable) {}

                    @Override
                    public void onComplete() {}
                };
            }
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }

        private static String csrfOf(String html) {
            var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("No CSRF token on the page");
            }
            return m.group(1);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
