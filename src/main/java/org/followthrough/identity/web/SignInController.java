package org.followthrough.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** After too many failed sign-ins the page says when the next attempt will be looked at. */
    @GetMapping("/login")
    String signIn(@RequestParam(required = false) Long retryAt, Model model) {
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
