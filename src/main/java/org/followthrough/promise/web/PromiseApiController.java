package org.followthrough.promise.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.Channel;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Text;
import org.followthrough.promise.CommitmentDetector;
import org.followthrough.promise.PromiseDesk;
import org.followthrough.promise.PromiseDesk.MakePromise;
import org.followthrough.promise.PromiseId;
import org.followthrough.promise.PromiseQueries;
import org.followthrough.promise.PromiseState;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Promises")
@RequestMapping("/api/v1")
class PromiseApiController {

    private static final int MAX_DETECT = 100_000;

    private final PromiseDesk promises;
    private final PromiseQueries queries;
    private final CaseQueries cases;
    private final CommitmentDetector detector;
    private final CalendarQueries calendars;
    private final AgentQueries agents;
    private final Clock clock;
    private final CaseAccess access;

    PromiseApiController(
            PromiseDesk promises,
            PromiseQueries queries,
            CaseQueries cases,
            CommitmentDetector detector,
            CalendarQueries calendars,
            AgentQueries agents,
            Clock clock,
            CaseAccess access) {
        this.access = access;
        this.promises = promises;
        this.queries = queries;
        this.cases = cases;
        this.detector = detector;
        this.calendars = calendars;
        this.agents = agents;
        this.clock = clock;
    }

    /** A promise to record on a case. */
    record NewPromise(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What was promised, in a sentence")
            String description,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "When it is due, with an offset")
            OffsetDateTime dueAt,

            @Schema(description = "Who answers for it; the case owner when absent")
            UUID ownerId,

