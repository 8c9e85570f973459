package org.followthrough.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.followthrough.testing.ConsoleClient;
import org.followthrough.testing.Eventually;
import org.followthrough.testing.Fixtures;
import org.followthrough.testing.IntegrationTest;
import org.followthrough.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Streams end cleanly: a page that goes away is forgotten, and stopping the node ends every stream. */
@IntegrationTest
class LiveStreamsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    LiveDesk live;

    @Autowired
    LiveProperties properties;

    @Autowired
    MutableClock clock;

    @Test
    void anAgentWhoseTabWentAwayIsNoLongerShownViewing() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c);
        var path = "/live/cases/" + team.escrow().number();
        try (var bobs = EventStream.open(ConsoleClient.signedIn(port, team.bob()), path)) {
            bobs.await("presence", data -> true);
            var anns = EventStream.open(ConsoleClient.signedIn(port, team.ann()), path);
            bobs.await("presence", p -> p.contains(team.ann().displayName()));

            anns.close();
            // The server learns of it when it next writes to the stream: at the next heartbeats.
            Eventually.until(Duration.ofSeconds(20), "Ann no longer shown to Bob", () -> {
                clock.advance(properties.heartbeat());
                live.tick();
                return !bobs.last("presence").contains(team.ann().displayName());
            });
            assertThat(bobs.ended()).isFalse();
        }
    }

    @Test
    void stoppingTheNodeEndsEveryStreamSoThatShutdownWaitsForNone() {
        var team = fixtures.annOwnsACaseInHerTeam(c -> c);
        var console = ConsoleClient.signedIn(port, team.ann());
        var onCase = EventStream.open(console, "/live/cases/" + team.escrow().number());
        var inbox = EventStream.open(console, "/live/inbox");
        inbox.await("since", data -> true);
        onCase.await("presence", data -> true);
        try {
            live.stop();
            Eventually.until(
                    Duration.ofSeconds(10), "both streams ended by the server", () -> onCase.ended() && inbox.ended());
            assertThat(live.openStreams()).isZero();
        } finally {
            live.start();
        }
    }
}
