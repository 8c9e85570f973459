package org.followthrough.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.ApiNames;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Agents and teams")
@RequestMapping("/api/v1")
class AgentApiController {

    private final AgentQueries agents;

    AgentApiController(AgentQueries agents) {
        this.agents = agents;
    }

    /** An agent: someone cases can be assigned to ({@code ownerId}) when active. */
    record AgentResponse(UUID id, String email, String displayName, String role, String timeZone, boolean active) {

        static AgentResponse of(AgentView a) {
            return new AgentResponse(
                    a.id().value(),
                    a.email(),
                    a.displayName(),
                    ApiNames.of(a.role()),
                    a.timeZone().getId(),
                    a.active());
        }
    }

    record TeamResponse(UUID id, String name) {

        static TeamResponse of(TeamView t) {
            return new TeamResponse(t.id().value(), t.name());
        }
    }

    record Items<T>(List<T> items) {}

    @GetMapping("/agents")
    @Operation(summary = "The agents of this desk, active ones first")
    Items<AgentResponse> agents() {
        return new Items<>(agents.all().stream().map(AgentResponse::of).toList());
    }

    @GetMapping("/teams")
    @Operation(summary = "The teams of this desk")
    Items<TeamResponse> teams() {
        return new Items<>(agents.teams().stream().map(TeamResponse::of).toList());
    }
}
