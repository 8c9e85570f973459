package org.followthrough.macros.web;

import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseStatus;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.macros.Macro;
import org.followthrough.macros.MacroActions;
import org.followthrough.macros.MacroDesk;
import org.followthrough.macros.MacroId;
import org.followthrough.macros.MacroQueries;
import org.followthrough.macros.MacroScope;
import org.followthrough.macros.MacroView;
import org.followthrough.macros.Placeholders;
import org.followthrough.macros.PromiseDue;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Text;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The macro pages: the list an agent maintains (their own, and the shared ones for supervisors and
 * admins), the form, and the composer's picker, which fills a macro in for the case being answered.
 */
@Controller
class MacroController {

    private static final int PICKER_SIZE = 8;

    private final MacroDesk desk;
    private final MacroQueries queries;
    private final AgentQueries agents;

    MacroController(MacroDesk desk, MacroQueries queries, AgentQueries agents) {
        this.desk = desk;
        this.queries = queries;
        this.agents = agents;
    }

    /** The form's fields as typed, so a refused form comes back as it was sent. */
    record MacroForm(
            String id,
            String title,
            @Text.MultiLine String body,
            String scope,
            String sharedWithTeamId,
            String status,
            String addTags,
            String moveToTeamId,
            String promiseDescription,
            String promiseDueKind,
            String promiseDueAmount) {

        static MacroForm empty() {
            return new MacroForm(null, "", "", "PERSONAL", "", "", "", "", "", "", "1");
        }

        static MacroForm of(MacroView m) {
            var promise = m.actions().promise();
            return new MacroForm(
                    m.id().toString(),
                    m.title(),
                    m.body(),
                    m.scope().name(),
                    m.sharedWith() == null ? "" : m.sharedWith().id().toString(),
                    m.actions().status() == null ? "" : m.actions().status().name(),
                    String.join(", ", m.addTags()),
                    m.movesTo() == null ? "" : m.movesTo().id().toString(),
                    promise == null ? "" : promise.description(),
                    promise == null ? "" : promise.due().kind().name(),
                    promise == null || !promise.due().kind().counted()
                            ? "1"
                            : Integer.toString(promise.due().amount()));
        }

        Macro.Content content() {
            return new Macro.Content(
                    title,
                    body,
                    new MacroActions(
                            blank(status) ? null : named(CaseStatus.class, "status", status),
                            tags(addTags),
                            team("moveToTeamId", moveToTeamId),
                            MacroActions.MacroPromise.of(promiseDescription, due())));
        }

        MacroScope chosenScope() {
            return "SHARED".equals(scope) ? MacroScope.SHARED : MacroScope.PERSONAL;
        }

        TeamId sharedWith() {
            return chosenScope() == MacroScope.SHARED ? team("sharedWithTeamId", sharedWithTeamId) : null;
        }

        private String due() {
            if (blank(promiseDueKind)) {
                return null;
            }
            var kind = named(PromiseDue.Kind.class, "promiseDue", promiseDueKind);
            return kind.counted()
                    ? kind + ":" + (blank(promiseDueAmount) ? "" : promiseDueAmount.strip())
                    : kind.name();
        }

        private static TeamId team(String field, String text) {
            return blank(text) ? null : new TeamId(Ids.parse(text, field));
        }

        private static Set<String> tags(String text) {
            return blank(text)
                    ? Set.of()
                    : Arrays.stream(text.split(",")).map(String::strip).collect(Collectors.toSet());
        }

        private static <E extends Enum<E>> E named(Class<E> type, String field, String text) {
            try {
                return Enum.valueOf(type, text.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, "is not one of the choices offered");
            }
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    @GetMapping("/macros")
    String list(
            @RequestParam(defaultValue = "false") boolean archived,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        model.addAttribute("macros", queries.manageable(me, archived));
        model.addAttribute("archived", archived);
        model.addAttribute("maintainsShared", me.isAtLeast(Role.SUPERVISOR));
        return "macros/list";
    }

    @GetMapping("/macros/new")
    String create(@AuthenticationPrincipal SignedInAgent me, Model model) {
        return form(MacroForm.empty(), null, null, me, model);
    }

    @GetMapping("/macros/{id}/edit")
    String edit(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var macro = queries.find(new MacroId(id))
                .filter(m -> maintains(m, me))
                .orElseThrow(() -> new NotFoundException("Macro", id));
        return form(MacroForm.of(macro), null, null, me, model);
    }

    @PostMapping("/macros")
    String write(@ModelAttribute MacroForm form, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            desk.write(form.chosenScope(), form.content(), form.sharedWith(), me.actor());
            return "redirect:/macros?saved";
        } catch (InvalidInputException e) {
            return form(form, e.getMessage(), e.field(), me, model);
        } catch (ForbiddenException e) {
            return form(form, e.getMessage(), "scope", me, model);
        }
    }

    @PostMapping("/macros/{id}")
    String revise(
            @PathVariable UUID id,
            @ModelAttribute MacroForm form,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        queries.find(new MacroId(id))
                .filter(m -> maintains(m, me))
                .orElseThrow(() -> new NotFoundException("Macro", id));
        try {
            desk.revise(new MacroId(id), form.content(), form.sharedWith(), me.actor());
            return "redirect:/macros?saved";
        } catch (InvalidInputException e) {
            return form(form, e.getMessage(), e.field(), me, model);
        } catch (ConflictException e) {
            return form(form, e.getMessage(), null, me, model);
        }
    }

    @PostMapping("/macros/{id}/archive")
    String archive(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        desk.archive(new MacroId(id), me.actor());
        return "redirect:/macros";
    }

    @PostMapping("/macros/{id}/restore")
    String restore(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        desk.restore(new MacroId(id), me.actor());
        return "redirect:/macros?archived=true";
    }

    /** The composer's picker: the macros the agent may use, filtered as they type. */
    @GetMapping("/cases/{number}/macros")
    String picker(
            @PathVariable long number,
            @RequestParam(defaultValue = "") String q,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        Text.singleLine("q", q);
        model.addAttribute("number", number);
        model.addAttribute("q", q);
        model.addAttribute("macros", queries.available(me.id(), q, PICKER_SIZE));
        return "macros/picker :: picks";
    }

    /** A macro filled in for the case: the composer puts its text and actions in its fields. */
    @PostMapping("/cases/{number}/macros/{id}")
    String fill(
            @PathVariable long number, @PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me, Model model) {
        var filled = desk.apply(new MacroId(id), number, me.actor());
        model.addAttribute("filled", filled);
        // The composer's due input takes local time in the agent's zone, as its quick choices do.
        model.addAttribute(
                "promiseDue",
                filled.promise() == null
                        ? ""
                        : filled.promise()
                                .dueAt()
                                .atZone(me.zone())
                                .toLocalDateTime()
                                .truncatedTo(ChronoUnit.MINUTES)
                                .toString());
        return "macros/picker :: filled";
    }

    private String form(MacroForm form, String error, String errorField, SignedInAgent me, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("errorField", errorField);
        model.addAttribute("maintainsShared", me.isAtLeast(Role.SUPERVISOR));
        model.addAttribute("teams", agents.teams());
        model.addAttribute("statuses", MacroActions.STATUSES.stream().sorted().toList());
        model.addAttribute("dueKinds", List.of(PromiseDue.Kind.values()));
        model.addAttribute("placeholders", Placeholders.KNOWN);
        return "macros/form";
    }

    private boolean maintains(MacroView macro, SignedInAgent me) {
        return macro.scope() == MacroScope.PERSONAL ? me.id().equals(macro.ownerId()) : me.isAtLeast(Role.SUPERVISOR);
    }
}
