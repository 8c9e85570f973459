package org.followthrough.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The teams' calendars in PostgreSQL: a calendar row, its opening hours and its holidays, saved whole. */
@Repository
class TeamCalendars {

    private final JdbcClient db;

    TeamCalendars(JdbcClient db) {
        this.db = db;
    }

    /** The team's calendar, or the standard week when nobody has set one. */
    TeamCalendar find(TeamId team) {
        var zone = db.sql("select time_zone from team_calendar where team_id = ?")
                .param(team.value())
                .query((rs, n) -> ZoneId.of(rs.getString(1)))
                .optional();
        if (zone.isEmpty()) {
            return TeamCalendar.standard(team);
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
        return TeamCalendar.stored(team, zone.get(), week, holidays);
    }

    /** Replaces what is stored for the calendar's team with the calendar. */
    void save(TeamCalendar calendar, Instant now) {
        var team = calendar.team().value();
        db.sql("""
                insert into team_calendar (team_id, time_zone, updated_at) values (?, ?, ?)
                on conflict (team_id) do update set time_zone = excluded.time_zone, updated_at = excluded.updated_at""")
                .params(team, calendar.calendar().zone().getId(), Sql.ts(now))
                .update();
        db.sql("delete from team_opening_hours where team_id = ?").param(team).update();
        for (var day : calendar.calendar().week().entrySet()) {
            for (var hours : day.getValue()) {
                db.sql("insert into team_opening_hours (team_id, day_of_week, opens, closes) values (?, ?, ?, ?)")
                        .params(team, day.getKey().getValue(), hours.opens(), hours.closes())
                        .update();
            }
        }
        db.sql("delete from team_holiday where team_id = ?").param(team).update();
        for (var holiday : calendar.holidays()) {
            db.sql("insert into team_holiday (team_id, day, name) values (?, ?, ?)")
                    .params(team, holiday.day(), holiday.name())
                    .update();
        }
    }
}
