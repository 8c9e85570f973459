package org.followthrough.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.followthrough.audit.AuditLog;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting a team's working time: its zone, weekly hours and holidays, as one audited change. */
@Service
public class CalendarDesk {

    private final TeamCalendars calendars;
    private final AuditLog audit;
    private final Clock clock;

    CalendarDesk(TeamCalendars calendars, AuditLog audit, Clock clock) {
        this.calendars = calendars;
        this.audit = audit;
        this.clock = clock;
    }

    /** Replaces a team's calendar: its time zone, its weekly hours and its holidays. */
    @Transactional
    public TeamCalendar change(
            TeamId team, ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, List<Holiday> holidays, Actor by) {
        var calendar = calendars.find(team);
        var before = calendar.describe();
        calendar.replace(zone, week, holidays);
        calendars.save(calendar, clock.instant());
        audit.record(by, "team", team.value(), "calendar_changed", before, calendar.describe());
        return calendar;
    }
}
