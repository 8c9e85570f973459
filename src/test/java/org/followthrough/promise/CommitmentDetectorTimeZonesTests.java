package org.followthrough.promise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.followthrough.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

/**
 * Days that end at a close of business are the team's days, counted in its calendar's zone, so the
 * detector reads "by tomorrow" as the composer's quick choice does, whatever the time is for the
 * customer (issue 12); a clock time stays the customer's.
 */
class CommitmentDetectorTimeZonesTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final CommitmentDetector detector = new CommitmentDetector();
    private final BusinessCalendar newYorkOffice = BusinessCalendar.standard(NEW_YORK);

    @Test
    void tomorrowWrittenJustAfterMidnightForACustomerAheadOfTheTeamIsTheTeamsTomorrow() {
        // Tuesday 00:30 in Berlin is Monday 18:30 in New York: the team's tomorrow is Tuesday.
        var written = at("2026-11-24T00:30", BERLIN);
        assertThat(due("I'll send it to you by tomorrow.", BERLIN, written))
                .isEqualTo(at("2026-11-24T17:00", NEW_YORK));
        assertThat(due("I'll get back to you by Wednesday.", BERLIN, written))
                .isEqualTo(at("2026-11-25T17:00", NEW_YORK));
    }

    @Test
    void aClockTimeTomorrowIsTheCustomersTomorrowOnTheirClock() {
        var written = at("2026-11-24T00:30", BERLIN);
        assertThat(due("I'll call you tomorrow at 3pm.", BERLIN, written)).isEqualTo(at("2026-11-25T15:00", BERLIN));
    }

    @Test
    void justAfterMidnightInTheTeamsZoneTodayAndTomorrowAreTheNewDays() {
        var written = at("2026-11-24T00:05", NEW_YORK);
        assertThat(due("I'll send it today.", NEW_YORK, written)).isEqualTo(at("2026-11-24T17:00", NEW_YORK));
        assertThat(due("I'll send it by tomorrow.", NEW_YORK, written)).isEqualTo(at("2026-11-25T17:00", NEW_YORK));
    }

    @Test
    void betweenTheTwoDaylightSavingChangesTheTeamsTomorrowStillCloses17hTheirTime() {
        // 10 March 2026: New York is on summer time since the 8th, London not until the 29th.
        var written = at("2026-03-10T00:30", LONDON);
        assertThat(due("You will get the refund by tomorrow.", LONDON, written))
                .isEqualTo(Instant.parse("2026-03-10T21:00:00Z"));
    }

    @Test
    void onTheTeamsDaylightSavingChangeDaysTomorrowClosesAt17hLocalTime() {
        // Sunday 8 March 2026, 00:30 EST, before the clocks go forward: Monday closes at 17:00 EDT.
        assertThat(due("I'll send it by tomorrow.", NEW_YORK, at("2026-03-08T00:30", NEW_YORK)))
                .isEqualTo(Instant.parse("2026-03-09T21:00:00Z"));
        // Sunday 1 November 2026, 00:30 EDT, before the clocks go back: Monday closes at 17:00 EST.
        assertThat(due("I'll send it by tomorrow.", NEW_YORK, at("2026-11-01T00:30", NEW_YORK)))
                .isEqualTo(Instant.parse("2026-11-02T22:00:00Z"));
        // Just after midnight on the day after the change, the new day counts.
        assertThat(due("I'll send it by tomorrow.", BERLIN, at("2026-03-09T06:05", BERLIN)))
                .isEqualTo(at("2026-03-10T17:00", NEW_YORK));
    }

    private Instant due(String text, ZoneId customer, Instant written) {
        var found = detector.detect(text, customer, written, newYorkOffice);
        assertThat(found).as("commitments in: " + text).isNotEmpty();
        return found.getFirst().dueAt();
    }

    private static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }
}
