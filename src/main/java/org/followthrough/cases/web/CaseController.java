package org.followthrough.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CallDirection;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseDrafts;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.ComposerDraft;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.Priority;
import org.followthrough.cases.ReplyChannels;
import org.followthrough.cases.ResolutionRefusedException;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.followthrough.platform.web.Htmx;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The case page: timeline, customer, and the actions on the case. Nothing an agent typed is lost
 * (ADR 019): a side action answers htmx with "case-changed", on which the header, the timeline and
 * the panels reload themselves and the composer stays as it is; sending an entry answers with its
 * composer emptied. The composers' drafts are saved while the agent types. Plain form posts get a
 * redirect back to the page.
 */
@Controller
class CaseController {

    // The composer's fields that the promise and email modules' parts of it send
    // (templates/promise/composer.html, templates/email/composer.html).
    private static final String PROMISE_DESCRIPTION = "promise.description";
    private static final String PROMISE_DUE = "promise.dueAt";
    private static final String PROMISE_DUE_ZONE = "promise.dueZone";
    private static final String MAIL_LIST_PROMISES = "mail.listPromises";
    private static final String PROMISE_KEEPS = "promise.keeps";
    // What an action changed, for the parts of the page that show it to reload themselves: the
    // header, timeline and case panel on the first; the promise and handoff panels on their own.
    private static final String CASE_CHANGED = "case-changed";
    private static final String[] EVERYTHING_CHANGED = {CASE_CHANGED, "promises-changed", "handoff-changed"};
    private static final DateTimeFormatter REFUSED_AT = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private static final List<CaseStatus> REPLY_STATUSES =
            List.of(CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.WAITING_ON_THIRD_PARTY, CaseStatus.RESOLVED);

    private final CaseQueries queries;
    private final CaseDesk desk;
    private final CustomerQueries customers;
    private final AgentQueries agents;
    private final CaseAccess access;
    private final ReplyChannels replyChannels;
    private final CaseDrafts drafts;
    private final Clock clock;

    CaseController(
            CaseQueries queries,
            CaseDesk desk,
            CustomerQueries customers,
            AgentQueries agents,
            CaseAccess access,
            ReplyChannels replyChannels,
            CaseDrafts drafts,
            Clock clock) {
        this.replyChannels = replyChannels;
        this.queries = queries;
        this.desk = desk;
        this.customers = customers;
        this.agents = agents;
        this.access = access;
        this.drafts = drafts;
        this.clock = clock;
    }

    @GetMapping("/cases/{number}")
    String show(
            @PathVariable long number,
            @RequestParam(defaultValue = "reply") String tab,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        // The header, the timeline and the case panel reload themselves from the workspace on "case-changed".
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
        macroActions(c, request, me);
        desk.sendReply(c.id(), body, channel, then, composer(request), recordUndelivered, me.actor());
        return sent(c, ComposerDraft.Kind.REPLY, me, request, response, model);
    }

    /**
     * The timeline alone: a page told of a new entry (live updates) reloads it without touching the
     * composer, where a reply may be half written.
     */
    @GetMapping("/cases/{number}/timeline")
    String timeline(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var c = byNumber(number, me);
        model.addAttribute("c", c);
        timeline(c, model);
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
            HttpServletResponse response,
            Model model) {
        var c = byNumber(number, me);
        desk.logCall(
                c.id(),
                direction,
                Duration.ofMinutes(minutes).plusSeconds(seconds),
                summary,
                composer(request),
                me.actor());
        return sent(c, ComposerDraft.Kind.CALL, me, request, response, model);
    }

    @PostMapping("/cases/{number}/notes")
    String note(
            @PathVariable long number,
            @Text.MultiLine @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var c = byNumber(number, me);
        desk.note(c.id(), body, me.actor());
        return sent(c, ComposerDraft.Kind.NOTE, me, request, response, model);
    }

    @PostMapping("/cases/{number}/take")
    void take(
            @PathVariable long number,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var c = byNumber(number, me);
        desk.take(c.id(), me.actor());
        Htmx.changed(request, response, "/cases/" + c.number(), EVERYTHING_CHANGED);
    }

