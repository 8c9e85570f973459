package org.followthrough.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.followthrough.identity.Role;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class NeedsYouIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    /** Every page loads the list and its count at once, in one session: none of them may fail. */
    @Test
    void manyRequestsAtOnceInOneSessionAllSucceed() throws Exception {
        var sue = fixtures.agent(Role.SUPERVISOR);
        fixtures.team(sue);
        for (int round = 0; round < 3; round++) {
            var console = ConsoleClient.signedIn(port, sue);
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 12; i++) {
                var path = i % 3 == 0 ? "/" : i % 3 == 1 ? "/needs-you" : "/needs-you/count";
                calls.add(() -> (path.equals("/") ? console.get(path) : console.htmxGet(path)).statusCode());
            }
            try (var pool = Executors.newFixedThreadPool(12)) {
                for (var result : pool.invokeAll(calls)) {
                    assertThat(result.get()).isEqualTo(200);
                }
            }
        }
    }
}
