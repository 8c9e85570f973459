package org.followthrough.cases.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.BulkChange;
import org.followthrough.cases.CaseDesk.Refusal;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.Channel;
import org.followthrough.cases.InboxFilters;
import org.followthrough.cases.InboxPromiseFilter;
import org.followthrough.cases.InboxQueries;
import org.followthrough.cases.InboxSort;
import org.followthrough.cases.InboxView;
import org.followthrough.cases.Priority;
import org.followthrough.cases.SavedView;
import org.followthrough.cases.SavedViewDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.web.Htmx;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The agent's inbox: the views of the work, sorted by any column, each row with the promise it
 * owes and how long its customer has waited, and changes to many rows at once. Supervisors start
 * on their teams' broken promises, agents on their own cases.
 */
@Controller
class InboxController {

    static final int PAGE = 30;

    private final CaseQueries queries;
    private final InboxQueries inbox;
    private final CaseAccess access;
    private final CaseDesk desk;
    private final SavedViewDesk views;
    private final AgentQueries agents;

    InboxController(
            CaseQueries queries,
            InboxQueries inbox,
            CaseAccess access,
            CaseDesk desk,
            SavedViewDesk views,
            AgentQueries agents) {
        this.views = views;
        this.queries = queries;
        this.inbox = inbox;
        this.access = access;
        this.desk = desk;
        this.agents = agents;
    }

    @GetMapping("/")
    String inbox(
            @RequestParam(required = false) InboxView view,
            @RequestParam(required = false) UUID saved,
            @RequestParam(required = false) InboxSort sort,
            @RequestParam(required = false) InboxPromiseFilter promise,
            @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var viewer = queries.viewer(access.scopeOf(me));
        rows(model, view, saved, sort, promise, cursor, me, viewer);
        if (cursor != null && Htmx.wantsFragment(request)) {
            return "cases/inbox :: rows";
        }
        page(model, viewer, me);
        return "cases/inbox";
    }

    /** The rows of a built-in view or of a saved one, and the choices the page shows for them. */
    private void rows(
            Model model,
            InboxView view,
            UUID saved,
            InboxSort sort,
            InboxPromiseFilter promise,
            String cursor,
            SignedInAgent me,
            CaseQueries.Viewer viewer) {
        if (saved != null) {
            var savedView = inbox.savedView(saved, me.id());
            sort = sort == null ? InboxSort.ACTIVITY : sort;
            model.addAttribute("slice", inbox.inbox(savedView, viewer, sort, cursor, PAGE));
            model.addAttribute("saved", savedView);
            choices(model, null, sort, null);
            return;
        }
        view = view == null ? landing(me) : view;
        sort = sort == null ? defaultSort(view) : sort;
        model.addAttribute("slice", inbox.inbox(view, viewer, sort, promise, cursor, PAGE));
        choices(model, view, sort, promise);
    }