    @PostMapping("/cases/{number}/properties")
    void properties(
            @PathVariable long number,
            @RequestParam(required = false) CaseStatus status,
            @RequestParam(required = false) Priority priority,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String tags,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var c = byNumber(number, me);
        var changes = new CaseChanges(
                null,
                status,
                blank(ownerId) ? null : new AgentId(Ids.parse(ownerId, "ownerId")),
                priority,
                tags == null ? null : new LinkedHashSet<>(Arrays.asList(tags.split("[,\\s]+"))),
                blank(teamId) ? null : new TeamId(Ids.parse(teamId, "teamId")));
        desk.change(c.id(), changes, me.actor());
        // Status, owner and team decide what the promise and handoff panels offer; priority and tags do not.
        boolean panels = status != null || changes.owner() != null || changes.team() != null;
        Htmx.changed(
                request, response, "/cases/" + c.number(), panels ? EVERYTHING_CHANGED : new String[] {CASE_CHANGED});
    }

    /**
     * Keeps what the agent has typed in one composer so far, exactly as typed, and answers with when
     * it was saved. Sent by the composer itself while the agent types (ADR 019).
     */
    @PostMapping("/cases/{number}/drafts/{kind}")
    String saveDraft(
            @PathVariable long number,
            @PathVariable String kind,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var c = byNumber(number, me);
        var draftKind = kindOf(kind);
        var draft = drafts.save(c.id(), draftFrom(draftKind, request), me.actor());
        model.addAttribute("draft", draft);
        return "cases/case :: draft-status";
    }

    /**
     * A refused action on the case page (an illegal status, a case that may not end yet, bad input):
     * the reason replaces any earlier one in the message area, stamped with the time so a second
     * refusal is seen to be new; where promises stand in the way of resolving, they are listed with
     * a way to settle each. The page's controls then reload to show the case as it really is.
     */
    @ExceptionHandler({ConflictException.class, InvalidInputException.class})
    String refused(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = e instanceof ConflictException ? 409 : 422;
        response.setStatus(status);
        model.addAttribute("message", e.getMessage());
        model.addAttribute("status", status);
        if (!Htmx.isRequest(request)) {
            return "error";
        }
        model.addAttribute(
                "refusedCase", e instanceof ResolutionRefusedException refusal ? refusal.caseNumber() : null);
        model.addAttribute("refusedAt", REFUSED_AT.format(clock.instant().atZone(zoneOf(request))));
        response.setHeader("HX-Retarget", "#flash");
        response.setHeader("HX-Reswap", "innerHTML");
        response.setHeader("HX-Trigger", "case-refused");
        return "cases/case :: refusal";
    }

