package org.followthrough.live.web;

import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.InboxQueries;
import org.followthrough.cases.InboxView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.live.LiveDesk;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams pages listen to (static/assets/js/live.js), each authorised as the page it
 * serves: a case's stream and its typing reports only for whoever may read the case (anyone else
 * gets the case page's 404), the inbox's for any agent, its "new cases" count through the inbox's
 * own visibility rules. Streams carry no text of the case; pages fetch what changed themselves.
 */
@Controller
class LiveController {

    private final LiveDesk live;
    private final CaseQueries cases;
    private final InboxQueries inbox;
    private final CaseAccess access;

    LiveController(LiveDesk live, CaseQueries cases, InboxQueries inbox, CaseAccess access) {
        this.inbox = inbox;
        this.live = live;
        this.cases = cases;
        this.access = access;
    }

    @GetMapping("/live/cases/{number}")
    SseEmitter caseStream(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me) {
        var c = cases.getByNumber(number, access.scopeOf(me));
        return live.watchCase(c.id(), me);
    }

    @PostMapping("/live/cases/{number}/typing")
    ResponseEntity<Void> typing(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me) {
        var c = cases.getByNumber(number, access.scopeOf(me));
        live.typing(c.id(), me);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/live/inbox")
    SseEmitter inboxStream(@AuthenticationPrincipal SignedInAgent me) {
        return live.watchInbox(me, inbox.latestNumber());
    }

    /** The "new cases" bar: how many cases of this view opened after case {@code after} the agent may see. */
    @GetMapping("/live/inbox/new")
    String newCases(
            @RequestParam(defaultValue = "MINE") InboxView view,
            @RequestParam(required = false) Long after,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        long latest = inbox.latestNumber();
        model.addAttribute(
                "count", after == null ? 0 : inbox.countOpenedAfter(view, cases.viewer(access.scopeOf(me)), after));
        model.addAttribute("latest", latest);
        return "live/inbox :: bar";
    }
}