            @Schema(description = "The timeline entry (reply, call) in which it was made")
            UUID madeInEntryId) {}

    /** Evidence that a promise was kept: the entry that fulfilled it, or a note saying how. */
    record Keep(UUID entryId, @Text.MultiLine String note) {}

    /** A new due time and the message that tells the customer, sent as a reply on the case. */
    record Renegotiate(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            OffsetDateTime dueAt,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Text.MultiLine
            String message,

            @Schema(
                    allowableValues = {"email", "portal", "chat"},
                    defaultValue = "email")
            String channel) {}

    /** Why the customer no longer needs it. */
    record Release(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Text.MultiLine
            String note) {}

    record Items<T>(List<T> items) {}

    /** Text to read for commitments: when it was written, and in which time zone its times are meant. */
    record Detect(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Text.MultiLine
            String text,

            @Schema(description = "IANA time zone of the customer, default UTC")
            String timeZone,

            @Schema(description = "When the text was written, default now")
            OffsetDateTime at,

            @Schema(description = "Whose working hours 'business days' and 'end of day' mean; default Mon-Fri 9-17")
            UUID teamId) {}

    record CommitmentResponse(String sentence, String duePhrase, Instant dueAt, double confidence) {}

    @PostMapping("/cases/{id}/promises")
    @Operation(
            summary = "Record a promise made to the case's customer",
            description = "Its owner is reminded before it falls due and it is marked broken if the due time "
                    + "passes while it is open. A case cannot be resolved while it has unsettled promises.")
    ResponseEntity<PromiseResponse> make(
            @PathVariable UUID id, @RequestBody NewPromise body, @AuthenticationPrincipal SignedInAgent agent) {
        var made = promises.make(
                new MakePromise(
                        new CaseId(id),
                        body.description(),
                        body.dueAt() == null ? null : body.dueAt().toInstant(),
                        AgentId.of(body.ownerId()),
                        body.madeInEntryId()),
                agent.actor());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/promises/{id}")
                .buildAndExpand(made.id().value())
                .toUri();
        return ResponseEntity.created(location).body(PromiseResponse.of(made));
    }

    @GetMapping("/cases/{id}/promises")
    @Operation(summary = "A case's promises, in the order they were made")
    Items<PromiseResponse> ofCase(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        var caseId = new CaseId(id);
        cases.get(caseId, access.scopeOf(agent));
        return new Items<>(
                queries.ofCase(caseId).stream().map(PromiseResponse::of).toList());
    }

    @GetMapping("/promises/{id}")
    @Operation(summary = "A promise, with every change of its due time")
    PromiseResponse get(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        var promiseId = new PromiseId(id);
        return PromiseResponse.of(queries.get(promiseId, access.scopeOf(agent)), queries.dueChanges(promiseId));
    }

    @GetMapping("/promises")
    @Operation(
            summary = "Promises by due time",
            description = "Keyset-paginated. state takes a comma-separated list (open, renegotiated, broken, kept, "
                    + "released); dueBefore an instant with offset.")
    Slice<PromiseResponse> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) UUID caseId,
            @RequestParam(required = false) OffsetDateTime dueBefore,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal SignedInAgent agent) {
        var states = new ArrayList<PromiseState>();
        if (state != null && !state.isBlank()) {
            Arrays.stream(state.split(","))
                    .map(s -> ApiNames.parse(PromiseState.class, "state", s))
                    .filter(Objects::nonNull)
                    .forEach(states::add);
        }
        var query = new PromiseQueries.Query(
                states,
                ownerId == null ? null : List.of(new AgentId(ownerId)),
                null,
                dueBefore == null ? null : dueBefore.toInstant(),
                caseId == null ? null : new CaseId(caseId));
        return queries.list(query, access.scopeOf(agent), cursor, PageSize.of(limit))
                .map(PromiseResponse::of);
    }

    @PostMapping("/promises/detect")
    @Operation(
            summary = "Find commitments in a text",
            description = "The detector the composer uses: each sentence that commits the writer to something, with "
                    + "its due time when the text names one, and a confidence. Also for history imported from other "
                    + "tools. Negations, questions, offers, conditions nobody committed to and quoted customer text "
                    + "are left out.")
    Items<CommitmentResponse> detect(@RequestBody Detect body) {
        if (body.text() == null) {
            throw new InvalidInputException("text", "is required");
        }
        if (body.text().length() > MAX_DETECT) {
            throw new InvalidInputException("text", "must have at most " + MAX_DETECT + " characters");
        }
        ZoneId zone;
        try {
            zone = body.timeZone() == null || body.timeZone().isBlank() ? ZoneOffset.UTC : ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
        var at = body.at() == null ? clock.instant() : body.at().toInstant();
        var calendar = body.teamId() == null
                ? BusinessCalendar.standard(zone)
                : calendars.of(agents.findTeam(new TeamId(body.teamId()))
                        .orElseThrow(() -> new InvalidInputException("teamId", "is not a team"))
                        .id());
        return new Items<>(detector.detect(body.text(), zone, at, calendar).stream()
                .map(c -> new CommitmentResponse(c.sentence(), c.duePhrase(), c.dueAt(), c.confidence()))
                .toList());
    }

    @PostMapping("/promises/{id}/keep")
    @Operation(summary = "Mark a promise kept, with its evidence (entryId or note)")
    PromiseResponse keep(@PathVariable UUID id, @RequestBody Keep body, @AuthenticationPrincipal SignedInAgent agent) {
        return PromiseResponse.of(promises.keep(new PromiseId(id), body.entryId(), body.note(), agent.actor()));
    }

    @PostMapping("/promises/{id}/renegotiate")
    @Operation(
            summary = "Agree a new due time with the customer",
            description = "The message is sent to the customer as a reply on the case, in the same transaction.")
    PromiseResponse renegotiate(
            @PathVariable UUID id, @RequestBody Renegotiate body, @AuthenticationPrincipal SignedInAgent agent) {
        var channel = ApiNames.parse(Channel.class, "channel", body.channel());
        return PromiseResponse.of(promises.renegotiate(
                new PromiseId(id),
                body.dueAt() == null ? null : body.dueAt().toInstant(),
                body.message(),
                channel,
                agent.actor()));
    }

    @PostMapping("/promises/{id}/release")
    @Operation(summary = "Release a promise the customer no longer needs, with a note")
    PromiseResponse release(
            @PathVariable UUID id, @RequestBody Release body, @AuthenticationPrincipal SignedInAgent agent) {
        return PromiseResponse.of(promises.release(new PromiseId(id), body.note(), agent.actor()));
    }
}
