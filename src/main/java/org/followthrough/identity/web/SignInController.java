package org.followthrough.identity.web;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.followthrough.identity.SignInAttempt;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class SignInController {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final Clock clock;

    SignInController(Clock clock) {
        this.clock = clock;
    }

    /**
     * After too many failed sign-ins the page says when the next attempt will be looked at; after a
     * failed one, the email tried is filled in again.
     */
    @GetMapping("/login")
    String signIn(@RequestParam(required = false) Long retryAt, HttpSession session, Model model) {
        // After a failed sign-in the email stays filled in; the password is typed again.
        model.addAttribute("email", SignInAttempt.takeEmail(session));
        if (retryAt != null) {
            var at = Instant.ofEpochSecond(retryAt);
            var wait = Duration.between(clock.instant(), at);
            if (wait.isPositive()) {
                model.addAttribute("retryTime", TIME.format(at));
                model.addAttribute("retryMinutes", TooManyAttemptsException.minutes(wait));
            }
        }
        return "identity/login";
    }
}
