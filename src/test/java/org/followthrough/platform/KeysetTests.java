package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetTests {

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
