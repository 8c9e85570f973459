package org.followthrough.promise.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import org.followthrough.cases.CaseAccess;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.promise.PromiseReport;
import org.followthrough.promise.PromiseReport.Line;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The promises report for supervisors: a period of days in their time zone, as a page or as CSV. */
@Controller
class PromiseReportController {

    private final PromiseReport report;
    private final Clock clock;

    private final CaseAccess access;

    PromiseReportController(PromiseReport report, Clock clock, CaseAccess access) {
        this.access = access;
        this.report = report;
        this.clock = clock;
    }

    @GetMapping("/reports/promises")
    String page(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var zone = me.zone();
        var last = day(to, "to", LocalDate.now(clock.withZone(zone)));
        var first = day(from, "from", last.minusDays(29));
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("report", of(first, last, me));
        return "promise/report";
    }

    @GetMapping(value = "/reports/promises.csv")
    void csv(
            @RequestParam String from,
            @RequestParam String to,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletResponse response)
            throws IOException {
        var first = day(from, "from", null);
        var last = day(to, "to", null);
        var r = of(first, last, me);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"promises-" + first + "-" + last + ".csv\"");
        var out = new StringBuilder(
                "grouping,name,made,kept_on_time,kept_late,broken,renegotiated,released,still_open,kept_on_time_rate\n");
        for (var line : r.agents()) {
            row(out, "agent", line);
        }
        for (var line : r.teams()) {
            row(out, "team", line);
        }
        row(out, "total", r.total());
        response.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Supervisors see the teams they supervise (ADR 013), admins every team. */
    private PromiseReport.Report of(LocalDate first, LocalDate last, SignedInAgent me) {
        var zone = me.zone();
        var scope = access.scopeOf(me);
        return report.of(
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(),
                scope.role() == Role.ADMIN ? null : scope.supervisedTeams());
    }

    private static void row(StringBuilder out, String grouping, Line line) {
        out.append(grouping)
                .append(',')
                .append(csvText(line.name() == null ? "" : line.name()))
                .append(',')
                .append(line.made())
                .append(',')
                .append(line.keptOnTime())
                .append(',')
                .append(line.keptLate())
                .append(',')
                .append(line.broken())
                .append(',')
                .append(line.renegotiated())
                .append(',')
                .append(line.released())
                .append(',')
                .append(line.stillOpen())
                .append(',')
                .append(line.keptOnTimeRate() == null ? "" : String.format(Locale.ROOT, "%.3f", line.keptOnTimeRate()))
                .append('\n');
    }

    /** Quoted, and never read as a formula by a spreadsheet. */
    private static String csvText(String text) {
        var safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static LocalDate day(String text, String field, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw new InvalidInputException(field, "is required, as a date such as 2026-11-01");
            }
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "must be a date such as 2026-11-01");
        }
    }
}
