package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OpenApiIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedInAgentReadsTheApiDocumentWithEveryEndpointAndTheBearerScheme() throws Exception {
        var console = ConsoleClient.signedInAsAdmin(port);
        var response = console.get("/v3/api-docs");

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
                        "/api/v1/case-statuses",
                        "/api/v1/cases/{id}/promises",
                        "/api/v1/promises",
                        "/api/v1/promises/{id}",
                        "/api/v1/promises/{id}/keep",
                        "/api/v1/promises/{id}/renegotiate",
                        "/api/v1/promises/{id}/release",
                        "/api/v1/cases/{id}/handoffs",
                        "/api/v1/handoffs/{id}",
                        "/api/v1/handoffs/{id}/accept",
                        "/api/v1/handoffs/{id}/decline",
                        "/api/v1/handoffs/{id}/withdraw");
        assertThat(document.path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.path("security").toString()).contains("bearer");
    }

    @Test
    void apiDocumentIsNotPublicButAnIntegratorsTokenReadsIt() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        var withToken = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                        .header("Authorization", "Bearer ft_test_admin_token_0123456789abcdef")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("/api/v1/cases");
    }
}
