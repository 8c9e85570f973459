package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetTests {

    @Test
    void aCursorRoundTrips() {
        var id = UUID.randomUUID();
        var at = Instant.parse("2026-11-23T10:15:30.123456Z");
        var decoded = Keyset.decode(Keyset.of(3, at, id).encode(), 3);
        assertThat(decoded.integer(0)).isEqualTo(3);
        assertThat(decoded.instant(1)).isEqualTo(at);
        assertThat(decoded.uuid(2)).isEqualTo(id);
    }

    @Test
    void aForeignCursorIsRefusedNamingTheCursor() {
        assertThatThrownBy(() -> Keyset.decode("not a cursor!", 2))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("cursor");
        assertThatThrownBy(() -> Keyset.decode(Keyset.of("x", "y").encode(), 2).instant(0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void cursorKeepsPartsThatContainTheSeparator() {
        var id = UUID.randomUUID();
        var cursor = Keyset.of("Smith | Jones & 100% Sons", id).encode();

        var decoded = Keyset.decode(cursor, 2);

        assertThat(decoded.parts().getFirst()).isEqualTo("Smith | Jones & 100% Sons");
        assertThat(decoded.uuid(1)).isEqualTo(id);
    }

    @Test
    void foreignCursorIsBadInputNamingCursor() {
        assertThatThrownBy(() -> Keyset.decode("not a cursor!", 2))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }
}
