package org.followthrough.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.SignInThrottle;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.ApiNames;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.MergePatch;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The calling agent's own profile, and admins lifting an agent's sign-in back-off. */
@RestController
@Tag(name = "Agents and teams")
@RequestMapping("/api/v1")
class ProfileApiController {

    private static final Set<String> CHANGEABLE = Set.of("timeZone", "currentPassword", "newPassword");

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final SignInThrottle throttle;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ProfileApiController(
            AgentDesk agents,
            AgentQueries agentQueries,
            SignInThrottle throttle,
            TransactionTemplate transaction,
            Clock clock) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.throttle = throttle;
        this.transaction = transaction;
        this.clock = clock;
    }

    record MeResponse(UUID id, String email, String displayName, String role, String timeZone) {

        static MeResponse of(AgentView a) {
            return new MeResponse(
                    a.id().value(),
                    a.email(),
                    a.displayName(),
                    ApiNames.of(a.role()),
                    a.timeZone().getId());
        }
    }

    /** What PATCH /me accepts; a new password needs the current one. */
    record MeChanges(String timeZone, String currentPassword, String newPassword) {}

    record LockoutResponse(int failures, Instant blockedUntil, boolean blocked) {}

    @GetMapping("/me")
    @Operation(summary = "The agent this token acts as")
    MeResponse me(@AuthenticationPrincipal SignedInAgent me) {
        return MeResponse.of(agentQueries.get(me.id()));
    }

    @PatchMapping(
            path = "/me",
            consumes = {"application/merge-patch+json", "application/json"})
    @Operation(
            summary = "Change your own time zone or password (JSON merge patch)",
            description = "A new password (newPassword) needs the current one (currentPassword); it must have "
                    + "12 to 1024 characters, not be a common password and not contain your email address. "
                    + "A wrong currentPassword counts as a failed sign-in: after several, 429 with Retry-After. "
                    + "A new password ends every console session of the agent.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = MeChanges.class))))
    MeResponse change(
            @RequestBody JsonNode body, @AuthenticationPrincipal SignedInAgent me, HttpServletRequest request) {
        var patch = MergePatch.of(body, CHANGEABLE);
        for (var field : CHANGEABLE) {
            if (patch.removes(field)) {
                throw new InvalidInputException(field, "cannot be cleared");
            }
        }
        var zone = patch.has("timeZone") ? zone(patch.text("timeZone")) : null;
        var current = patch.text("currentPassword");
        var fresh = patch.text("newPassword");
        if (fresh == null && current != null) {
            throw new InvalidInputException("newPassword", "is required with currentPassword");
        }
        if (fresh != null) {
            // First, and in its own transaction: a wrong current password must stay counted.
            agents.changeOwnPassword(current, fresh, request.getRemoteAddr(), me.actor());
        }
        if (zone != null) {
            transaction.executeWithoutResult(status -> agents.changeTimeZone(me.id(), zone, me.actor()));
        }
        return MeResponse.of(agentQueries.get(me.id()));
    }

    @GetMapping("/agents/{id}/lockout")
    @Operation(summary = "An agent's failed sign-ins since their last success, and whether they are blocked (admins)")
    LockoutResponse lockout(@PathVariable UUID id) {
        var agent = agentQueries.get(new AgentId(id));
        var lockout = throttle.lockout(agent);
        return new LockoutResponse(lockout.failures(), lockout.blockedUntil(), lockout.blockedAt(clock.instant()));
    }

    @DeleteMapping("/agents/{id}/lockout")
    @Operation(summary = "Lift an agent's sign-in back-off now (admins)")
    ResponseEntity<Void> lift(@PathVariable UUID id) {
        throttle.lift(agentQueries.get(new AgentId(id)));
        return ResponseEntity.noContent().build();
    }

    static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
    }
}
