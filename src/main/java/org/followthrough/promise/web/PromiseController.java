package org.followthrough.promise.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.ReplyChannels;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Text;
import org.followthrough.platform.web.Htmx;
import org.followthrough.promise.DueTime;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseId;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseQueries.Query;
import org.followthrough.promise.PromiseState;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Promises in the console: the "What we promised" panel of a case and its actions, the draft rows
 * of the composer, the promise lists and the "Needs you now" list with its count.
 */
@Controller
class PromiseController {

    /**
     * A ready-made due time the composer offers ("in 2 hours", "tomorrow, end of day"), its days
     * counted in the team calendar's zone: {@code key} and {@code day} name it, {@code at} shows it in
     * the team's zone, and {@code me}, {@code customer} and {@code team} are the values of the due
     * input in each of the zones it may be written in.
     */
    record QuickChoice(String key, String day, String at, String me, String customer, String team) {}

    /** The zones a due time may be written in. */
    private record Zones(ZoneId me, ZoneId customer, ZoneId team) {}

    private static final int COUNT_CAP = 100;

    private final PromiseDesk promises;
    private final PromiseQueries queries;
    private final CaseQueries cases;
    private final CustomerQueries customers;
    private final AgentQueries agents;
    private final CalendarQueries calendars;
    private final Clock clock;
    private final CaseAccess access;
    private final ReplyChannels replyChannels;

    PromiseController(
            PromiseDesk promises,
            PromiseQueries queries,
            CaseQueries cases,
            CustomerQueries customers,
            AgentQueries agents,
            CalendarQueries calendars,
            Clock clock,
            CaseAccess access,
            ReplyChannels replyChannels) {
        this.replyChannels = replyChannels;
        this.access = access;
        this.promises = promises;
        this.queries = queries;
        this.cases = cases;
        this.customers = customers;
        this.agents = agents;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping("/cases/{number}/promises")
    String panel(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var c = byNumber(number);
        var customer = customers.get(c.people().customerId());
        var evidence = new ArrayList<>(cases.timeline(c.id()).stream()
                .filter(e -> e.kind() == EntryKind.REPLY || e.kind() == EntryKind.CALL || e.kind() == EntryKind.NOTE)
                .toList());
        Collections.reverse(evidence);
        model.addAttribute("c", c);
        model.addAttribute("promises", queries.ofCase(c.id()));
        model.addAttribute("customerZone", customer.timeZone());
        model.addAttribute("evidence", evidence.stream().limit(10).toList());
        // The message that goes with a new time goes out like a reply: on a channel that delivers.
        var options = replyChannels.optionsFor(c);
        model.addAttribute("replyChannels", options.delivers() ? options.deliverable() : List.of(options.preferred()));
        zones(c, customer.timeZone(), me, model);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "mayActOnAll", access.scopeOf(me).supervises(c.people().teamId()));
        return "promise/panel :: panel";
    }

    /**
     * The reply composer's list of the case's open promises, each with a tick box "this reply keeps
     * it"; the ticks sent with the request stay ticked.
     */
    @GetMapping("/cases/{number}/promises/to-keep")
    String toKeep(
            @PathVariable long number,
            @RequestParam(name = "promise.keeps", required = false) List<String> keeps,
            Model model) {
        var c = byNumber(number);
        model.addAttribute("promises", queries.unsettledOfCase(c.id()));
        model.addAttribute(
                "keeps",
                keeps == null
                        ? Set.of()
                        : keeps.stream()
                                .filter(k -> !k.isBlank())
                                .map(k -> Ids.parse(k, "promise.keeps"))
                                .collect(Collectors.toSet()));
        return "promise/composer :: to-keep";
    }

