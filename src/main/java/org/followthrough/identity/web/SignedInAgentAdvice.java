package org.followthrough.identity.web;

import java.time.ZoneId;
import org.followthrough.identity.SignedInAgent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every console page knows who is looking and in which time zone to show times. */
@ControllerAdvice(annotations = Controller.class)
class SignedInAgentAdvice {

    @ModelAttribute("me")
    SignedInAgent me(@AuthenticationPrincipal SignedInAgent me) {
        return me;
    }

    @ModelAttribute("zone")
    ZoneId zone(@AuthenticationPrincipal SignedInAgent me) {
        return me == null ? ZoneId.of("UTC") : me.zone();
    }
}
