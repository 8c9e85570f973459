package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.followthrough.platform.Actor;
import org.followthrough.platform.EmbeddedPostgres;
import org.followthrough.testing.ApiClient;
import org.followthrough.testing.AppNode;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Two app nodes on one database count the same failures: guessing cannot be spread over nodes. */
class SignInThrottlingAcrossNodesIntegrationTests {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path databaseDir;

    @TempDir
    Path nodeADir;

    @TempDir
    Path nodeBDir;

    private static ConfigurableApplicationContext node(EmbeddedPostgres database, Path dataDir) {
        return AppNode.start(database, dataDir, START);
    }

    private static int port(ConfigurableApplicationContext node) {
        return AppNode.port(node);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    void failuresOnEitherNodeAddUpAndBothRefuseUntilTheWaitIsOver() throws Exception {
        try (var database = EmbeddedPostgres.start(databaseDir, 0, "followthrough", true);
                var a = node(database, nodeADir);
                var b = node(database, nodeBDir)) {
            var ann = a.getBean(AgentDesk.class)
                    .create("ann@nodes.example", "Ann", Role.AGENT, ZoneOffset.UTC, Fixtures.PASSWORD, Actor.SYSTEM);
            for (int i = 1; i <= 2; i++) {
                assertThat(location(new ConsoleClient(port(a)).attemptSignIn(ann.email(), "wrong-password-a" + i)))
                        .endsWith("/login?error");
            }
            for (int i = 1; i <= 2; i++) {
                assertThat(location(new ConsoleClient(port(b)).attemptSignIn(ann.email(), "wrong-password-b" + i)))
                        .endsWith("/login?error");
            }
            assertThat(location(new ConsoleClient(port(a)).attemptSignIn(ann.email(), "wrong-password-a3")))
                    .as("the fifth failure, counting both nodes")
                    .contains("/login?retryAt=");
            assertThat(location(new ConsoleClient(port(b)).attemptSignIn(ann.email(), Fixtures.PASSWORD)))
                    .as("the other node refuses the right password too")
                    .contains("/login?retryAt=");

            for (int i = 1; i <= 10; i++) {
                ApiClient.withToken(port(a), "ft_guessed_token_on_node_a_00000000")
                        .get("/api/v1/cases");
            }
            for (int i = 1; i <= 9; i++) {
                ApiClient.withToken(port(b), "ft_guessed_token_on_node_b_00000000")
                        .get("/api/v1/cases");
            }
            assertThat(ApiClient.withToken(port(b), "ft_guessed_token_on_node_b_00000000")
                            .get("/api/v1/cases")
                            .status())
                    .isEqualTo(429);
            assertThat(ApiClient.withToken(port(a), "ft_guessed_token_on_node_a_00000000")
                            .get("/api/v1/cases")
                            .status())
                    .isEqualTo(429);

            a.getBean(MutableClock.class).advance(Duration.ofSeconds(61));
            b.getBean(MutableClock.class).advance(Duration.ofSeconds(61));
            assertThat(location(new ConsoleClient(port(b)).attemptSignIn(ann.email(), Fixtures.PASSWORD)))
                    .doesNotContain("/login");
            var valid = a.getBean(ApiTokens.class).issue("node", ann.id(), null).secret();
            assertThat(ApiClient.withToken(port(a), valid).get("/api/v1/agents").status())
                    .isEqualTo(200);
        }
    }
}
