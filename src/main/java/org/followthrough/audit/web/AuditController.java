package org.followthrough.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.audit.AuditFilter;
import org.followthrough.audit.AuditQueries;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Slice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for admins: who did what, from what to what, newest first, by kind of thing,
 * actor, case and days. A filter that cannot be read is said so on the page (400), never a 500.
 */
@Controller
class AuditController {

    private static final int PAGE = 50;
    private static final Pattern CASE_NUMBER = Pattern.compile("#?(\\d{1,12})");

    private final AuditQueries audit;

    AuditController(AuditQueries audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam Map<String, String> params, Model model, HttpServletResponse response) {
        var zone = model.getAttribute("zone") instanceof ZoneId z ? z : ZoneId.of("UTC");
        var entity = blankToNull(params.get("entity"));
        var actor = blankToNull(params.get("actor"));
        var caseText = blankToNull(params.get("case"));
        var from = blankToNull(params.get("from"));
        var to = blankToNull(params.get("to"));
        var cursor = blankToNull(params.get("cursor"));
        model.addAttribute("entity", entity);
        model.addAttribute("actor", actor);
        model.addAttribute("caseText", caseText);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("kinds", AuditFilter.KINDS.stream().sorted().toList());
        model.addAttribute("actors", audit.actors());
        try {
            var start = startOf(from, zone, "from");
            var end = to == null
                    ? null
                    : startOf(to, zone, "to").atZone(zone).plusDays(1).toInstant();
            if (start != null && end != null && !start.isBefore(end)) {
                throw new InvalidInputException("range", "must start before it ends");
            }
            var filter =
                    new AuditFilter(entity, actorId(actor), "system".equals(actor), caseNumber(caseText), start, end);
            if (filter.caseNumber() != null
                    && audit.caseWithNumber(filter.caseNumber()).isEmpty()) {
                model.addAttribute("filterProblem", "case.unknown");
                model.addAttribute("slice", new Slice<>(List.of(), null));
                return "admin/audit";
            }
            model.addAttribute("slice", audit.page(filter, cursor, PAGE));
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("filterProblem", e.field());
            model.addAttribute("slice", new Slice<>(List.of(), null));
        }
        model.addAttribute("newest", cursor != null);
        return "admin/audit";
    }

    private static UUID actorId(String actor) {
        if (actor == null || actor.equals("system")) {
            return null;
        }
        try {
            return UUID.fromString(actor);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("actor", "is not an agent");
        }
    }

    private static Long caseNumber(String text) {
        if (text == null) {
            return null;
        }
        var number = CASE_NUMBER.matcher(text.strip());
        if (!number.matches()) {
            throw new InvalidInputException("case", "is not a case number");
        }
        return Long.parseLong(number.group(1));
    }

    private static Instant startOf(String date, ZoneId zone, String field) {
        if (date == null) {
            return null;
        }
        try {
            var day = LocalDate.parse(date.strip());
            if (day.getYear() < 1970 || day.getYear() > 9998) {
                throw new InvalidInputException(field, "is not a date");
            }
            return day.atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "is not a date");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
