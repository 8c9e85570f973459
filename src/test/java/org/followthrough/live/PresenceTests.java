package org.followthrough.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.followthrough.live.Presence.Person;
import org.followthrough.live.Signal.Kind;
import org.junit.jupiter.api.Test;

class PresenceTests {

    private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");
    private final UUID nodeA = UUID.randomUUID();
    private final UUID nodeB = UUID.randomUUID();
    private final UUID escrow = UUID.randomUUID();
    private final UUID ann = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final Presence presence = new Presence(Duration.ofSeconds(45), Duration.ofSeconds(8));

    private Signal signal(Kind kind, UUID node, UUID agent, String name) {
        return Signal.presence(kind, node, escrow, agent, name);
    }

    @Test
    void aViewerIsShownUntilTheirNodeSaysTheyLeftOrStopsAnnouncingThem() {
        assertThat(presence.apply(signal(Kind.HERE, nodeA, ann, "Ann"), NINE)).isTrue();
        assertThat(presence.apply(signal(Kind.HERE, nodeB, bob, "Bob"), NINE)).isTrue();
        assertThat(presence.on(escrow)).containsExactly(new Person(ann, "Ann", false), new Person(bob, "Bob", false));

        assertThat(presence.apply(signal(Kind.HERE, nodeA, ann, "Ann"), NINE.plusSeconds(15)))
                .as("a heartbeat changes nothing anyone sees")
                .isFalse();
        assertThat(presence.apply(signal(Kind.GONE, nodeB, bob, "Bob"), NINE.plusSeconds(20)))
                .isTrue();
        assertThat(presence.on(escrow)).extracting(Person::name).containsExactly("Ann");

        assertThat(presence.expire(NINE.plusSeconds(60))).isEmpty();
        assertThat(presence.expire(NINE.plusSeconds(61)))
                .as("node A went quiet 46 s ago")
                .containsExactly(escrow);
        assertThat(presence.on(escrow)).isEmpty();
    }

    @Test
    void theSameAgentOnTwoNodesStaysShownUntilBothLeave() {
        presence.apply(signal(Kind.HERE, nodeA, ann, "Ann"), NINE);
        presence.apply(signal(Kind.HERE, nodeB, ann, "Ann"), NINE);
        assertThat(presence.on(escrow)).hasSize(1);

        assertThat(presence.apply(signal(Kind.GONE, nodeA, ann, "Ann"), NINE)).isFalse();
        assertThat(presence.on(escrow)).extracting(Person::name).containsExactly("Ann");
        assertThat(presence.apply(signal(Kind.GONE, nodeB, ann, "Ann"), NINE)).isTrue();
        assertThat(presence.on(escrow)).isEmpty();
    }

    @Test
    void typingLastsAFewSecondsAfterTheLastKeystrokeAndEndsWhenTheReplyIsSent() {
        presence.apply(signal(Kind.HERE, nodeA, ann, "Ann"), NINE);
        assertThat(presence.apply(signal(Kind.TYPING, nodeB, ann, "Ann"), NINE)).isTrue();
        assertThat(presence.on(escrow)).containsExactly(new Person(ann, "Ann", true));

        assertThat(presence.expire(NINE.plusSeconds(8))).isEmpty();
        assertThat(presence.expire(NINE.plusSeconds(9))).containsExactly(escrow);
        assertThat(presence.on(escrow)).containsExactly(new Person(ann, "Ann", false));

        presence.apply(signal(Kind.TYPING, nodeA, ann, "Ann"), NINE.plusSeconds(10));
        assertThat(presence.apply(signal(Kind.IDLE, nodeB, ann, null), NINE.plusSeconds(11)))
                .as("the reply went out through another node")
                .isTrue();
        assertThat(presence.on(escrow)).containsExactly(new Person(ann, "Ann", false));
    }

    @Test
    void casesAndEntriesAreNoPresence() {
        assertThat(presence.apply(Signal.entry(nodeA, escrow), NINE)).isFalse();
        assertThat(presence.on(escrow)).isEmpty();
    }
}