    /** What stops a case from ending, with a way to settle each: shown with the refusal to resolve. */
    @GetMapping("/cases/{number}/promises/unsettled")
    String unsettled(@PathVariable long number, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var c = byNumber(number);
        model.addAttribute("promises", queries.unsettledOfCase(c.id()));
        model.addAttribute(
                "mayActOnAll", access.scopeOf(me).supervises(c.people().teamId()));
        return "promise/panel :: unsettled";
    }

    /** A promise row for the composer, blank or filled from a suggestion. */
    @GetMapping("/cases/{number}/promises/draft")
    String draft(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(required = false) String due,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var c = byNumber(number);
        model.addAttribute("description", description);
        model.addAttribute("due", due == null ? "" : due);
        zones(c, customers.get(c.people().customerId()).timeZone(), me, model);
        model.addAttribute("rowId", "draft-" + UUID.randomUUID());
        return "promise/composer :: draft";
    }

    @PostMapping("/cases/{number}/promises")
    void make(
            @PathVariable long number,
            @RequestParam(name = "promise.description", defaultValue = "") String description,
            @RequestParam(name = "promise.dueAt", defaultValue = "") String due,
            @RequestParam(name = "promise.dueZone", defaultValue = "") String dueZone,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var c = byNumber(number);
        if (due.isBlank()) {
            throw new InvalidInputException("promise.dueAt", "say by when it is due");
        }
        promises.make(
                new MakePromise(c.id(), description, localDue(DueTime.written(due, dueZone), me), null, null),
                me.actor());
        changed(c.number(), request, response);
    }

    @PostMapping("/promises/{id}/keep")
    void keep(
            @PathVariable UUID id,
            @Text.MultiLine @RequestParam(defaultValue = "") String note,
            @RequestParam(required = false) String entryId,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var kept = promises.keep(
                new PromiseId(id),
                entryId == null || entryId.isBlank() ? null : Ids.parse(entryId, "entryId"),
                note,
                me.actor());
        changed(kept.supportCase().number(), request, response);
    }

    @PostMapping("/promises/{id}/renegotiate")
    void renegotiate(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String dueAt,
            @RequestParam(defaultValue = "") String dueAtZone,
            @Text.MultiLine @RequestParam(defaultValue = "") String message,
            @RequestParam(defaultValue = "EMAIL") Channel channel,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (dueAt.isBlank()) {
            throw new InvalidInputException("dueAt", "say the new time agreed with the customer");
        }
        var after = promises.renegotiate(
                new PromiseId(id), localDue(DueTime.written(dueAt, dueAtZone), me), message, channel, me.actor());
        changed(after.supportCase().number(), request, response);
    }

    @PostMapping("/promises/{id}/release")
    void release(
            @PathVariable UUID id,
            @Text.MultiLine @RequestParam(defaultValue = "") String note,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var released = promises.release(new PromiseId(id), note, me.actor());
        changed(released.supportCase().number(), request, response);
    }

    /** "My promises", "At risk", "Broken": an agent's own, a supervisor's team's with {@code scope=team}. */
    @GetMapping("/promises")
    String list(
            @RequestParam(defaultValue = "mine") String view,
            @RequestParam(defaultValue = "me") String scope,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var teams = me.isAtLeast(Role.SUPERVISOR)
                ? agents.teamsOf(me.id()).stream().map(TeamView::id).toList()
                : List.<TeamId>of();
        boolean team = scope.equals("team") && !teams.isEmpty();
        var owners = team ? null : List.of(me.id());
        var teamIds = team ? teams : null;
        var query = switch (view) {
            case "at-risk" ->
                new Query(
                        List.of(PromiseState.OPEN, PromiseState.RENEGOTIATED),
                        owners,
                        teamIds,
                        null,
                        null,
                        clock.instant());
            case "broken" -> new Query(List.of(PromiseState.BROKEN), owners, teamIds, null, null);
            case "mine" -> new Query(List.copyOf(PromiseState.UNSETTLED), owners, teamIds, null, null);
            default -> throw new InvalidInputException("view", "must be mine, at-risk or broken");
        };
        var visibleTo = access.scopeOf(me);
        var page = queries.list(query, visibleTo, cursor, PageSize.MAX);
        model.addAttribute("view", view);
        model.addAttribute("scope", team ? "team" : "me");
        model.addAttribute("canSeeTeam", !teams.isEmpty());
        model.addAttribute("page", page);
        model.addAttribute("now", clock.instant());
        model.addAttribute(
                "counts",
                List.of(
                        queries.count(
                                new Query(List.copyOf(PromiseState.UNSETTLED), owners, teamIds, null, null),
                                visibleTo,
                                COUNT_CAP),
                        queries.count(
                                new Query(
                                        List.of(PromiseState.OPEN, PromiseState.RENEGOTIATED),
                                        owners,
                                        teamIds,
                                        null,
                                        null,
                                        clock.instant()),
                                visibleTo,
                                COUNT_CAP),
                        queries.count(
                                new Query(List.of(PromiseState.BROKEN), owners, teamIds, null, null),
                                visibleTo,
                                COUNT_CAP)));
        model.addAttribute("cap", COUNT_CAP);
        return "promise/list";
    }

