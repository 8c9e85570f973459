package org.followthrough.cases.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.followthrough.cases.CallDirection;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseDesk.CaseChanges;
import org.followthrough.cases.CaseDesk.OpenCase;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.cases.Composer;
import org.followthrough.cases.EntryKind;
import org.followthrough.cases.Priority;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.MergePatch;
import org.followthrough.platform.PageSize;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Text;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Cases")
@RequestMapping("/api/v1")
class CaseApiController {

    private static final Set<String> CHANGEABLE = Set.of("status", "ownerId", "priority", "tags", "teamId", "subject");

    private final CaseDesk desk;
    private final CaseQueries queries;
    private final CaseAccess access;

    CaseApiController(CaseDesk desk, CaseQueries queries, CaseAccess access) {
        this.desk = desk;
        this.queries = queries;
        this.access = access;
    }

    /** The customer of a new case when the caller has no id for them: found by email, else created. */
    record InlineCustomer(String name, String email) {}

    /** A new case. Exactly one of {@code customerId} and {@code customer} names who it is for. */
    record NewCase(
            UUID customerId,
            InlineCustomer customer,
            String subject,

            @Schema(description = "The customer's first message") @Text.MultiLine
            String body,

            @Schema(
                    allowableValues = {"email", "phone", "portal", "chat", "api", "in_person"},
                    defaultValue = "api")
            String channel,

            @Schema(
                    allowableValues = {"low", "normal", "high", "urgent"},
                    defaultValue = "normal")
            String priority,

            UUID teamId,
            UUID ownerId,
            List<String> tags) {}

    /** The fields a merge patch of a case may carry. */
    record CaseChangesBody(
            @Schema(
                    allowableValues = {
                        "new",
                        "open",
                        "waiting_on_customer",
                        "waiting_on_third_party",
                        "resolved",
                        "closed"
                    })
            String status,

            UUID ownerId,

            @Schema(allowableValues = {"low", "normal", "high", "urgent"})
            String priority,

            List<String> tags,
            UUID teamId,
            String subject) {}

    /**
     * A timeline entry to add. {@code note}: body. {@code reply}: body, channel (one that delivers to
     * the customer; by default the one they last used), status to leave the case in, recordUndelivered to
     * record it even when that channel does not deliver. {@code call}: direction, durationSeconds, summary (or body). {@code inbound}:
     * body, channel (default api).
     */
    record NewEntry(
            @Schema(
                    allowableValues = {"note", "reply", "call", "inbound"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String kind,

            @Text.MultiLine String body,
            String channel,
            String status,

            @Schema(allowableValues = {"inbound", "outbound"})
            String direction,

            Integer durationSeconds,
            @Text.MultiLine String summary,

            @Schema(
                    description = "reply only: record the reply even when its channel does not deliver to the"
                            + " customer; the entry then says it was not delivered and why")
            Boolean recordUndelivered) {}

    /** A status of the lifecycle, its category and where a case may move from it. */
    record StatusResponse(String status, String category, boolean active, List<String> next) {}

    /** A list without pages. */
    record Items<T>(List<T> items) {}

    @PostMapping("/cases")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Open a case",
            description =
                    "Give customerId, or customer {name, email} to find "
                            + "the customer by email or create them; the customer and the case are saved together or not at all.")
    ResponseEntity<CaseResponse> open(@RequestBody NewCase body, @AuthenticationPrincipal SignedInAgent agent) {
        if ((body.customerId() == null) == (body.customer() == null)) {
            throw new InvalidInputException("customerId", "or customer is required, but not both");
        }
        var command = new OpenCase(
                CustomerId.of(body.customerId()),
                body.subject(),
                body.body(),
                ApiNames.parse(Channel.class, "channel", body.channel()),
                ApiNames.parse(Priority.class, "priority", body.priority()),
                TeamId.of(body.teamId()),
                AgentId.of(body.ownerId()),
                tags(body.tags()));
        var opened = body.customer() == null
                ? desk.open(command, agent.actor())
                : openForSender(body.customer(), command, agent);
        var location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(opened.id().value())
                .toUri();
        return ResponseEntity.created(location).body(CaseResponse.of(opened));
    }

    private CaseView openForSender(InlineCustomer customer, OpenCase command, SignedInAgent agent) {
        try {
            return desk.openForSender(customer.name(), customer.email(), command, agent.actor());
        } catch (InvalidInputException e) {
            // Only the customer's part of the request has these fields; name them where the client put them.
            if (e.field().equals("email") || e.field().equals("name")) {
                throw new InvalidInputException(
                        "customer." + e.field(),
                        e.getMessage().substring(e.field().length() + 1));
            }
            throw e;
        }
    }

    @GetMapping("/cases")
    @Operation(summary = "List cases, most recent activity first", description = "Keyset-paginated; filters combine.")
    Slice<CaseResponse> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal SignedInAgent agent) {
        var filter = new CaseQueries.Filter(
                ApiNames.parse(CaseStatus.class, "status", status),
                active,
                AgentId.of(ownerId),
                TeamId.of(teamId),
                CustomerId.of(customerId),
                tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(Locale.ROOT));
        return queries.list(filter, access.scopeOf(agent), cursor, PageSize.of(limit))
                .map(CaseResponse::of);
    }

    @GetMapping("/cases/{id}")
    @Operation(summary = "Get a case")
    CaseResponse get(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        return CaseResponse.of(queries.get(new CaseId(id), access.scopeOf(agent)));
    }

    @GetMapping("/cases/by-number/{number}")
    @Operation(summary = "Get a case by its number (#1042 is 1042)")
    CaseResponse byNumber(@PathVariable long number, @AuthenticationPrincipal SignedInAgent agent) {
        return CaseResponse.of(queries.getByNumber(number, access.scopeOf(agent)));
    }

