package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class DueTimeTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aLocalTimeIsTheAgentsAndOneWithAZoneIsThatZones() {
        assertThat(DueTime.parse("2026-11-27T17:00", BERLIN, "dueAt")).isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
        assertThat(DueTime.parse("2026-11-27T17:00[Asia/Tokyo]", BERLIN, "dueAt"))
                .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(DueTime.parse(" 2026-11-27T17:00[] ", BERLIN, "dueAt"))
                .isEqualTo(Instant.parse("2026-11-27T16:00:00Z"));
    }

    @Test
    void aTimeInAClockChangesGapMovesForwardAndOneThatFallsTwiceIsTheEarlier() {
        assertThat(DueTime.parse("2026-03-29T02:30[Europe/Berlin]", BERLIN, "dueAt"))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(DueTime.parse("2026-10-25T02:30[Europe/Berlin]", BERLIN, "dueAt"))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void whatIsNoTimeOrNoZoneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> DueTime.parse("tomorrow", BERLIN, "promise.dueAt"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("promise.dueAt"));
        assertThatThrownBy(() -> DueTime.parse("2026-11-27T17:00[Mars/Olympus]", BERLIN, "dueAt"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theZoneIsWrittenOnlyWhenOneWasChosen() {
        assertThat(DueTime.written("2026-11-27T17:00", "Asia/Tokyo")).isEqualTo("2026-11-27T17:00[Asia/Tokyo]");
        assertThat(DueTime.written("2026-11-27T17:00", "")).isEqualTo("2026-11-27T17:00");
        assertThat(DueTime.written("", "Asia/Tokyo")).isEmpty();
    }
}
