package org.followthrough.notifications.web;

import org.followthrough.email.outbound.AlertMail;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.notifications.AlertSubscriptions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Each agent decides for themselves whether their alerts come by email too. */
@Controller
class AlertSettingsController {

    private final AlertSubscriptions subscriptions;
    private final AlertMail mail;

    AlertSettingsController(AlertSubscriptions subscriptions, AlertMail mail) {
        this.subscriptions = subscriptions;
        this.mail = mail;
    }

    @GetMapping("/settings/alerts")
    String show(@AuthenticationPrincipal SignedInAgent me, Model model) {
        model.addAttribute("subscribed", subscriptions.subscribed(me.id()));
        model.addAttribute("canSend", mail.canSend());
        return "notifications/alerts";
    }

    @PostMapping("/settings/alerts")
    String save(@RequestParam(defaultValue = "false") boolean email, @AuthenticationPrincipal SignedInAgent me) {
        if (email) {
            subscriptions.subscribe(me.id());
        } else {
            subscriptions.unsubscribe(me.id());
        }
        return "redirect:/settings/alerts?saved";
    }
}
