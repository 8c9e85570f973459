package org.followthrough.attention;

import java.time.Clock;
import org.followthrough.cases.CaseAccess;
import org.followthrough.email.outbound.Outbox;
import org.followthrough.handoff.HandoffQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.promise.PromiseQueries;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What needs an agent now: their promises inside the reminder window or past due, offers waiting
 * for their answer, their own offers that came back declined; for supervisors also their teams'
 * broken promises and offers nobody answered in time; replies of theirs that did not arrive. The header shows the count, kept live.
 */
@Controller
class NeedsYouController {

    private static final int LIMIT = 20;
    private static final int COUNT_CAP = 99;

    private final PromiseQueries promises;
    private final HandoffQueries handoffs;
    private final Outbox outbox;
    private final Clock clock;
    private final CaseAccess access;

    NeedsYouController(
            PromiseQueries promises, HandoffQueries handoffs, Outbox outbox, Clock clock, CaseAccess access) {
        this.access = access;
        this.promises = promises;
        this.handoffs = handoffs;
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping("/needs-you")
    String list(@AuthenticationPrincipal SignedInAgent me, Model model) {
        var scope = access.scopeOf(me);
        var teams = scope.teams();
        var supervised = scope.supervisedTeams();
        model.addAttribute("promises", promises.needingAttention(scope, LIMIT));
        model.addAttribute("offers", handoffs.offeredTo(me.id(), teams, LIMIT));
        model.addAttribute("returned", handoffs.returnedTo(me.id(), LIMIT));
        model.addAttribute("unanswered", handoffs.unansweredIn(supervised, LIMIT));
        model.addAttribute("undelivered", outbox.problemsOf(me.id(), LIMIT));
        model.addAttribute("now", clock.instant());
        return "attention/needs-you :: list";
    }

    @GetMapping("/needs-you/count")
    String count(@AuthenticationPrincipal SignedInAgent me, Model model) {
        // On every page and every minute: counts only, three round trips after the agent's teams.
        var scope = access.scopeOf(me);
        var teams = scope.teams();
        var supervised = scope.supervisedTeams();
        long count = promises.countNeedingAttention(scope, COUNT_CAP)
                + handoffs.countNeedingAttention(me.id(), teams, supervised, COUNT_CAP)
                + outbox.countProblemsOf(me.id(), COUNT_CAP);
        model.addAttribute("count", Math.min(count, COUNT_CAP));
        model.addAttribute("cap", COUNT_CAP);
        return "attention/needs-you :: count";
    }
}
