package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.followthrough.identity.Agents;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OpenApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Agents agents;

    @Autowired
    @SuppressWarnings("rawtypes")
    SessionRepository sessions;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * A console session of the admin, stored where the console keeps sessions: what signing in
     * leaves behind, without depending on the sign-in page.
     */
    private String signedInSessionCookie() {
        var admin = agents.findByEmail("admin@test.example").orElseThrow();
        var principal = new SignedInAgent(admin.id(), admin.email(), admin.displayName(), admin.role());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                principal, null, List.of(new SimpleGrantedAuthority(admin.role().authority())));
        Session session = sessions.createSession();
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(authentication));
        save(session);
        return "SESSION=" + Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private void save(Session session) {
        sessions.save(session);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedInAgentReadsTheApiDocumentWithEveryEndpointAndTheBearerScheme() throws Exception {
        var response = get("/v3/api-docs", signedInSessionCookie());

        assertThat(response.statusCode()).isEqualTo(200);
        var document = JsonMapper.builder().build().readTree(response.body());
        assertThat(document.path("info").path("title").asString()).isEqualTo("Followthrough API");
        assertThat(document.path("paths").propertyNames())
                .contains(
                        "/api/v1/customers",
                        "/api/v1/customers/{id}",
                        "/api/v1/cases",
                        "/api/v1/cases/{id}",
                        "/api/v1/cases/by-number/{number}",
                        "/api/v1/cases/{id}/entries",
                        "/api/v1/search",
                        "/api/v1/agents",
                        "/api/v1/teams",
                        "/api/v1/case-statuses");
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.path("security").toString()).contains("bearer");
    }

    @Test
    void apiDocumentIsNotPublic() throws Exception {
        var response = get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
