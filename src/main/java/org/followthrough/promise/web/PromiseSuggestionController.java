package org.followthrough.promise.web;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.Text;
import org.followthrough.promise.CommitmentDetector;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * While an agent writes a reply or call summary, the commitments in it are offered as promises:
 * due times are read in the customer's time zone and the case team's working hours.
 */
@Controller
class PromiseSuggestionController {

    private static final int MAX_TEXT = 20_000;

    private final CommitmentDetector detector;
    private final CaseQueries cases;
    private final CustomerQueries customers;
    private final CalendarQueries calendars;
    private final Clock clock;
    private final CaseAccess access;

    PromiseSuggestionController(
            CommitmentDetector detector,
            CaseQueries cases,
            CustomerQueries customers,
            CalendarQueries calendars,
            Clock clock,
            CaseAccess access) {
        this.access = access;
        this.detector = detector;
        this.cases = cases;
        this.customers = customers;
        this.calendars = calendars;
        this.clock = clock;
    }

    @PostMapping("/cases/{number}/promises/suggest")
    String suggest(
            @PathVariable long number,
            @Text.MultiLine @RequestParam(defaultValue = "") String body,
            @Text.MultiLine @RequestParam(defaultValue = "") String summary,
            @RequestParam(defaultValue = "reply") String composer,
            @RequestParam(name = "promise.description", required = false) List<String> drafted,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var c = cases.getByNumber(number, access.scopeOf(me));
        var text = composer.equals("call") ? summary : body;
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        var customerZone = customers.get(c.people().customerId()).timeZone();
        var already = drafted == null ? Set.<String>of() : Set.copyOf(drafted);
        var found = detector
                .detect(
                        text,
                        customerZone,
                        clock.instant(),
                        calendars.of(c.people().teamId()))
                .stream()
                .filter(s -> !already.contains(s.sentence()))
                .toList();
        model.addAttribute("suggestions", found);
        model.addAttribute("number", number);
        model.addAttribute("composer", composer.equals("call") ? "call" : "reply");
        return "promise/composer :: suggestions";
    }
}
