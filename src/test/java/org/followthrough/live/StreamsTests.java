package org.followthrough.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.live.Streams.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class StreamsTests {

    private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

    private final Streams streams = new Streams(new LiveProperties(
            Duration.ofSeconds(15),
            Duration.ofSeconds(45),
            Duration.ofSeconds(8),
            Duration.ofMinutes(30),
            3,
            2,
            Duration.ofSeconds(2)));
    private final UUID escrow = UUID.randomUUID();
    private final AgentId ann = new AgentId(UUID.randomUUID());
    private final AgentId bob = new AgentId(UUID.randomUUID());
    private final ArrayList<Stream> closed = new ArrayList<>();

    @Test
    void anAgentsNewTabClosesTheirOldestStreamBeyondTheirShare() {
        var first = streams.open(ann, "Ann", escrow, NINE, closed::add);
        streams.open(ann, "Ann", null, NINE.plusSeconds(1), closed::add);
        streams.open(ann, "Ann", escrow, NINE.plusSeconds(2), closed::add);
        assertThat(closed).containsExactly(first);
        assertThat(streams.count()).isEqualTo(2);
        assertThat(streams.onCase(escrow)).hasSize(1);
        assertThat(streams.inboxes()).hasSize(1);
    }

    @Test
    void aFullNodeRefusesANewStreamAndAClosedStreamIsForgottenOnce() {
        var first = streams.open(ann, "Ann", escrow, NINE, closed::add);
        streams.open(ann, "Ann", escrow, NINE, closed::add);
        streams.open(bob, "Bob", escrow, NINE, closed::add);
        assertThatThrownBy(() -> streams.open(bob, "Bob", null, NINE, closed::add))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(503));

        streams.close(first);
        streams.close(first);
        assertThat(closed).containsExactly(first);
        assertThat(streams.count()).isEqualTo(2);
        streams.closeAll();
        assertThat(streams.count()).isZero();
        assertThat(closed).hasSize(3);
    }
}
