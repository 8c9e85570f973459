package org.followthrough.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class TeamCalendarTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Map<DayOfWeek, List<OpeningHours>> MONDAYS =
            Map.of(DayOfWeek.MONDAY, List.of(new OpeningHours(LocalTime.of(8, 0), LocalTime.of(12, 0))));

    private final TeamCalendar calendar = TeamCalendar.standard(new TeamId(UUID.randomUUID()));

    @Test
    void aTeamNobodySetACalendarForWorksTheStandardWeekInUtc() {
        assertThat(calendar.custom()).isFalse();
        assertThat(calendar.calendar().zone()).isEqualTo(TeamCalendar.DEFAULT_ZONE);
        assertThat(calendar.calendar().isBusinessDay(LocalDate.of(2026, 12, 7))).isTrue();
        assertThat(calendar.calendar().isBusinessDay(LocalDate.of(2026, 12, 6))).isFalse();
    }

    @Test
    void replacingSetsZoneHoursAndHolidaysSortedAndNamed() {
        calendar.replace(
                BERLIN,
                MONDAYS,
                List.of(
                        new Holiday(LocalDate.of(2026, 12, 28), " "),
                        new Holiday(LocalDate.of(2026, 12, 14), " Team day ")));

        assertThat(calendar.custom()).isTrue();
        assertThat(calendar.calendar().zone()).isEqualTo(BERLIN);
        assertThat(calendar.holidays())
                .containsExactly(
                        new Holiday(LocalDate.of(2026, 12, 14), "Team day"),
                        new Holiday(LocalDate.of(2026, 12, 28), "Holiday"));
        assertThat(calendar.calendar().isBusinessDay(LocalDate.of(2026, 12, 14)))
                .isFalse();
        assertThat(calendar.calendar().isBusinessDay(LocalDate.of(2026, 12, 21)))
                .isTrue();
        assertThat(calendar.calendar().isBusinessDay(LocalDate.of(2026, 12, 22)))
                .isFalse();
    }

    @Test
    void refusedChangesNameTheFieldAndChangeNothing() {
        assertRefused(() -> calendar.replace(null, MONDAYS, List.of()), "timeZone");
        assertRefused(() -> calendar.replace(BERLIN, Map.of(DayOfWeek.MONDAY, List.of()), List.of()), "hours");
        assertRefused(
                () -> calendar.replace(
                        BERLIN,
                        Map.of(
                                DayOfWeek.MONDAY,
                                List.of(
                                        new OpeningHours(LocalTime.of(8, 0), LocalTime.of(12, 0)),
                                        new OpeningHours(LocalTime.of(11, 0), LocalTime.of(13, 0)))),
                        List.of()),
                "hours");
        assertRefused(() -> calendar.replace(BERLIN, MONDAYS, List.of(new Holiday(null, "x"))), "holidays");
        assertRefused(
                () -> calendar.replace(
                        BERLIN,
                        MONDAYS,
                        List.of(
                                new Holiday(LocalDate.of(2026, 12, 24), "Eve"),
                                new Holiday(LocalDate.of(2026, 12, 24), "Again"))),
                "holidays");

        assertThat(calendar.custom()).isFalse();
        assertThat(calendar.calendar().zone()).isEqualTo(TeamCalendar.DEFAULT_ZONE);
        assertThat(calendar.holidays()).isEmpty();
    }

    private static void assertRefused(Runnable change, String field) {
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
