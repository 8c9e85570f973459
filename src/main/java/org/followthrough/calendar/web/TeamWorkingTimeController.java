package org.followthrough.calendar.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.followthrough.calendar.BusinessCalendar.OpeningHours;
import org.followthrough.calendar.CalendarDesk;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.calendar.Holiday;
import org.followthrough.calendar.WorkingTimePart;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A team's working time, for admins: its business calendar (time zone, opening hours, holidays),
 * and on the same form the parts other modules add (how early its agents are reminded of their
 * promises), saved together.
 */
@Controller
class TeamWorkingTimeController {

    private static final List<String> ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

    private final CalendarQueries calendars;
    private final CalendarDesk desk;
    private final List<WorkingTimePart> parts;
    private final AgentQueries agents;

    TeamWorkingTimeController(
            CalendarQueries calendars, CalendarDesk desk, List<WorkingTimePart> parts, AgentQueries agents) {
        this.calendars = calendars;
        this.desk = desk;
        this.parts = parts;
        this.agents = agents;
    }

    /** One weekday's row of the form: up to two opening intervals. */
    record DayRow(DayOfWeek day, String opens1, String closes1, String opens2, String closes2) {}

    @GetMapping("/admin/teams/{id}/working-time")
    String show(@PathVariable UUID id, Model model) {
        var team = agents.getTeam(new TeamId(id));
        var settings = calendars.settings(team.id());
        var rows = new ArrayList<DayRow>();
        for (var day : DayOfWeek.values()) {
            var hours = settings.calendar().week().getOrDefault(day, List.of());
            rows.add(new DayRow(
                    day,
                    hours.size() > 0 ? hours.get(0).opens().toString() : "",
                    hours.size() > 0 ? hours.get(0).closes().toString() : "",
                    hours.size() > 1 ? hours.get(1).opens().toString() : "",
                    hours.size() > 1 ? hours.get(1).closes().toString() : ""));
        }
        var holidays = new StringBuilder();
        settings.holidays()
                .forEach(h ->
                        holidays.append(h.day()).append(' ').append(h.name()).append('\n'));
        model.addAttribute("team", team);
        model.addAttribute("custom", settings.custom());
        model.addAttribute("zone", settings.calendar().zone().getId());
        model.addAttribute("zones", ZONES);
        model.addAttribute("rows", rows);
        model.addAttribute("holidays", holidays.toString());
        model.addAttribute(
                "parts", parts.stream().map(WorkingTimePart::template).toList());
        parts.forEach(part -> model.addAllAttributes(part.show(team.id())));
        return "calendar/working-time";
    }

    @PostMapping("/admin/teams/{id}/working-time")
    String save(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String timeZone,
            @Text.MultiLine @RequestParam(defaultValue = "") String holidays,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        try {
            saveAll(id, timeZone, holidays, me, request);
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return show(id, model);
        }
        return "redirect:/admin/teams/" + id + "/working-time?saved";
    }

    private void saveAll(UUID id, String timeZone, String holidays, SignedInAgent me, HttpServletRequest request) {
        var team = agents.getTeam(new TeamId(id));
        // Every part checked before any is saved: the page is saved whole or not at all.
        parts.forEach(part -> part.check(request::getParameter));
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
        var week = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            var hours = new ArrayList<OpeningHours>();
            for (int i = 1; i <= 2; i++) {
                var opens = request.getParameter(day.name() + ".opens" + i);
                var closes = request.getParameter(day.name() + ".closes" + i);
                if (blank(opens) && blank(closes)) {
                    continue;
                }
                hours.add(interval(day, opens, closes));
            }
            week.put(day, hours);
        }
        desk.change(team.id(), zone, week, parseHolidays(holidays), me.actor());
        parts.forEach(part -> part.save(team.id(), request::getParameter, me.actor()));
    }

    private static OpeningHours interval(DayOfWeek day, String opens, String closes) {
        try {
            return new OpeningHours(LocalTime.parse(opens.strip()), LocalTime.parse(closes.strip()));
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidInputException(day.name(), "needs both times, such as 09:00 and 17:00");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(day.name(), "must open before it closes");
        }
    }

    /** One holiday per line: a date, then optionally its name. */
    private static List<Holiday> parseHolidays(String text) {
        var out = new ArrayList<Holiday>();
        for (var line : text.split("\\R")) {
            var trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            var space = trimmed.indexOf(' ');
            var date = space < 0 ? trimmed : trimmed.substring(0, space);
            try {
                out.add(new Holiday(
                        LocalDate.parse(date),
                        space < 0 ? "" : trimmed.substring(space + 1).strip()));
            } catch (DateTimeException e) {
                throw new InvalidInputException(
                        "holidays", "\u201c" + trimmed + "\u201d does not start with a date such as 2026-12-25");
            }
        }
        return out;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
