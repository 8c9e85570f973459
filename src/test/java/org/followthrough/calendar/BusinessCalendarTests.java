package org.followthrough.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.junit.jupiter.api.Test;

class BusinessCalendarTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // Friday 2026-11-27 is a business day; Monday 2026-11-30 too.
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private final BusinessCalendar office = BusinessCalendar.standard(BERLIN);

    private static Instant at(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(BERLIN).toInstant();
    }

    @Test
    void endOfBusinessFridayIsFridaysClose() {
        assertThat(office.endOfBusinessDay(FRIDAY)).isEqualTo(at(FRIDAY, 17, 0));
    }

    @Test
    void endOfBusinessOnAHolidayIsTheNextBusinessDaysClose() {
        var withHoliday = new BusinessCalendar(BERLIN, office.week(), Set.of(FRIDAY));
        assertThat(withHoliday.endOfBusinessDay(FRIDAY)).isEqualTo(at(FRIDAY.plusDays(3), 17, 0));
        assertThat(withHoliday.isBusinessDay(FRIDAY)).isFalse();
    }

    @Test
    void businessDaysSkipTheWeekend() {
        assertThat(office.plusBusinessDays(FRIDAY, 1)).isEqualTo(FRIDAY.plusDays(3));
        assertThat(office.plusBusinessDays(FRIDAY, 5)).isEqualTo(FRIDAY.plusDays(7));
        assertThat(office.plusBusinessDays(FRIDAY.plusDays(1), 0)).isEqualTo(FRIDAY.plusDays(3));
    }

    @Test
    void fourBusinessHoursFromFridayAfternoonEndOnMondayMorning() {
        assertThat(office.plusBusinessTime(at(FRIDAY, 16, 0), Duration.ofHours(4)))
                .isEqualTo(at(FRIDAY.plusDays(3), 12, 0));
        assertThat(office.plusBusinessTime(at(FRIDAY, 7, 0), Duration.ofHours(1)))
                .isEqualTo(at(FRIDAY, 10, 0));
    }

    @Test
    void businessTimeBetweenCountsOnlyOpeningHours() {
        assertThat(office.businessTimeBetween(at(FRIDAY, 16, 0), at(FRIDAY.plusDays(3), 12, 0)))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void endOfBusinessDayAtMovesOnOnceTodaysHasPassed() {
        assertThat(office.endOfBusinessDayAt(at(FRIDAY, 10, 0))).isEqualTo(at(FRIDAY, 17, 0));
        assertThat(office.endOfBusinessDayAt(at(FRIDAY, 18, 0))).isEqualTo(at(FRIDAY.plusDays(3), 17, 0));
    }

    @Test
    void splitDaysAndOpenHoursAreHonoured() {
        var lunch = new BusinessCalendar(
                BERLIN,
                Map.of(
                        DayOfWeek.FRIDAY,
                        List.of(
                                new OpeningHours(LocalTime.of(13, 0), LocalTime.of(17, 0)),
                                new OpeningHours(LocalTime.of(8, 0), LocalTime.of(12, 0)))),
                Set.of());
        assertThat(lunch.isOpen(at(FRIDAY, 12, 30))).isFalse();
        assertThat(lunch.isOpen(at(FRIDAY, 13, 0))).isTrue();
        assertThat(lunch.plusBusinessTime(at(FRIDAY, 11, 0), Duration.ofHours(2)))
                .isEqualTo(at(FRIDAY, 14, 0));
        assertThat(lunch.nextBusinessDay(FRIDAY)).isEqualTo(FRIDAY.plusDays(7));
    }

    @Test
    void aCalendarWithoutHoursIsAlwaysOpen() {
        var always = new BusinessCalendar(BERLIN, Map.of(), Set.of());
        assertThat(always.plusBusinessTime(at(FRIDAY, 22, 0), Duration.ofHours(4)))
                .isEqualTo(at(FRIDAY.plusDays(1), 2, 0));
    }

    @Test
    void overlappingHoursAreRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(
                        BERLIN,
                        Map.of(
                                DayOfWeek.MONDAY,
                                List.of(
                                        new OpeningHours(LocalTime.of(9, 0), LocalTime.of(13, 0)),
                                        new OpeningHours(LocalTime.of(12, 0), LocalTime.of(17, 0)))),
                        Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
