package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.api.Assertions;
import org.followthrough.platform.Actor;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ConsoleSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    private ConsoleClient signedInAs(Role role) {
        return ConsoleClient.signedIn(port, fixtures.agent(role));
    }

    @Test
    void strangersAreSentToSignInFromEveryPage() {
        var anonymous = new ConsoleClient(port);
        for (var path :
                new String[] {"/", "/cases/1001", "/customers", "/search?q=x", "/admin/agents", "/admin/audit"}) {
            var response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        }
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        var agent = fixtures.agent(Role.AGENT);
        var client = new ConsoleClient(port);
        var login = client.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        Assertions.assertThatThrownBy(() -> client.signIn(agent.email(), "wrong-password-9"))
                .hasMessageContaining("Sign-in failed");
    }

    @Test
    void agentsWorkCasesButCannotAdminister() {
        var agent = signedInAs(Role.AGENT);
        assertThat(agent.get("/").statusCode()).isEqualTo(200);
        assertThat(agent.get("/customers").statusCode()).isEqualTo(200);
        assertThat(agent.get("/admin/agents").statusCode()).isEqualTo(403);
        assertThat(agent.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(agent.get("/admin/tokens").statusCode()).isEqualTo(403);
    }

    @Test
    void supervisorsCannotAdministerEither() {
        var supervisor = signedInAs(Role.SUPERVISOR);
        assertThat(supervisor.get("/").statusCode()).isEqualTo(200);
        assertThat(supervisor.get("/admin/agents").statusCode()).isEqualTo(403);
    }

    @Test
    void adminsSeeTheAdminPagesAndTheAuditLog() {
        var admin = signedInAs(Role.ADMIN);
        fixtures.aCase().about("Audited subject").open();
        assertThat(admin.get("/admin/agents").statusCode()).isEqualTo(200);
        var audit = admin.get("/admin/audit?entity=case");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("Audited subject");
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        var agent = signedInAs(Role.AGENT);
        var c = fixtures.aCase().open();
        var response = agent.postWithoutCsrf("/cases/" + c.number() + "/notes", Map.of("body", "sneaky"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminCreatesAnAgentWhoCanThenSignIn() {
        var admin = signedInAs(Role.ADMIN);
        var email = Fixtures.unique("newhire") + "@test.example";
        var created = admin.post(
                "/admin/agents",
                Map.of(
                        "email", email,
                        "displayName", "New Hire",
                        "role", "AGENT",
                        "timeZone", "Europe/Paris",
                        "password", "a-long-password"));
        assertThat(created.statusCode()).isEqualTo(302);
        var newHire = new ConsoleClient(port).signIn(email, "a-long-password");
        assertThat(newHire.get("/").body()).contains("New Hire");
    }

    @Test
    void anAdminIssuesATokenThatIsShownOnceAndWorks() {
        var admin = signedInAs(Role.ADMIN);
        var agents = admin.get("/admin/tokens");
        var agentId = agents.body().replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\".*", "$1");
        var issued = admin.post("/admin/tokens", Map.of("name", "Shop", "agentId", agentId));
        assertThat(issued.statusCode()).isEqualTo(200);
        var secret = issued.body().replaceAll("(?s).*id=\"issued-secret\">(ft_[A-Za-z0-9_-]+)<.*", "$1");
        assertThat(secret).startsWith("ft_");
        assertThat(admin.get("/admin/tokens").body()).doesNotContain(secret);
        var audit = admin.get("/admin/audit?entity=api_token").body();
        assertThat(audit).contains("issued").contains("API token").contains(">Shop<");
    }

    @Autowired
    AgentDesk agents;

    @Test
    void deactivatingOrDemotingAnAgentEndsTheirSessionsAtOnce() {
        var leaver = fixtures.agent(Role.AGENT);
        var console = ConsoleClient.signedIn(port, leaver);
        assertThat(console.get("/").statusCode()).isEqualTo(200);
        agents.update(leaver.id(), leaver.displayName(), leaver.role(), leaver.timeZone(), false, Actor.SYSTEM);
        assertThat(console.get("/").statusCode()).isEqualTo(302);

        var admin = fixtures.agent(Role.ADMIN);
        var adminConsole = ConsoleClient.signedIn(port, admin);
        assertThat(adminConsole.get("/admin/agents").statusCode()).isEqualTo(200);
        agents.update(admin.id(), admin.displayName(), Role.AGENT, admin.timeZone(), true, Actor.SYSTEM);
        assertThat(adminConsole.get("/admin/agents").statusCode()).isEqualTo(302);
    }
}
