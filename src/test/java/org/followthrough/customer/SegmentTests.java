package org.followthrough.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class SegmentTests {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aSegmentNeedsANameAndKeepsItsTextStripped() {
        var vip = Segment.define(new SegmentId(UUID.randomUUID()), "  VIP ", null, NOW);
        assertThat(vip.name()).isEqualTo("VIP");
        assertThat(vip.description()).isEmpty();
        assertThat(vip.createdAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> Segment.define(new SegmentId(UUID.randomUUID()), " ", "", NOW))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("name");
    }
}
