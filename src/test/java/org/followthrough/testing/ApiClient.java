package org.followthrough.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the running app's REST API over real HTTP, as an integrator would, with a bearer token. */
public final class ApiClient {

    public static final String ADMIN_TOKEN = "ft_test_admin_token_0123456789abcdef";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final String token;
    private final String forwardedFor;

    private ApiClient(int port, String token) {
        this(port, token, null);
    }

    private ApiClient(int port, String token, String forwardedFor) {
        this.port = port;
        this.token = token;
        this.forwardedFor = forwardedFor;
    }

    /** The same client, its requests coming (as a trusted proxy says) from {@code address}. */
    public ApiClient from(String address) {
        return new ApiClient(port, token, address);
    }

    public static ApiClient admin(int port) {
        return new ApiClient(port, ADMIN_TOKEN);
    }

    public static ApiClient withToken(int port, String token) {
        return new ApiClient(port, token);
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient(port, null);
    }

    /** An answer: its status, headers and body read as JSON (null when empty). */
    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        /** The fields an RFC 9457 problem document names in {@code errors[].field}. */
        public List<String> errorFields() {
            var errors = body.path("errors");
            var fields = new ArrayList<String>();
            errors.forEach(e -> fields.add(e.path("field").asString()));
            return fields;
        }

        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response post(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    public Response patch(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    public Response put(String path, Object body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder;
    }

    /** A string body is sent as it is, so tests can send broken JSON; anything else is serialised. */
    private static String json(Object body) {
        return body instanceof String text ? text : JSON.writeValueAsString(body);
    }

    private static Response send(HttpRequest request) {
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            var body = response.body() == null || response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
