package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Agents change their own time zone and password, in the console and through /api/v1/me. */
@IntegrationTest
class ProfileIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AgentQueries agents;

    @Autowired
    ApiTokens tokens;

    @Test
    void theHeaderLinksToTheProfileWhereTheTimeZoneIsChanged() {
        var agent = fixtures.agent(Role.AGENT);
        var console = ConsoleClient.signedIn(port, agent);
        assertThat(console.get("/").body()).contains("href=\"/profile\"");
        var page = console.get("/profile");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"Europe/Berlin\"").contains(agent.email());

        var saved = console.post("/profile/time-zone", Map.of("timeZone", "Asia/Tokyo"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(agents.get(agent.id()).timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        var after = console.get("/profile").body();
        assertThat(after).contains("value=\"Asia/Tokyo\"");
        assertThat(after)
                .as("this session's pages use the new zone at once")
                .contains("Times are shown in Asia/Tokyo now.");

        var wrong = console.post("/profile/time-zone", Map.of("timeZone", "Mars/Olympus"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Time zone: choose a zone from the list");
        assertThat(agents.get(agent.id()).timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void anAgentChangesTheirPasswordWithTheCurrentOneAndIsSignedOutEverywhere() {
        var agent = fixtures.agent(Role.AGENT);
        var console = new ConsoleClient(port, "203.0.113.30").signIn(agent.email(), Fixtures.PASSWORD);
        var other = ConsoleClient.signedIn(port, agent);

        var wrongCurrent = console.post("/profile/password", form("wrong-password-1", "a-fresh-long-secret"));
        assertThat(wrongCurrent.statusCode()).isEqualTo(422);
        assertThat(wrongCurrent.body()).contains("The current password is wrong.");

        var weak = console.post("/profile/password", form(Fixtures.PASSWORD, "1234567890"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("The new password must have at least 12 characters.");

        var ownAddress = console.post("/profile/password", form(Fixtures.PASSWORD, agent.email() + "!"));
        assertThat(ownAddress.body()).contains("The new password must not contain your email address");

        var mismatch = new HashMap<>(form(Fixtures.PASSWORD, "a-fresh-long-secret"));
        mismatch.put("confirmPassword", "a-fresh-long-secreT");
        assertThat(console.post("/profile/password", mismatch).body())
                .contains("The repeated new password does not match the new password.");

        var changed = console.post("/profile/password", form(Fixtures.PASSWORD, "a-fresh-long-secret"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?passwordChanged"));
        assertThat(console.get("/").statusCode()).as("this session").isEqualTo(302);
        assertThat(other.get("/").statusCode()).as("every other session").isEqualTo(302);
        assertThat(new ConsoleClient(port).get("/login?passwordChanged").body()).contains("Your password was changed");

        new ConsoleClient(port).signIn(agent.email(), "a-fresh-long-secret");
        assertThat(new ConsoleClient(port, "203.0.113.30")
                        .attemptSignIn(agent.email(), Fixtures.PASSWORD)
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void meShowsAndChangesTheCallingAgent() {
        var agent = fixtures.agent(Role.AGENT);
        var api = ApiClient.withToken(port, tokens.issue("me", agent.id(), null).secret())
                .from("203.0.113.31");
        var me = api.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("email")).isEqualTo(agent.email());
        assertThat(me.text("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(me.body().has("passwordHash")).isFalse();

        var zone = api.patch("/api/v1/me", Map.of("timeZone", "America/Chicago"));
        assertThat(zone.status()).isEqualTo(200);
        assertThat(zone.text("timeZone")).isEqualTo("America/Chicago");

        assertThat(api.patch("/api/v1/me", Map.of("timeZone", "Nowhere/Else")).errorFields())
                .containsExactly("timeZone");
        assertThat(api.patch("/api/v1/me", Map.of("displayName", "Me")).errorFields())
                .containsExactly("displayName");
        var noCurrent = api.patch("/api/v1/me", Map.of("newPassword", "a-fresh-long-secret"));
        assertThat(noCurrent.status()).isEqualTo(400);
        assertThat(noCurrent.errorFields()).containsExactly("currentPassword");
        for (var weak : new String[] {" ".repeat(10), "1234567890", agent.email(), "x".repeat(1025)}) {
            var refused = api.patch("/api/v1/me", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", weak));
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.errorFields()).as(weak).containsExactly("newPassword");
        }
        var longOne = "Grüße-" + "ü".repeat(40);
        var changed = api.patch("/api/v1/me", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", longOne));
        assertThat(changed.status()).isEqualTo(200);
        new ConsoleClient(port).signIn(agent.email(), longOne);
    }

    private static Map<String, String> form(String current, String fresh) {
        return Map.of("currentPassword", current, "newPassword", fresh, "confirmPassword", fresh);
    }
}
