package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The password policy holds wherever a password is set, and how passwords are hashed. */
@IntegrationTest
class PasswordsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AgentDesk agents;

    @Autowired
    AgentQueries agentQueries;

    @Autowired
    JdbcClient db;

    private String newEmail() {
        return Fixtures.unique("hire") + "@test.example";
    }

    private void refused(String email, String password, String why) {
        assertThatThrownBy(() -> agents.create(email, "New Hire", Role.AGENT, ZoneId.of("UTC"), password, Actor.SYSTEM))
                .as(why)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(agentQueries.findByEmail(email)).as(why).isEmpty();
    }

    @Test
    void shortCommonRepeatedOrOwnAddressPasswordsAreRefused() {
        var email = newEmail();
        refused(email, " ".repeat(10), "ten spaces");
        refused(email, " ".repeat(14), "only spaces");
        refused(email, "1234567890", "ten digits");
        refused(email, "aaaaaaaaaaaaaaa", "one letter repeated");
        refused(email, "x".repeat(73), "73 x: one letter repeated, and more than bcrypt takes");
        refused(email, "ü".repeat(40), "40 ü: one letter repeated, and more than bcrypt takes");
        refused(email, "unbelievable", "one of the commonest passwords");
        refused(email, "UnBelievable", "one of the commonest, in other case");
        refused(email, email, "the email itself");
        refused(email, "x" + email.toUpperCase() + "1", "containing the email");
        refused(email, email.substring(0, email.indexOf('@')) + "-secret", "containing its name part");
        refused(email, "x".repeat(1025), "longer than 1024 characters");
    }

    @Test
    void passwordsLongerThanBcryptTakesAreHashedAndSignIn() {
        for (var password :
                new String[] {"my passphrase " + "x".repeat(60), "Grüße-" + "ü".repeat(40), "abcd".repeat(256)}) {
            var email = newEmail();
            agents.create(email, "Long Password", Role.AGENT, ZoneId.of("UTC"), password, Actor.SYSTEM);
            assertThat(hashOf(email)).startsWith("{argon2}");
            assertThat(new ConsoleClient(port)
                            .attemptSignIn(email, password)
                            .headers()
                            .firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).doesNotContain("login"));
        }
    }

    @Test
    void anOldBcryptHashStillSignsInAndIsReplacedByArgon2() {
        var agent = fixtures.agent(Role.AGENT);
        db.sql("update agent set password_hash = ? where id = ?")
                .params(
                        "{bcrypt}" + new BCryptPasswordEncoder().encode(Fixtures.PASSWORD),
                        agent.id().value())
                .update();

        var tooLongForBcrypt = new ConsoleClient(port, "203.0.113.20").attemptSignIn(agent.email(), "x".repeat(73));
        assertThat(tooLongForBcrypt.statusCode()).isEqualTo(302);
        assertThat(tooLongForBcrypt.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        var huge = new ConsoleClient(port, "203.0.113.20").attemptSignIn(agent.email(), "z".repeat(5000));
        assertThat(huge.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(hashOf(agent.email())).startsWith("{bcrypt}");

        ConsoleClient.signedIn(port, agent);
        assertThat(hashOf(agent.email())).startsWith("{argon2}");
        ConsoleClient.signedIn(port, agent);
    }

    @Test
    void anAdminCreatingOrChangingAnAgentIsHeldToThePolicy() {
        var admin = ConsoleClient.signedIn(port, fixtures.agent(Role.ADMIN));
        var email = newEmail();
        var created = admin.post(
                "/admin/agents",
                Map.of(
                        "email", email,
                        "displayName", "New Hire",
                        "role", "AGENT",
                        "timeZone", "UTC",
                        "password", "1234567890"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("password must have at least 12 characters");
        assertThat(agentQueries.findByEmail(email)).isEmpty();

        var agent = fixtures.agent(Role.AGENT);
        var changed = admin.post(
                "/admin/agents/" + agent.id(),
                Map.of(
                        "displayName", agent.displayName(),
                        "role", "AGENT",
                        "timeZone", "UTC",
                        "active", "true",
                        "password", "x".repeat(1025)));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("password must have at most 1024 characters");
        ConsoleClient.signedIn(port, agent);
    }

    private String hashOf(String email) {
        return db.sql("select password_hash from agent where email = ?")
                .param(email)
                .query(String.class)
                .single();
    }
}
