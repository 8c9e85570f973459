package org.followthrough.handoff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.handoff.HandoffDesk;
import org.followthrough.handoff.HandoffId;
import org.followthrough.handoff.HandoffQueries;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Ids;
import org.followthrough.platform.Text;
import org.followthrough.platform.web.Htmx;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The handoff panel of a case and the answers to an offer. */
@Controller
class HandoffController {

    private final HandoffDesk handoffs;
    private final HandoffQueries queries;
    private final CaseQueries cases;
    private final AgentQueries agents;
    private final CaseAccess access;

    HandoffController(
            HandoffDesk handoffs, HandoffQueries queries, CaseQueries cases, AgentQueries agents, CaseAccess access) {
        this.handoffs = handoffs;
        this.queries = queries;
        this.cases = cases;
        this.agents = agents;
        this.access = access;
    }

    @GetMapping("/cases/{number}/handoff")
    String panel(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var scope = access.scopeOf(me);
        var c = cases.getByNumber(number, scope);
        var open = queries.openForCase(c.id()).orElse(null);
        model.addAttribute("c", c);
        model.addAttribute("open", open);
        // A "7 PM" in the note is the writer's 7 PM: the panel names their zone when it is not the reader's.
        model.addAttribute(
                "noteZone",
                open == null || open.offered().byId() == null
                        ? null
                        : agents.find(new AgentId(open.offered().byId()))
                                .map(AgentView::timeZone)
                                .orElse(null));
        model.addAttribute(
                "mayOffer", c.people().ownerId() != null && c.status().isActive() && HandoffDesk.mayOffer(c, scope));
        model.addAttribute(
                "mayAnswer",
                open != null
                        && (open.toAgentId() != null
                                ? open.toAgentId().equals(me.id())
                                : agents.isMember(me.id(), open.toTeamId())));
        model.addAttribute("mayWithdraw", open != null && HandoffDesk.mayWithdraw(open, c, scope));
        model.addAttribute(
                "agents",
                agents.active().stream()
                        .filter(a -> !a.id().equals(c.people().ownerId()))
                        .toList());
        model.addAttribute("teams", agents.teams());
        return "handoff/panel :: panel";
    }

    @PostMapping("/cases/{number}/handoffs")
    void offer(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String toAgentId,
            @RequestParam(defaultValue = "") String toTeamId,
            @Text.MultiLine @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var c = byNumber(number);
        handoffs.offer(
                c.id(),
                toAgentId.isBlank() ? null : new AgentId(Ids.parse(toAgentId, "toAgentId")),
                toTeamId.isBlank() ? null : new TeamId(Ids.parse(toTeamId, "toTeamId")),
                note,
                me.actor());
        changed(c.number(), request, response);
    }

    @PostMapping("/handoffs/{id}/accept")
    void accept(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var handoff = handoffs.accept(new HandoffId(id), me.actor());
        changed(handoff.caseNumber(), request, response);
    }

    @PostMapping("/handoffs/{id}/decline")
    void decline(
            @PathVariable UUID id,
            @Text.MultiLine @RequestParam(defaultValue = "") String reason,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var handoff = handoffs.decline(new HandoffId(id), reason, me.actor());
        changed(handoff.caseNumber(), request, response);
    }

    @PostMapping("/handoffs/{id}/withdraw")
    void withdraw(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var handoff = handoffs.withdraw(new HandoffId(id), me.actor());
        changed(handoff.caseNumber(), request, response);
    }

    /** The owner puts away an offer that came back declined. */
    @PostMapping("/handoffs/{id}/seen")
    void seen(
            @PathVariable UUID id,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        handoffs.acknowledgeReturn(new HandoffId(id), me.actor());
        Htmx.changed(request, response, "/", "needs-you-changed");
    }

    /**
     * The case page reloads its header, timeline, handoff panel and promises (which follow the
     * owner); the header's count reloads on case-changed too: one event, one request.
     */
    private static void changed(long caseNumber, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Htmx.changed(request, response, "/cases/" + caseNumber, "case-changed", "handoff-changed", "promises-changed");
    }

    private CaseView byNumber(long number) {
        return cases.getByNumber(number, access.current());
    }
}