    @PatchMapping(
            path = "/cases/{id}",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Change a case (JSON merge patch)",
            description = "Only the fields present change; null empties tags. An illegal status move is a 409; "
                    + "an agent may not take a case away from a colleague (403), a supervisor may.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CaseChangesBody.class))))
    CaseResponse change(
            @PathVariable UUID id, @RequestBody JsonNode body, @AuthenticationPrincipal SignedInAgent agent) {
        var patch = MergePatch.of(body, CHANGEABLE);
        var tags = patch.texts("tags");
        var changes = new CaseChanges(
                patch.text("subject"),
                patch.oneOf("status", CaseStatus.class),
                AgentId.of(patch.uuid("ownerId")),
                patch.oneOf("priority", Priority.class),
                tags == null ? null : tags(tags),
                TeamId.of(patch.uuid("teamId")));
        return CaseResponse.of(desk.change(new CaseId(id), changes, agent.actor()));
    }

    @PostMapping("/cases/{id}/entries")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a note, reply, call or customer message to a case's timeline")
    ResponseEntity<EntryResponse> addEntry(
            @PathVariable UUID id, @RequestBody NewEntry body, @AuthenticationPrincipal SignedInAgent agent) {
        var kind = kind(body.kind());
        var caseId = new CaseId(id);
        TimelineEntry entry = switch (kind) {
            case NOTE -> {
                onlyFields(body, kind, "body");
                yield desk.note(caseId, body.body(), agent.actor());
            }
            case REPLY -> {
                onlyFields(body, kind, "body", "channel", "status", "recordUndelivered");
                yield desk.sendReply(
                        caseId,
                        body.body(),
                        ApiNames.parse(Channel.class, "channel", body.channel()),
                        ApiNames.parse(CaseStatus.class, "status", body.status()),
                        Composer.NONE,
                        Boolean.TRUE.equals(body.recordUndelivered()),
                        agent.actor());
            }
            case CALL -> {
                onlyFields(body, kind, "direction", "durationSeconds", "summary", "body");
                if (body.summary() != null && body.body() != null) {
                    throw new InvalidInputException("summary", "or body may be given, not both");
                }
                var direction = ApiNames.parse(CallDirection.class, "direction", body.direction());
                if (direction == null) {
                    throw new InvalidInputException("direction", "must be inbound or outbound");
                }
                if (body.durationSeconds() == null) {
                    throw new InvalidInputException("durationSeconds", "is required");
                }
                yield desk.logCall(
                        caseId,
                        direction,
                        Duration.ofSeconds(body.durationSeconds()),
                        body.summary() != null ? body.summary() : body.body(),
                        agent.actor());
            }
            case INBOUND -> {
                onlyFields(body, kind, "body", "channel");
                queries.get(caseId, access.scopeOf(agent));
                yield desk.recordInbound(
                        caseId, body.body(), ApiNames.parse(Channel.class, "channel", body.channel()), agent.actor());
            }
            case EVENT -> throw new IllegalStateException("events are recorded, never posted");
        };
        return ResponseEntity.status(HttpStatus.CREATED).body(EntryResponse.of(entry));
    }

    @GetMapping("/cases/{id}/entries")
    @Operation(
            summary = "A case's timeline, oldest first",
            description = "visibleToCustomer=true gives what the customer sees, false only the internal entries.")
    Items<EntryResponse> timeline(
            @PathVariable UUID id,
            @RequestParam(required = false) Boolean visibleToCustomer,
            @AuthenticationPrincipal SignedInAgent agent) {
        var caseId = new CaseId(id);
        queries.get(caseId, access.scopeOf(agent));
        var entries = Boolean.TRUE.equals(visibleToCustomer)
                ? queries.customerVisibleTimeline(caseId)
                : queries.timeline(caseId).stream()
                        .filter(e -> visibleToCustomer == null || !e.visibleToCustomer())
                        .toList();
        return new Items<>(entries.stream().map(EntryResponse::of).toList());
    }

    @GetMapping("/case-statuses")
    @Operation(summary = "The case lifecycle: each status, its category and the statuses it may move to")
    Items<StatusResponse> statuses() {
        return new Items<>(Arrays.stream(CaseStatus.values())
                .map(s -> new StatusResponse(
                        ApiNames.of(s),
                        ApiNames.of(s.category()),
                        s.isActive(),
                        s.next().stream().map(ApiNames::of).toList()))
                .toList());
    }

    private static EntryKind kind(String text) {
        var kinds = "note, reply, call, inbound";
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("kind", "is required: one of " + kinds);
        }
        try {
            var kind = EntryKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (kind != EntryKind.EVENT) {
                return kind;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidInputException("kind", "must be one of " + kinds);
    }

    /** Refuses fields that mean nothing for this kind of entry rather than silently dropping them. */
    private static void onlyFields(NewEntry body, EntryKind kind, String... allowed) {
        var given = new LinkedHashMap<String, Object>();
        given.put("body", body.body());
        given.put("channel", body.channel());
        given.put("status", body.status());
        given.put("direction", body.direction());
        given.put("durationSeconds", body.durationSeconds());
        given.put("summary", body.summary());
        given.put("recordUndelivered", body.recordUndelivered());
        var permitted = Set.of(allowed);
        given.forEach((field, value) -> {
            if (value != null && !permitted.contains(field)) {
                throw new InvalidInputException(field, "is not a field of a " + ApiNames.of(kind));
            }
        });
    }

    private static Set<String> tags(List<String> tags) {
        return tags == null ? null : new LinkedHashSet<>(tags);
    }
}
