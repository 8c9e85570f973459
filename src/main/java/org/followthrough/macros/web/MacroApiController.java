package org.followthrough.macros.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.macros.AppliedMacro;
import org.followthrough.macros.Macro;
import org.followthrough.macros.MacroActions;
import org.followthrough.macros.MacroDesk;
import org.followthrough.macros.MacroId;
import org.followthrough.macros.MacroQueries;
import org.followthrough.macros.MacroScope;
import org.followthrough.macros.MacroView;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Macros")
@RequestMapping("/api/v1")
class MacroApiController {

    private final MacroDesk desk;
    private final MacroQueries queries;
    private final CaseQueries cases;
    private final CaseAccess access;

    MacroApiController(MacroDesk desk, MacroQueries queries, CaseQueries cases, CaseAccess access) {
        this.desk = desk;
        this.queries = queries;
        this.cases = cases;
        this.access = access;
    }

    /** A macro as written or revised; the same fields as the console's macro form. */
    record MacroRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What agents search for")
            String title,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The reply text; placeholders like {{customer.first_name}} are filled per case")
            @Text.MultiLine
            String body,

            @Schema(description = "personal (default) or shared; sharing needs a supervisor or admin")
            String scope,

            @Schema(description = "A shared macro seen only by this team's members")
            UUID sharedWithTeamId,

            @Schema(
                    description =
                            "waiting_on_customer, waiting_on_third_party or resolved, set when the reply goes out")
            String status,

            Set<String> addTags,

            @Schema(description = "The team the case moves to")
            UUID moveToTeamId,

            @Schema(description = "A promise the reply makes; placeholders allowed")
            String promiseDescription,

