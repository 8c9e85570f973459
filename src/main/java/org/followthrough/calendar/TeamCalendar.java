package org.followthrough.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;

/**
 * One team's working time: its zone, its weekly opening hours and its named holidays. A team nobody
 * has set one for works the standard week (Monday to Friday, 09:00 to 17:00 UTC). Changed only as a
 * whole, through {@link CalendarDesk}, so the hours and holidays read on a page are always ones
 * that were valid together.
 */
public final class TeamCalendar {

    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    private final TeamId team;
    private BusinessCalendar calendar;
    private List<Holiday> holidays;
    private boolean custom;

    private TeamCalendar(TeamId team, BusinessCalendar calendar, List<Holiday> holidays, boolean custom) {
        this.team = team;
        this.calendar = calendar;
        this.holidays = List.copyOf(holidays);
        this.custom = custom;
    }

    /** The calendar of a team nobody has set one for, and of work with no team. */
    static TeamCalendar standard(TeamId team) {
        return new TeamCalendar(team, BusinessCalendar.standard(DEFAULT_ZONE), List.of(), false);
    }

    /** As stored: trusted, it was checked when it was set. */
    static TeamCalendar stored(
            TeamId team, ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, List<Holiday> holidays) {
        return new TeamCalendar(team, new BusinessCalendar(zone, week, days(holidays)), holidays, true);
    }

    /**
     * Replaces the zone, the weekly hours and the holidays at once. Refuses a week without an open
     * day, overlapping or inverted hours, a holiday without a date and a date listed twice; a
     * holiday without a name is called "Holiday".
     */
    void replace(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, List<Holiday> holidays) {
        if (zone == null) {
            throw new InvalidInputException("timeZone", "is required");
        }
        if (week.values().stream().allMatch(List::isEmpty)) {
            throw new InvalidInputException("hours", "a team must be open at least one day a week");
        }
        var named = new TreeMap<LocalDate, String>();
        for (var holiday : holidays) {
            if (holiday.day() == null) {
                throw new InvalidInputException("holidays", "each holiday needs a date");
            }
            var name = holiday.name() == null || holiday.name().isBlank()
                    ? "Holiday"
                    : holiday.name().strip();
            if (named.put(holiday.day(), name) != null) {
                throw new InvalidInputException("holidays", holiday.day() + " is listed twice");
            }
        }
        var kept = new ArrayList<Holiday>();
        named.forEach((day, name) -> kept.add(new Holiday(day, name)));
        try {
            this.calendar = new BusinessCalendar(zone, week, days(kept));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("hours", e.getMessage());
        }
        this.holidays = List.copyOf(kept);
        this.custom = true;
    }

    public TeamId team() {
        return team;
    }

    /** The calendar to count business time with. */
    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The holidays with their names, by date. */
    public List<Holiday> holidays() {
        return holidays;
    }

    /** Whether someone set this team's calendar, or it is the standard week. */
    public boolean custom() {
        return custom;
    }

    /** What the audit log records of it. */
    Map<String, Object> describe() {
        var out = new LinkedHashMap<String, Object>();
        out.put("timeZone", calendar.zone().getId());
        var week = new LinkedHashMap<String, Object>();
        calendar.week().forEach((day, hours) -> {
            if (!hours.isEmpty()) {
                week.put(
                        day.name(),
                        hours.stream().map(h -> h.opens() + "-" + h.closes()).toList());
            }
        });
        out.put("hours", week);
        out.put("holidays", holidays.stream().map(h -> h.day() + " " + h.name()).toList());
        return out;
    }

    private static HashSet<LocalDate> days(List<Holiday> holidays) {
        return new HashSet<>(holidays.stream().map(Holiday::day).toList());
    }
}