    /**
     * What else the composer held, for the modules that add to a reply or call: the promise rows
     * (each a description and a due in the agent's time zone or the zone chosen next to it, paired in
     * the order sent) and the
     * mail's options. Read from the parameters as sent: a value is never split at its commas.
     */
    /**
     * What a macro used in this reply does besides its text: tags it adds and the team it moves the
     * case to, applied as the agent's own change before the reply goes out.
     */
    private void macroActions(CaseView c, HttpServletRequest request, SignedInAgent me) {
        var addTags = Arrays.stream(
                        String.valueOf(Objects.requireNonNullElse(request.getParameter("macro.addTags"), ""))
                                .split(","))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .toList();
        var moveTo = request.getParameter("macro.moveToTeamId");
        var team = moveTo == null || moveTo.isBlank() ? null : new TeamId(Ids.parse(moveTo, "macro.moveToTeamId"));
        if (addTags.isEmpty() && (team == null || team.equals(c.people().teamId()))) {
            return;
        }
        var tags = new TreeSet<>(c.tags());
        tags.addAll(addTags);
        desk.change(
                c.id(),
                new CaseDesk.CaseChanges(null, null, null, null, addTags.isEmpty() ? null : tags, team),
                me.actor());
    }

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
                        new Composer.MailOptions(
                                values(request, MAIL_LIST_PROMISES).contains("on")))
                .keeping(keeps(request));
    }

    /** The open promises the agent ticked as kept by this entry. */
    private static List<UUID> keeps(HttpServletRequest request) {
        return values(request, PROMISE_KEEPS).stream()
                .filter(v -> !v.isBlank())
                .map(v -> Ids.parse(v, PROMISE_KEEPS))
                .toList();
    }

    /** A composer's fields as sent by its autosave: the same names as when the entry is sent. */
    private static ComposerDraft draftFrom(ComposerDraft.Kind kind, HttpServletRequest request) {
        var composer = Composer.of(values(request, PROMISE_DESCRIPTION), values(request, PROMISE_DUE), null);
        return switch (kind) {
            case REPLY ->
                new ComposerDraft(
                        kind,
                        param(request, "body"),
                        enumOf(Channel.class, param(request, "channel"), "channel"),
                        enumOf(CaseStatus.class, param(request, "then"), "then"),
                        null,
                        values(request, MAIL_LIST_PROMISES).contains("on"),
                        composer.promises(),
                        keeps(request),
                        null);
            case CALL ->
                new ComposerDraft(
                        kind,
                        param(request, "summary"),
                        null,
                        null,
                        new ComposerDraft.Call(
                                enumOf(CallDirection.class, param(request, "direction"), "direction"),
                                number(param(request, "minutes"), "minutes"),
                                number(param(request, "seconds"), "seconds")),
                        null,
                        composer.promises(),
                        List.of(),
                        null);
            case NOTE ->
                new ComposerDraft(kind, param(request, "body"), null, null, null, null, List.of(), List.of(), null);
        };
    }

    private static ComposerDraft.Kind kindOf(String kind) {
        return Arrays.stream(ComposerDraft.Kind.values())
                .filter(k -> k.tab().equals(kind))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "must be reply, call or note"));
    }

    private static String param(HttpServletRequest request, String name) {
        return request.getParameter(name);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Integer number(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    private static List<String> values(HttpServletRequest request, String name) {
        var values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }

    /**
     * The entry is written: its draft goes, and htmx gets the composer it came from, empty, while
     * the rest of the page reloads its parts on "case-changed". The other composers keep what they hold.
     */
    private String sent(
            CaseView c,
            ComposerDraft.Kind kind,
            SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        drafts.discard(c.id(), kind, me.actor());
        if (!Htmx.isRequest(request)) {
            return "redirect:/cases/" + c.number() + "?tab=" + kind.tab();
        }
        response.setHeader(
                "HX-Trigger", kind == ComposerDraft.Kind.NOTE ? CASE_CHANGED : String.join(", ", EVERYTHING_CHANGED));
        var now = queries.get(c.id(), access.scopeOf(me));
        composerModel(now, kind.tab(), me, customers.get(now.people().customerId()), model);
        return "cases/case :: pane-" + kind.tab();
    }

    private void composerModel(CaseView c, String tab, SignedInAgent me, CustomerView customer, Model model) {
        model.addAttribute("c", c);
        model.addAttribute("tab", List.of("reply", "call", "note").contains(tab) ? tab : "reply");
        model.addAttribute("customer", customer);
        model.addAttribute("replyOptions", replyChannels.optionsFor(c));
        model.addAttribute("replyStatuses", REPLY_STATUSES);
        var mine = drafts.of(c.id(), me.actor());
        model.addAttribute("replyDraft", mine.get(ComposerDraft.Kind.REPLY));
        model.addAttribute("callDraft", mine.get(ComposerDraft.Kind.CALL));
        model.addAttribute("noteDraft", mine.get(ComposerDraft.Kind.NOTE));
    }

    private String workspace(CaseView c, String tab, SignedInAgent me, Model model, String view) {
        var customer = customers.get(c.people().customerId());
        composerModel(c, tab, me, customer, model);
        timeline(c, model);
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

        model.addAttribute(
                "ownerInactive",
                c.people().ownerId() != null
                        && active.stream()
                                .noneMatch(a -> a.id().equals(c.people().ownerId())));
        model.addAttribute("teams", agents.teams());
        return view;
    }

    /**
     * The timeline, and the zones of the agents who wrote in it, so an entry written in another zone
     * than the viewer's says whose time it is.
     */
    private void timeline(CaseView c, Model model) {
        var entries = queries.timeline(c.id());
        model.addAttribute("entries", entries);
        model.addAttribute(
                "authorZones",
                agents.zonesOf(entries.stream()
                        .map(e -> e.author().id())
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet())));
    }

    /** The signed-in agent's time zone, read from the request: an exception handler has no principal argument. */
    private static ZoneId zoneOf(HttpServletRequest request) {
        return request.getUserPrincipal() instanceof Authentication auth
                        && auth.getPrincipal() instanceof SignedInAgent me
                ? me.zone()
                : ZoneOffset.UTC;
    }

    private CaseView byNumber(long number, SignedInAgent me) {
        return queries.getByNumber(number, access.scopeOf(me));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
