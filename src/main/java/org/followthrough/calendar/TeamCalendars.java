package org.followthrough.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.followthrough.audit.AuditLog;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each team's business calendar. A team nobody has set one for works Monday to Friday, 09:00 to
 * 17:00 UTC; work with no team uses the same.
 */
@Service
public class TeamCalendars {

    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    /** A holiday as admins see it: a day and a name. */
    public record Holiday(LocalDate day, String name) {}

    /** A team's calendar with its holidays' names, for the settings page. */
    public record TeamCalendar(TeamId team, BusinessCalendar calendar, List<Holiday> holidays, boolean custom) {}

    private final JdbcClient db;
    private final AuditLog audit;
    private final Clock clock;

    TeamCalendars(JdbcClient db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public BusinessCalendar of(TeamId team) {
        return team == null
                ? BusinessCalendar.standard(DEFAULT_ZONE)
                : settings(team).calendar();
    }

    public TeamCalendar settings(TeamId team) {
        var zone = db.sql("select time_zone from team_calendar where team_id = ?")
                .param(team.value())
                .query((rs, n) -> ZoneId.of(rs.getString(1)))
                .optional();
        if (zone.isEmpty()) {
            return new TeamCalendar(team, BusinessCalendar.standard(DEFAULT_ZONE), List.of(), false);
        }
        var week = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        db.sql(
                        "select day_of_week, opens, closes from team_opening_hours where team_id = ? order by day_of_week, opens")
                .param(team.value())
                .query((rs, n) -> Map.entry(
                        DayOfWeek.of(rs.getInt(1)),
                        new OpeningHours(rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class))))
                .list()
                .forEach(e ->
                        week.computeIfAbsent(e.getKey(), d -> new ArrayList<>()).add(e.getValue()));
        var holidays = db.sql("select day, name from team_holiday where team_id = ? order by day")
                .param(team.value())
                .query((rs, n) -> new Holiday(rs.getObject(1, LocalDate.class), rs.getString(2)))
                .list();
        var calendar = new BusinessCalendar(
                zone.get(),
                week,
                new HashSet<>(holidays.stream().map(Holiday::day).toList()));
        return new TeamCalendar(team, calendar, holidays, true);
    }

    /** Replaces a team's calendar: its time zone, its weekly hours and its holidays. */
    @Transactional
    public TeamCalendar save(
            TeamId team, ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, List<Holiday> holidays, Actor by) {
        if (zone == null) {
            throw new InvalidInputException("timeZone", "is required");
        }
        if (week.values().stream().allMatch(List::isEmpty)) {
            throw new InvalidInputException("hours", "a team must be open at least one day a week");
        }
        BusinessCalendar calendar;
        try {
            calendar = new BusinessCalendar(
                    zone,
                    week,
                    new HashSet<>(holidays.stream().map(Holiday::day).toList()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("hours", e.getMessage());
        }
        var days = new TreeMap<LocalDate, String>();
        for (var holiday : holidays) {
            if (holiday.day() == null) {
                throw new InvalidInputException("holidays", "each holiday needs a date");
            }
            var name = holiday.name() == null || holiday.name().isBlank()
                    ? "Holiday"
                    : holiday.name().strip();
            if (days.put(holiday.day(), name) != null) {
                throw new InvalidInputException("holidays", holiday.day() + " is listed twice");
            }
        }
        var before = describe(settings(team));
        var now = Sql.ts(clock.instant());
        db.sql("""
                insert into team_calendar (team_id, time_zone, updated_at) values (?, ?, ?)
                on conflict (team_id) do update set time_zone = excluded.time_zone, updated_at = excluded.updated_at""").params(team.value(), zone.getId(), now).update();
        db.sql("delete from team_opening_hours where team_id = ?")
                .param(team.value())
                .update();
        for (var day : calendar.week().entrySet()) {
            for (var hours : day.getValue()) {
                db.sql("insert into team_opening_hours (team_id, day_of_week, opens, closes) values (?, ?, ?, ?)")
                        .params(team.value(), day.getKey().getValue(), hours.opens(), hours.closes())
                        .update();
            }
        }
        db.sql("delete from team_holiday where team_id = ?").param(team.value()).update();
        days.forEach((day, name) -> db.sql("insert into team_holiday (team_id, day, name) values (?, ?, ?)")
                .params(team.value(), day, name)
                .update());
        var saved = settings(team);
        audit.record(by, "team", team.value(), "calendar_changed", before, describe(saved));
        return saved;
    }

    private static Map<String, Object> describe(TeamCalendar settings) {
        var out = new LinkedHashMap<String, Object>();
        out.put("timeZone", settings.calendar().zone().getId());
        var week = new LinkedHashMap<String, Object>();
        settings.calendar().week().forEach((day, hours) -> {
            if (!hours.isEmpty()) {
                week.put(
                        day.name(),
                        hours.stream().map(h -> h.opens() + "-" + h.closes()).toList());
            }
        });
        out.put("hours", week);
        out.put(
                "holidays",
                settings.holidays().stream().map(h -> h.day() + " " + h.name()).toList());
        return out;
    }
}