            @Schema(description = "END_OF_TODAY, END_OF_NEXT_BUSINESS_DAY, BUSINESS_HOURS:n or BUSINESS_DAYS:n")
            String promiseDue) {

        Macro.Content content() {
            return new Macro.Content(
                    title,
                    body,
                    new MacroActions(
                            ApiNames.parse(CaseStatus.class, "status", status),
                            addTags,
                            TeamId.of(moveToTeamId),
                            MacroActions.MacroPromise.of(promiseDescription, promiseDue)));
        }

        MacroScope scopeOrPersonal() {
            var parsed = ApiNames.parse(MacroScope.class, "scope", scope);
            return parsed == null ? MacroScope.PERSONAL : parsed;
        }
    }

    record Fill(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            UUID caseId) {}

    record Items<T>(List<T> items) {}

    record MacroResponse(
            UUID id,
            String title,
            @Text.MultiLine String body,
            String scope,
            UUID ownerId,
            UUID sharedWithTeamId,
            String sharedWithTeamName,
            String status,
            List<String> addTags,
            UUID moveToTeamId,
            String promiseDescription,
            String promiseDue,
            long usedCount,
            Instant updatedAt,
            boolean archived) {

        static MacroResponse of(MacroView m) {
            var promise = m.actions().promise();
            return new MacroResponse(
                    m.id().value(),
                    m.title(),
                    m.body(),
                    ApiNames.of(m.scope()),
                    m.ownerId() == null ? null : m.ownerId().value(),
                    m.sharedWith() == null ? null : m.sharedWith().id().value(),
                    m.sharedWith() == null ? null : m.sharedWith().name(),
                    m.actions().status() == null
                            ? null
                            : ApiNames.of(m.actions().status()),
                    m.addTags(),
                    m.movesTo() == null ? null : m.movesTo().id().value(),
                    promise == null ? null : promise.description(),
                    promise == null ? null : promise.due().toString(),
                    m.usage().count(),
                    m.updatedAt(),
                    m.archived());
        }
    }

    record FilledResponse(
            UUID macroId,
            @Text.MultiLine String body,
            String status,
            List<String> addTags,
            UUID moveToTeamId,
            String promiseDescription,
            Instant promiseDueAt) {

        static FilledResponse of(AppliedMacro a) {
            return new FilledResponse(
                    a.id().value(),
                    a.body(),
                    a.status() == null ? null : ApiNames.of(a.status()),
                    a.addTags(),
                    a.movesTo() == null ? null : a.movesTo().id().value(),
                    a.promise() == null ? null : a.promise().description(),
                    a.promise() == null ? null : a.promise().dueAt());
        }
    }

    @GetMapping("/macros")
    @Operation(
            summary = "The macros you may use",
            description = "Your personal macros and the shared ones for everyone or your teams, most used first; "
                    + "q filters by words in the title or text.")
    Items<MacroResponse> list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal SignedInAgent me) {
        Text.singleLine("q", q);
        return new Items<>(queries.available(me.id(), q, PageSize.of(limit)).stream()
                .map(MacroResponse::of)
                .toList());
    }

    @GetMapping("/macros/{id}")
    @Operation(summary = "One macro you may use or maintain")
    MacroResponse get(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        return MacroResponse.of(visible(id, me));
    }

    /** A macro the agent may use, or maintain; any other is not found, so none leaks that it exists. */
    private MacroView visible(UUID id, SignedInAgent me) {
        return queries.find(new MacroId(id))
                .filter(m ->
                        queries.usableBy(m, me.id()) || m.scope() == MacroScope.SHARED && me.isAtLeast(Role.SUPERVISOR))
                .orElseThrow(() -> new NotFoundException("Macro", id));
    }

    @PostMapping("/macros")
    @Operation(
            summary = "Write a macro",
            description = "Personal by default. A shared macro (scope shared) needs a supervisor or admin, and may "
                    + "be limited to one team. Unknown placeholders are refused naming the field.")
    ResponseEntity<MacroResponse> create(@RequestBody MacroRequest body, @AuthenticationPrincipal SignedInAgent me) {
        var macro = desk.write(body.scopeOrPersonal(), body.content(), TeamId.of(body.sharedWithTeamId()), me.actor());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/macros/{id}")
                .buildAndExpand(macro.id().value())
                .toUri();
        return ResponseEntity.created(location).body(MacroResponse.of(macro));
    }

    @PutMapping("/macros/{id}")
    @Operation(summary = "Revise a macro", description = "Yours, or a shared one if you are a supervisor or admin.")
    MacroResponse revise(
            @PathVariable UUID id, @RequestBody MacroRequest body, @AuthenticationPrincipal SignedInAgent me) {
        visible(id, me);
        return MacroResponse.of(
                desk.revise(new MacroId(id), body.content(), TeamId.of(body.sharedWithTeamId()), me.actor()));
    }

    @PostMapping("/macros/{id}/archive")
    @Operation(summary = "Archive a macro", description = "It leaves the composer's picker until restored.")
    MacroResponse archive(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        return MacroResponse.of(desk.archive(new MacroId(id), me.actor()));
    }

    @PostMapping("/macros/{id}/restore")
    @Operation(summary = "Restore an archived macro")
    MacroResponse restore(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent me) {
        return MacroResponse.of(desk.restore(new MacroId(id), me.actor()));
    }

    @PostMapping("/macros/{id}/fill")
    @Operation(
            summary = "Fill a macro in for a case",
            description = "The text with its placeholders filled and its actions made concrete (the promise's due "
                    + "time counted in the case team's calendar). Changes nothing on the case: send the reply with "
                    + "these values to apply them.")
    FilledResponse fill(@PathVariable UUID id, @RequestBody Fill body, @AuthenticationPrincipal SignedInAgent me) {
        visible(id, me);
        if (body.caseId() == null) {
            throw new InvalidInputException("caseId", "is required");
        }
        var supportCase = cases.get(new CaseId(body.caseId()), access.scopeOf(me));
        return FilledResponse.of(desk.apply(new MacroId(id), supportCase.number(), me.actor()));
    }
}
