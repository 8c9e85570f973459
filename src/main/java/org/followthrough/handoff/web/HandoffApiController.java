package org.followthrough.handoff.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.handoff.HandoffDesk;
import org.followthrough.handoff.HandoffId;
import org.followthrough.handoff.HandoffQueries;
import org.followthrough.handoff.HandoffView;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.Text;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Handoffs")
@RequestMapping("/api/v1")
class HandoffApiController {

    private final HandoffDesk handoffs;
    private final HandoffQueries queries;
    private final CaseQueries cases;
    private final CaseAccess access;

    HandoffApiController(HandoffDesk handoffs, HandoffQueries queries, CaseQueries cases, CaseAccess access) {
        this.handoffs = handoffs;
        this.queries = queries;
        this.cases = cases;
        this.access = access;
    }

    /** An offer of a case to an agent, a team, or an agent in a team. */
    record NewHandoff(
            UUID toAgentId,
            UUID toTeamId,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "What the customer needs, what was tried, what was promised")
            @Text.MultiLine
            String note) {}

    record Decline(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Text.MultiLine
            String reason) {}

    record Items<T>(List<T> items) {}

    record HandoffResponse(
            UUID id,
            UUID caseId,
            long caseNumber,
            UUID fromOwnerId,
            String fromOwnerName,
            UUID toAgentId,
            String toAgentName,
            UUID toTeamId,
            String toTeamName,
            String offeredBy,
            @Text.MultiLine String note,
            String state,
            Instant offeredAt,
            Instant answerBy,
            Instant unansweredAt,
            Instant decidedAt,
            String decidedBy,
            String declineReason) {

        static HandoffResponse of(HandoffView h) {
            var to = h.to();
            return new HandoffResponse(
                    h.id().value(),
                    h.supportCase().id().value(),
                    h.supportCase().number(),
                    h.from().id().value(),
                    h.from().name(),
                    to.agentId() == null ? null : to.agentId().value(),
                    to.agentName(),
                    to.teamId() == null ? null : to.teamId().value(),
                    to.teamName(),
                    h.offered().byName(),
                    h.note(),
                    ApiNames.of(h.state()),
                    h.offered().at(),
                    h.offered().answerBy(),
                    h.unansweredAt(),
                    h.decision().at(),
                    h.decision().byName(),
                    h.decision().declineReason());
        }
    }

    @PostMapping("/cases/{id}/handoffs")
    @Operation(
            summary = "Offer a case to another agent or team",
            description = "The owner stays accountable, promises included, until the receiver accepts. One open "
                    + "offer per case (409 otherwise). Unanswered offers alert the supervisors after the team's "
                    + "answer time in business hours.")
    ResponseEntity<HandoffResponse> offer(
            @PathVariable UUID id, @RequestBody NewHandoff body, @AuthenticationPrincipal SignedInAgent agent) {
        var handoff = handoffs.offer(
                new CaseId(id), AgentId.of(body.toAgentId()), TeamId.of(body.toTeamId()), body.note(), agent.actor());
        var location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/handoffs/{id}")
                .buildAndExpand(handoff.id().value())
                .toUri();
        return ResponseEntity.created(location).body(HandoffResponse.of(handoff));
    }

    @GetMapping("/cases/{id}/handoffs")
    @Operation(summary = "A case's handoffs, oldest first")
    Items<HandoffResponse> ofCase(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        var caseId = new CaseId(id);
        cases.get(caseId, access.scopeOf(agent));
        return new Items<>(
                queries.ofCase(caseId).stream().map(HandoffResponse::of).toList());
    }

    @GetMapping("/handoffs/{id}")
    @Operation(summary = "A handoff")
    HandoffResponse get(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        return HandoffResponse.of(queries.get(new HandoffId(id), access.scopeOf(agent)));
    }

    @PostMapping("/handoffs/{id}/accept")
    @Operation(summary = "Accept an offer: the case and its open promises become yours")
    HandoffResponse accept(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        return HandoffResponse.of(handoffs.accept(new HandoffId(id), agent.actor()));
    }

    @PostMapping("/handoffs/{id}/decline")
    @Operation(summary = "Decline an offer, saying why; the case stays with its owner")
    HandoffResponse decline(
            @PathVariable UUID id, @RequestBody Decline body, @AuthenticationPrincipal SignedInAgent agent) {
        return HandoffResponse.of(handoffs.decline(new HandoffId(id), body.reason(), agent.actor()));
    }

    @PostMapping("/handoffs/{id}/withdraw")
    @Operation(summary = "Withdraw an open offer (its owner or a supervisor)")
    HandoffResponse withdraw(@PathVariable UUID id, @AuthenticationPrincipal SignedInAgent agent) {
        return HandoffResponse.of(handoffs.withdraw(new HandoffId(id), agent.actor()));
    }
}
