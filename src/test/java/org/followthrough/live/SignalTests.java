package org.followthrough.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.followthrough.live.Signal.Kind;
import org.junit.jupiter.api.Test;

class SignalTests {

    @Test
    void aSignalCrossesAsTextAndBackWhateverTheNameHolds() {
        var here = Signal.presence(Kind.HERE, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Ann | Ops");
        assertThat(Signal.decode(here.encode())).isEqualTo(here);
        var entry = Signal.entry(UUID.randomUUID(), UUID.randomUUID());
        assertThat(Signal.decode(entry.encode())).isEqualTo(entry);
    }

    @Test
    void aPayloadItDoesNotKnowIsIgnored() {
        assertThat(Signal.decode("hello")).isNull();
        assertThat(Signal.decode("SHOUT|||||")).isNull();
        assertThat(Signal.decode("ENTRY|not-an-id|||")).isNull();
    }
}
