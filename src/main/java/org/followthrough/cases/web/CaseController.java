package org.followthrough.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CallDirection;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.Priority;
import org.followthrough.cases.ReplyChannels;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
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

/**
 * The case page: timeline, customer, and the actions on the case. Actions answer htmx with the
 * re-rendered workspace, and plain form posts with a redirect back to the page.
 */
@Controller
class CaseController {

    // The composer's fields that the promise and email modules' parts of it send
    // (templates/promise/composer.html, templates/email/composer.html).
    private static final String PROMISE_DESCRIPTION = "promise.description";
    private static final String PROMISE_DUE = "promise.dueAt";
    private static final String PROMISE_DUE_ZONE = "promise.dueZone";
    private static final String MAIL_LIST_PROMISES = "mail.listPromises";

    private static final List<CaseStatus> REPLY_STATUSES =
            List.of(CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.WAITING_ON_THIRD_PARTY, CaseStatus.RESOLVED);

    private final CaseQueries queries;
    private final CaseDesk desk;
    private final CustomerQueries customers;
    private final AgentQueries agents;
    private final CaseAccess access;
    private final ReplyChannels replyChannels;

    CaseController(
            CaseQueries queries,
            CaseDesk desk,
            CustomerQueries customers,
            AgentQueries agents,
            CaseAccess access,
            ReplyChannels replyChannels) {
        this.replyChannels = replyChannels;
        this.queries = queries;
        this.desk = desk;
        this.customers = customers;
        this.agents = agents;
        this.access = access;
    }

    @GetMapping("/cases/{number}")
    String show(
            @PathVariable long number,
            @RequestParam(defaultValue = "reply") String tab,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        // A panel's action asks the workspace to reload itself: it needs the workspace, not the page.
        var view = Htmx.wantsFragment(request) ? "cases/case :: workspace" : "cases/case";
        return workspace(byNumber(number, me), tab, me, model, view);
    }

