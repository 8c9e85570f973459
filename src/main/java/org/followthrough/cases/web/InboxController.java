package org.followthrough.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.InboxSort;
import org.followthrough.cases.InboxView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.web.Htmx;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The agent's inbox: the views of the work, newest activity or most urgent first. */
@Controller
class InboxController {

    static final int PAGE = 30;

    private final CaseQueries queries;
    private final CaseAccess access;

    InboxController(CaseQueries queries, CaseAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/")
    String inbox(
            @RequestParam(defaultValue = "MINE") InboxView view,
            @RequestParam(defaultValue = "ACTIVITY") InboxSort sort,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var viewer = queries.viewer(access.scopeOf(me));
        model.addAttribute("view", view);
        model.addAttribute("sort", sort);
        model.addAttribute("slice", queries.inbox(view, viewer, sort, cursor, PAGE));
        if (cursor != null && Htmx.wantsFragment(request)) {
            return "cases/inbox :: rows";
        }
        var counts = new EnumMap<InboxView, String>(InboxView.class);
        for (var v : InboxView.values()) {
            long count = queries.count(v, viewer);
            counts.put(v, count > CaseQueries.COUNT_CAP ? CaseQueries.COUNT_CAP + "+" : String.valueOf(count));
        }
        model.addAttribute("counts", counts);
        model.addAttribute("views", InboxView.values());
        model.addAttribute("sorts", InboxSort.values());
        return "cases/inbox";
    }
}
