package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.followthrough.audit.AuditEvent;
import org.followthrough.audit.AuditLog;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Guessing passwords or tokens is backed off per account and per address, in PostgreSQL, with the
 * wait shown to people and sent to machines; every failure is audited and an admin can lift a
 * lockout. Each test signs in from addresses of its own (X-Forwarded-For from a trusted proxy).
 */
@IntegrationTest
class SignInThrottlingIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AgentDesk agents;

    /** A documentation address (TEST-NET-2), never a trusted proxy's, different for every call. */
    private static String anAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (n % 250 + 1);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static boolean signedIn(HttpResponse<String> response) {
        var location = location(response);
        return response.statusCode() == 302 && !location.contains("/login");
    }

    @Test
    void fiveWrongPasswordsMakeTheAccountWaitAndEvenTheRightOneIsRefusedUntilThen() {
        var agent = fixtures.agent(Role.AGENT);
        var client = new ConsoleClient(port, anAddress());
        for (int i = 1; i <= 4; i++) {
            var wrong = client.attemptSignIn(agent.email(), "wrong-password-" + i);
            assertThat(location(wrong)).as("attempt %d", i).endsWith("/login?error");
        }
        var fifth = client.attemptSignIn(agent.email(), "wrong-password-5");
        assertThat(location(fifth)).contains("/login?retryAt=");

        var page = client.get(location(fifth).replaceFirst("^https?://[^/]+", ""));
        assertThat(page.body())
                .contains("Too many failed sign-ins. Try again after")
                .contains("in about 1 min");

        assertThat(signedIn(client.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("the right password, straight after")
                .isFalse();
        assertThat(signedIn(new ConsoleClient(port, anAddress()).attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("the right password from elsewhere: the account itself waits")
                .isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(signedIn(client.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("after the wait")
                .isTrue();

        var actions = audit.forEntity("agent", agent.id().value()).stream()
                .map(AuditEvent::action)
                .toList();
        assertThat(actions).containsSequence("sign_in_failed", "sign_in_failed", "sign_in_failed", "sign_in_failed");
        assertThat(actions).contains("sign_in_failed_blocked");
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUntilAnAdminLiftsTheLockout() {
        var agent = fixtures.agent(Role.AGENT);
        var client = new ConsoleClient(port, anAddress());
        for (int i = 1; i <= 5; i++) {
            client.attemptSignIn(agent.email(), "wrong-password-" + i);
        }
        clock.advance(Duration.ofSeconds(61));
        var sixth = client.attemptSignIn(agent.email(), "wrong-password-6");
        var retryAt = Instant.ofEpochSecond(Long.parseLong(location(sixth).replaceAll(".*retryAt=", "")));
        assertThat(Duration.between(clock.instant(), retryAt))
                .isBetween(Duration.ofSeconds(119), Duration.ofMinutes(2));
        clock.advance(Duration.ofSeconds(61));
        assertThat(signedIn(client.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("one minute is not enough now")
                .isFalse();

        var admin = ConsoleClient.signedIn(port, fixtures.agent(Role.ADMIN));
        var page = admin.get("/admin/agents/" + agent.id());
        assertThat(page.body()).contains("id=\"sign-in-lockout\"").contains("Sign-in blocked after 6 failed attempts");
        var lifted = admin.post("/admin/agents/" + agent.id() + "/unlock", Map.of());
        assertThat(lifted.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/agents/" + agent.id()).body()).doesNotContain("id=\"sign-in-lockout\"");

        assertThat(signedIn(client.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("lifted by an admin")
                .isTrue();
        assertThat(audit.forEntity("agent", agent.id().value()))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("sign_in_unblocked"));
    }

    @Test
    void onlyAdminsSeeAndLiftALockoutThroughTheApi() {
        var agent = fixtures.agent(Role.AGENT);
        var client = new ConsoleClient(port, anAddress());
        for (int i = 1; i <= 5; i++) {
            client.attemptSignIn(agent.email(), "wrong-password-" + i);
        }
        var api = ApiClient.admin(port);
        var lockout = api.get("/api/v1/agents/" + agent.id() + "/lockout");
        assertThat(lockout.status()).isEqualTo(200);
        assertThat(lockout.body().path("blocked").asBoolean()).isTrue();
        assertThat(lockout.body().path("failures").asInt()).isEqualTo(5);

        var supervisor =
                tokens.issue("supervisor", fixtures.agent(Role.SUPERVISOR).id(), null);
        var notAdmin = ApiClient.withToken(port, supervisor.secret());
        assertThat(notAdmin.delete("/api/v1/agents/" + agent.id() + "/lockout").status())
                .isEqualTo(403);
        assertThat(notAdmin.get("/api/v1/agents/" + agent.id() + "/lockout").status())
                .isEqualTo(403);

        assertThat(api.delete("/api/v1/agents/" + agent.id() + "/lockout").status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/agents/" + agent.id() + "/lockout")
                        .body()
                        .path("blocked")
                        .asBoolean())
                .isFalse();
        assertThat(signedIn(client.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .isTrue();
    }

    @Test
    void oneAddressTryingManyAccountsIsBackedOffWhileOthersSignInAsUsual() {
        var agent = fixtures.agent(Role.AGENT);
        var sprayer = new ConsoleClient(port, anAddress());
        for (int i = 1; i <= 19; i++) {
            var wrong = sprayer.attemptSignIn(Fixtures.unique("nobody") + "@test.example", "wrong-password-1");
            assertThat(location(wrong)).as("attempt %d", i).endsWith("/login?error");
        }
        var twentieth = sprayer.attemptSignIn(Fixtures.unique("nobody") + "@test.example", "wrong-password-1");
        assertThat(location(twentieth)).contains("/login?retryAt=");
        assertThat(signedIn(sprayer.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("from the same address, even a right password waits")
                .isFalse();
        assertThat(signedIn(new ConsoleClient(port, anAddress()).attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("from another address")
                .isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(signedIn(sprayer.attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .isTrue();
    }

    @Test
    void badBearerTokensFromOneAddressAreAnswered429WithRetryAfter() {
        var address = anAddress();
        var guesser = ApiClient.withToken(port, "ft_guessed_token_that_does_not_exist_0")
                .from(address);
        for (int i = 1; i <= 19; i++) {
            assertThat(guesser.get("/api/v1/cases").status()).as("guess %d", i).isEqualTo(401);
        }
        var refused = guesser.get("/api/v1/cases");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).hasValue("60");
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body().path("status").asInt()).isEqualTo(429);

        var admin = ApiClient.admin(port);
        assertThat(admin.from(address).get("/api/v1/agents").status())
                .as("a good token from the backed-off address waits too")
                .isEqualTo(429);
        assertThat(admin.from(anAddress()).get("/api/v1/agents").status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));
        assertThat(admin.from(address).get("/api/v1/agents").status()).isEqualTo(200);
        assertThat(audit.recent("sign_in", null, 100).items()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("api_token_refused_blocked");
            assertThat(e.after()).contains(address);
        });
    }

    @Test
    void aWrongCurrentPasswordCountsAsAFailedSignIn() {
        var agent = fixtures.agent(Role.AGENT);
        var token = tokens.issue("me", agent.id(), null).secret();
        var api = ApiClient.withToken(port, token).from(anAddress());
        for (int i = 1; i <= 4; i++) {
            var wrong = api.patch(
                    "/api/v1/me",
                    Map.of("currentPassword", "wrong-password-" + i, "newPassword", "a-fresh-long-secret"));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.errorFields()).containsExactly("currentPassword");
        }
        var fifth = api.patch(
                "/api/v1/me", Map.of("currentPassword", "wrong-password-5", "newPassword", "a-fresh-long-secret"));
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(fifth.header("Retry-After")).hasValue("60");
        assertThat(fifth.body().path("retryAt").asString()).isNotBlank();

        assertThat(api.patch(
                                "/api/v1/me",
                                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "a-fresh-long-secret"))
                        .status())
                .as("the right current password waits too")
                .isEqualTo(429);
        assertThat(signedIn(new ConsoleClient(port, anAddress()).attemptSignIn(agent.email(), Fixtures.PASSWORD)))
                .as("and so does signing in")
                .isFalse();
    }
}
