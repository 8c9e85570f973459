package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.followthrough.FollowthroughApplication;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL goes away under a running app and comes back: requests in between are answered at
 * once with 503 problem documents, and the app carries on afterwards without a restart.
 */
class DatabaseOutageIntegrationTests {

    private static final String TOKEN = "ft_outage_token_0123456789abcdefgh";

    @TempDir
    Path databaseDir;

    @TempDir
    Path appDataDir;

    @Test
    void requestsDuringAnOutageGet503AndTheAppRecoversWithoutARestart() throws Exception {
        var first = EmbeddedPostgres.start(EmbeddedPostgres.Settings.in(databaseDir));
        int port = first.port();
        try (var app = new SpringApplicationBuilder(FollowthroughApplication.class)
                .run(
                        "--spring.datasource.url=" + first.jdbcUrl(),
                        "--spring.datasource.username=" + first.username(),
                        "--spring.datasource.password=" + first.password(),
                        "--spring.datasource.hikari.connection-timeout=1500",
                        "--followthrough.data-dir=" + appDataDir,
                        "--followthrough.bootstrap.admin-password=outage-password-1",
                        "--followthrough.bootstrap.api-token=" + TOKEN,
                        "--followthrough.timers.enabled=false",
                        "--server.port=0",
                        "--logging.level.root=error")) {
            int http = ((WebServerApplicationContext) app).getWebServer().getPort();
            var api = ApiClient.withToken(http, TOKEN);
            var newCase = Map.of(
                    "customer", Map.of("name", "Ada Byron", "email", "ada@outage.example"),
                    "subject", "Before the outage",
                    "body", "Kept");
            assertThat(api.post("/api/v1/cases", newCase).status()).isEqualTo(201);
            var console = new ConsoleClient(http).signIn("admin@followthrough.local", "outage-password-1");
            assertThat(console.get("/").statusCode()).isEqualTo(200);

            first.close();

            long started = System.nanoTime();
            var duringWrite = api.post(
                    "/api/v1/cases",
                    Map.of(
                            "customer", Map.of("name", "Ada Byron", "email", "ada@outage.example"),
                            "subject", "During the outage",
                            "body", "Refused"));
            var duringRead = api.get("/api/v1/cases");
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            for (var during : new ApiClient.Response[] {duringWrite, duringRead}) {
                assertThat(during.status()).isEqualTo(503);
                assertThat(during.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
                assertThat(during.header("Retry-After")).hasValue("5");
                assertThat(during.text("detail")).contains("not answering");
            }
            assertThat(elapsed).as("answered, not hung").isLessThan(Duration.ofSeconds(20));
            var page = console.get("/");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("not answering");

            try (var again = EmbeddedPostgres.start(
                    EmbeddedPostgres.Settings.in(databaseDir).port(port))) {
                // The pool re-opens its connections on its own; until it has one, requests still get
                // a prompt 503 and write nothing, so one write is retried until it is accepted.
                var answers = new ArrayList<Integer>();
                Eventually.until(Duration.ofSeconds(30), "a write accepted after PostgreSQL is back", () -> {
                    var after = api.post(
                            "/api/v1/cases",
                            Map.of(
                                    "customer", Map.of("name", "Ada Byron", "email", "ada@outage.example"),
                                    "subject", "After the outage",
                                    "body", "Kept too"));
                    answers.add(after.status());
                    return after.status() == 201;
                });
                assertThat(answers.subList(0, answers.size() - 1))
                        .as("answers before the pool is back")
                        .allSatisfy(status -> assertThat(status).isEqualTo(503));
                var db = JdbcClient.create(
                        new DriverManagerDataSource(again.jdbcUrl(), again.username(), again.password()));
                assertThat(db.sql("select subject from support_case order by number")
                                .query(String.class)
                                .list())
                        .containsExactly("Before the outage", "After the outage");
            }
        }
    }
}