    /** A saved view: the filters of the form, by name, personal or (supervisors, admins) shared. */
    @PostMapping("/inbox/views")
    String saveView(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) boolean shared,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String promise,
            @RequestParam(required = false) String waitingHours,
            @AuthenticationPrincipal SignedInAgent me) {
        var filters = new InboxFilters(
                choice(CaseStatus.class, status, "status"),
                teamId == null || teamId.isBlank() ? null : new TeamId(uuid(teamId, "teamId")),
                ownerId == null || ownerId.isBlank() ? null : new AgentId(uuid(ownerId, "ownerId")),
                tag,
                choice(Priority.class, priority, "priority"),
                choice(Channel.class, channel, "channel"),
                choice(InboxPromiseFilter.class, promise, "promise"),
                hours(waitingHours));
        var view = views.saveView(name, shared, filters, me.actor());
        return "redirect:/?saved=" + view.id();
    }

    @PostMapping("/inbox/views/{id}/delete")
    String deleteView(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        views.deleteView(id, me.actor());
        return "redirect:/";
    }

    /**
     * The same change to the ticked rows, as one audited operation: the cases this agent may change
     * are changed, the others are listed with the reason and left as they were.
     */
    @PostMapping("/cases/bulk")
    String bulk(
            @RequestParam(name = "case", required = false) List<Long> numbers,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String priority,
            @RequestParam(required = false) String teamId,
            @RequestParam(required = false) String addTags,
            @RequestParam(required = false) String removeTags,
            @RequestParam(required = false) InboxView view,
            @RequestParam(required = false) UUID saved,
            @RequestParam(required = false) InboxSort sort,
            @RequestParam(required = false) InboxPromiseFilter promise,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            Model model) {
        var ids = new ArrayList<CaseId>();
        var unknown = new ArrayList<Refusal>();
        for (var number : numbers == null ? List.<Long>of() : numbers) {
            queries.findByNumber(number)
                    .ifPresentOrElse(
                            c -> ids.add(c.id()),
                            () -> unknown.add(new Refusal(null, number, "Case #" + number + " was not found")));
        }
        if (ids.isEmpty() && unknown.isEmpty()) {
            throw new InvalidInputException("cases", "tick at least one case");
        }
        var result = ids.isEmpty()
                ? new CaseDesk.BulkResult(null, List.of(), List.of())
                : desk.changeMany(
                        new BulkChange(
                                ids,
                                ownerId == null || ownerId.isBlank() ? null : new AgentId(uuid(ownerId, "ownerId")),
                                choice(CaseStatus.class, status, "status"),
                                choice(Priority.class, priority, "priority"),
                                teamId == null || teamId.isBlank() ? null : new TeamId(uuid(teamId, "teamId")),
                                tags(addTags),
                                tags(removeTags)),
                        me.actor());
        var refused = new ArrayList<>(unknown);
        refused.addAll(result.refused());
        model.addAttribute("changed", result.changed());
        model.addAttribute("refused", refused);
        var viewer = queries.viewer(access.scopeOf(me));
        rows(model, view, saved, sort, promise, null, me, viewer);
        if (Htmx.isRequest(request)) {
            return "cases/inbox :: bulk-answer";
        }
        page(model, viewer, me);
        return "cases/inbox";
    }

    private static InboxView landing(SignedInAgent me) {
        return me.role().includes(Role.SUPERVISOR) ? InboxView.BROKEN : InboxView.MINE;
    }

    private static InboxSort defaultSort(InboxView view) {
        return view == InboxView.BROKEN ? InboxSort.PROMISE : InboxSort.ACTIVITY;
    }

    private static void choices(Model model, InboxView view, InboxSort sort, InboxPromiseFilter promise) {
        model.addAttribute("view", view);
        model.addAttribute("sort", sort);
        model.addAttribute("promise", promise);
        model.addAttribute("views", InboxView.values());
        model.addAttribute("sorts", InboxSort.values());
        model.addAttribute("promiseFilters", InboxPromiseFilter.values());
    }

    /** A saved view as a tab: its count is capped as the built-in views' are. */
    record SavedTab(SavedView view, String count) {}

    /** The whole page: every tab with its count (each stops at the cap), and the choices of the forms. */
    private void page(Model model, CaseQueries.Viewer viewer, SignedInAgent me) {
        var counts = new EnumMap<InboxView, String>(InboxView.class);
        for (var v : InboxView.values()) {
            counts.put(v, shown(inbox.count(v, viewer)));
        }
        model.addAttribute("counts", counts);
        model.addAttribute(
                "savedTabs",
                inbox.savedViews(me.id()).stream()
                        .map(v -> new SavedTab(v, shown(inbox.count(v, viewer))))
                        .toList());
        model.addAttribute("mayShare", me.role().includes(Role.SUPERVISOR));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("agents", agents.active());
        model.addAttribute("teams", agents.teams());
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("priorities", Priority.values());
    }

    private static String shown(long count) {
        return count > CaseQueries.COUNT_CAP ? CaseQueries.COUNT_CAP + "+" : String.valueOf(count);
    }

    private static Integer hours(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("waitingHours", "must be a whole number of hours");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field,
                    "must be one of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(type.getEnumConstants())
                                            .map(Enum::name)
                                            .toList()));
        }
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not an id");
        }
    }

    private static Set<String> tags(String text) {
        var tags = new LinkedHashSet<String>();
        if (text != null) {
            for (var tag : text.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        }
        return tags;
    }

    /**
     * A view, sort or filter the inbox does not have (an old bookmark, a typo): the console page
     * with what there is, not the framework's error.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String unknownChoice(
            MethodArgumentTypeMismatchException e,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletResponse response,
            Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        // The page is drawn by this handler, which the model advice does not reach: the header needs who is signed in.
        model.addAttribute("me", me);
        var type = e.getRequiredType();
        List<String> valid = type != null && type.isEnum()
                ? Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList()
                : List.of();
        model.addAttribute("parameter", e.getName());
        model.addAttribute("value", String.valueOf(e.getValue()));
        model.addAttribute("valid", valid);
        model.addAttribute("views", InboxView.values());
        return "cases/inbox-unknown";
    }
}