    @PostMapping("/cases/{number}/reply")
    String reply(
            @PathVariable long number,
            @Text.MultiLine @RequestParam(defaultValue = "") String body,
            @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "false") boolean recordUndelivered,
            @RequestParam(required = false) CaseStatus then,
            @RequestParam(required = false) String seen,
            @RequestParam(defaultValue = "false") boolean confirmed,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var c = byNumber(number, me);
        if (seen != null && !seen.isBlank() && !confirmed && Htmx.isRequest(request)) {
            var newer = newerFromCustomer(c, Ids.parse(seen, "seen"));
            if (!newer.isEmpty()) {
                // Nothing is sent: the composer stays as typed, and the question appears in it.
                model.addAttribute("newer", newer);
                model.addAttribute("latest", newer.getLast());
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                response.setHeader("HX-Retarget", "#live-confirm");
                response.setHeader("HX-Reswap", "innerHTML");
                return "cases/newer-message :: confirm";
            }
        }
        desk.sendReply(c.id(), body, channel, then, composer(request), recordUndelivered, me.actor());
        return answer(c, "reply", me, request, model);
    }

    /**
     * The timeline alone: a page told of a new entry (live updates) reloads it without touching the
     * composer, where a reply may be half written.
     */
    @GetMapping("/cases/{number}/timeline")
    String timeline(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var c = byNumber(number, me);
        model.addAttribute("entries", queries.timeline(c.id()));
        return "cases/case :: timeline";
    }

    /** The customer's messages that arrived after the entry the agent last saw, oldest first. */
    private List<TimelineEntry> newerFromCustomer(CaseView c, UUID seen) {
        var entries = queries.timeline(c.id());
        int at = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).id().equals(seen)) {
                at = i;
            }
        }
        if (at < 0) {
            return List.of();
        }
        return entries.subList(at + 1, entries.size()).stream()
                .filter(e -> e.kind() == EntryKind.INBOUND)
                .toList();
    }

    @PostMapping("/cases/{number}/calls")
    String call(
            @PathVariable long number,
            @RequestParam CallDirection direction,
            @RequestParam(defaultValue = "0") long minutes,
            @RequestParam(defaultValue = "0") long seconds,
            @Text.MultiLine @RequestParam(defaultValue = "") String summary,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var c = byNumber(number, me);
        desk.logCall(
                c.id(),
                direction,
                Duration.ofMinutes(minutes).plusSeconds(seconds),
                summary,
                composer(request),
                me.actor());
        return answer(c, "call", me, request, model);
    }

    @PostMapping("/cases/{number}/notes")
    String note(
            @PathVariable long number,
            @Text.MultiLine @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var c = byNumber(number, me);
        desk.note(c.id(), body, me.actor());
        return answer(c, "note", me, request, model);
    }

    @PostMapping("/cases/{number}/take")
    String take(
            @PathVariable long number,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var c = byNumber(number, me);
        desk.take(c.id(), me.actor());
        return answer(c, "reply", me, request, model);
    }

    @PostMapping("/cases/{number}/properties")
    String properties(
            @PathVariable long number,
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) Priority priority,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String tags,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var c = byNumber(number, me);
        var changes = new CaseChanges(
                null,
                status,
                blank(ownerId) ? null : new AgentId(Ids.parse(ownerId, "ownerId")),
                priority,
                tags == null ? null : new LinkedHashSet<>(Arrays.asList(tags.split("[,\\s]+"))),
                blank(teamId) ? null : new TeamId(Ids.parse(teamId, "teamId")));
        desk.change(c.id(), changes, me.actor());
        return answer(c, "reply", me, request, model);
    }

    /**
     * What else the composer held, for the modules that add to a reply or call: the promise rows
     * (each a description and a due in the agent's time zone or the zone chosen next to it, paired in
     * the order sent) and the
     * mail's options. Read from the parameters as sent: a value is never split at its commas.
     */
    private static Composer composer(HttpServletRequest request) {
        var dues = values(request, PROMISE_DUE);
        var zones = values(request, PROMISE_DUE_ZONE);
        var written = new ArrayList<String>();
        for (int i = 0; i < dues.size(); i++) {
            // A due written in the customer's or the team's time carries that zone: 2026-11-27T17:00[Asia/Tokyo].
            var zone = i < zones.size() ? zones.get(i) : "";
            var due = dues.get(i);
            written.add(due.isBlank() || zone.isBlank() ? due : due.strip() + "[" + zone.strip() + "]");
        }
        return Composer.of(
                values(request, PROMISE_DESCRIPTION),
                written,
                new Composer.MailOptions(values(request, MAIL_LIST_PROMISES).contains("on")));
    }

    private static List<String> values(HttpServletRequest request, String name) {
        var values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }

    private String answer(CaseView c, String tab, SignedInAgent me, HttpServletRequest request, Model model) {
        if (Htmx.isRequest(request)) {
            return workspace(queries.get(c.id(), access.scopeOf(me)), tab, me, model, "cases/case :: workspace");
        }
        return "redirect:/cases/" + c.number() + "?tab=" + tab;
    }

    private String workspace(CaseView c, String tab, SignedInAgent me, Model model, String view) {
        var customer = customers.get(c.people().customerId());
        model.addAttribute("c", c);
        model.addAttribute("tab", List.of("reply", "call", "note").contains(tab) ? tab : "reply");
        model.addAttribute("entries", queries.timeline(c.id()));
        model.addAttribute("customer", customer);
        model.addAttribute(
                "otherCases",
                queries.casesOf(customer.id(), me, 11).stream()
                        .filter(line -> !line.caseId().equals(c.id().value()))
                        .limit(10)
                        .toList());
        model.addAttribute("nextStatuses", c.status().next());
        model.addAttribute("priorities", Priority.values());
        var active = agents.active();
        model.addAttribute("agents", active);
        // Who wrote an entry in another zone than the viewer's: their "7 PM" is their time, and the page says so.
        var authorZones = new HashMap<UUID, ZoneId>();
        active.forEach(a -> authorZones.put(a.id().value(), a.timeZone()));
        model.addAttribute("authorZones", authorZones);
        model.addAttribute(
                "ownerInactive",
                c.people().ownerId() != null
                        && active.stream()
                                .noneMatch(a -> a.id().equals(c.people().ownerId())));
        model.addAttribute("teams", agents.teams());
        model.addAttribute("replyOptions", replyChannels.optionsFor(c));
        model.addAttribute("replyStatuses", REPLY_STATUSES);
        return view;
    }

    private CaseView byNumber(long number, SignedInAgent me) {
        return queries.getByNumber(number, access.scopeOf(me));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
