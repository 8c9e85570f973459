package org.followthrough.calendar;

import org.followthrough.identity.TeamId;
import org.springframework.stereotype.Service;

/** The teams' calendars as every module reads them: to count business time, and for the settings page. */
@Service
public class CalendarQueries {

    private final TeamCalendars calendars;

    CalendarQueries(TeamCalendars calendars) {
        this.calendars = calendars;
    }

    /** The calendar work of this team is counted in; work with no team counts in the standard week. */
    public BusinessCalendar of(TeamId team) {
        return team == null
                ? BusinessCalendar.standard(TeamCalendar.DEFAULT_ZONE)
                : calendars.find(team).calendar();
    }

    /** A team's calendar with its holidays' names, and whether anyone set it. */
    public TeamCalendar settings(TeamId team) {
        return calendars.find(team);
    }
}