    /**
     * The zones a due time may be written in (the agent's, the customer's, the team's) and the quick
     * choices, for the due inputs of the composer and the panel.
     */
    private void zones(CaseView c, ZoneId customerZone, SignedInAgent me, Model model) {
        var calendar = calendars.of(c.people().teamId());
        model.addAttribute("customerZone", customerZone);
        model.addAttribute("teamZone", calendar.zone());
        model.addAttribute("quick", quickChoices(calendar, me.zone(), customerZone));
    }

    /**
     * Counted from the clock's now in the team calendar's zone, whatever the agent's zone: "end of
     * today" is the team's next close and "tomorrow" the close of the business day after it, so the
     * two never fall on one day; each is named by the day it really is in the team's zone.
     */
    List<QuickChoice> quickChoices(BusinessCalendar calendar, ZoneId me, ZoneId customer) {
        var now = clock.instant();
        var zone = calendar.zone();
        var today = now.atZone(zone).toLocalDate();
        var endOfDay = calendar.endOfBusinessDayAt(now);
        var nextDay = calendar.endOfNextBusinessDayAt(now);
        var zones = new Zones(me, customer, zone);
        return List.of(
                choice("promise.quick.twoHours", "", now.plus(Duration.ofHours(2)), zones),
                closeChoice(endOfDay, today, zones),
                closeChoice(nextDay, today, zones),
                choice(
                        "promise.quick.fiveDays",
                        "",
                        calendar.endOfBusinessDay(calendar.plusBusinessDays(today, 5)),
                        zones));
    }

    private QuickChoice closeChoice(Instant close, LocalDate today, Zones zones) {
        var day = close.atZone(zones.team()).toLocalDate();
        if (day.equals(today)) {
            return choice("promise.quick.endOfDay", "", close, zones);
        }
        if (day.equals(today.plusDays(1))) {
            return choice("promise.quick.tomorrow", "", close, zones);
        }
        var weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale());
        return choice("promise.quick.endOf", weekday, close, zones);
    }

    private static QuickChoice choice(String key, String day, Instant at, Zones zones) {
        var inTeamZone = DateTimeFormatter.ofPattern("EEE HH:mm", LocaleContextHolder.getLocale())
                .format(at.atZone(zones.team()));
        return new QuickChoice(
                key, day, inTeamZone, input(at, zones.me()), input(at, zones.customer()), input(at, zones.team()));
    }

    private static String input(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static void changed(long caseNumber, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Htmx.changed(request, response, "/cases/" + caseNumber, "case-changed", "promises-changed");
    }

    private static Instant localDue(String text, SignedInAgent me) {
        return DueTime.parse(text, me.zone(), "dueAt");
    }

    private CaseView byNumber(long number) {
        return cases.getByNumber(number, access.current());
    }
}
