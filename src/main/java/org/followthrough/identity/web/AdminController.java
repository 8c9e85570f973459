package org.followthrough.identity.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.ApiTokens;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignInThrottle;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins manage the people of the desk, their teams and the API tokens integrators use. */
@Controller
class AdminController {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final ApiTokens tokens;
    private final SignInThrottle throttle;
    private final Clock clock;

    AdminController(
            AgentDesk agents, AgentQueries agentQueries, ApiTokens tokens, SignInThrottle throttle, Clock clock) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.tokens = tokens;
        this.throttle = throttle;
        this.clock = clock;
    }

    @GetMapping("/admin")
    String home() {
        return "redirect:/admin/agents";
    }

    // agents ------------------------------------------------------------------

    @GetMapping("/admin/agents")
    String agents(Model model) {
        return agentsPage(model, null);
    }

    @PostMapping("/admin/agents")
    String createAgent(
            @RequestParam String email,
            @RequestParam String displayName,
            @RequestParam Role role,
            @RequestParam(defaultValue = "UTC") String timeZone,
            @RequestParam String password,
            @RequestParam(required = false) List<UUID> teams,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        try {
            var agent = agents.create(email, displayName, role, zone(timeZone), password, me.actor());
            if (teams != null) {
                teams.forEach(team -> agents.join(new TeamId(team), agent.id(), me.actor()));
            }
            return "redirect:/admin/agents";
        } catch (InvalidInputException | ConflictException e) {
            return agentsPage(model, e.getMessage());
        }
    }

    @GetMapping("/admin/agents/{id}")
    String agent(@PathVariable UUID id, Model model) {
        return agentPage(agentQueries.get(new AgentId(id)), null, model);
    }

    @PostMapping("/admin/agents/{id}")
    String updateAgent(
            @PathVariable UUID id,
            @RequestParam String displayName,
            @RequestParam Role role,
            @RequestParam String timeZone,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(defaultValue = "") String password,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var agentId = new AgentId(id);
        try {
            agents.update(agentId, displayName, role, zone(timeZone), active, password, me.actor());
            return "redirect:/admin/agents";
        } catch (InvalidInputException | ConflictException e) {
            return agentPage(agentQueries.get(agentId), e.getMessage(), model);
        }
    }

    /** Lifts an agent's sign-in back-off after too many wrong passwords. */
    @PostMapping("/admin/agents/{id}/unlock")
    String unlock(@PathVariable UUID id) {
        throttle.lift(agentQueries.get(new AgentId(id)));
        return "redirect:/admin/agents/" + id;
    }

    private String agentsPage(Model model, String error) {
        var all = agentQueries.all();
        model.addAttribute("agents", all);
        model.addAttribute(
                "teamsByAgent",
                all.stream()
                        .collect(Collectors.toMap(
                                a -> a.id(),
                                a -> agentQueries.teamsOf(a.id()).stream()
                                        .map(t -> t.name())
                                        .toList())));
        model.addAttribute("teams", agentQueries.teams());
        model.addAttribute("roles", Role.values());
        model.addAttribute("zones", ZONES);
        model.addAttribute("error", error);
        return "admin/agents";
    }

    private String agentPage(AgentView agent, String error, Model model) {
        model.addAttribute("agent", agent);
        var lockout = throttle.lockout(agent);
        model.addAttribute("lockout", lockout);
        model.addAttribute("lockoutBlocked", lockout.blockedAt(clock.instant()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("zones", ZONES);
        model.addAttribute("error", error);
        return "admin/agent";
    }

    // teams -------------------------------------------------------------------

    @GetMapping("/admin/teams")
    String teams(Model model) {
        return teamsPage(model, null);
    }

    @PostMapping("/admin/teams")
    String createTeam(@RequestParam String name, @AuthenticationPrincipal SignedInAgent me, Model model) {
        try {
            agents.createTeam(name, me.actor());
            return "redirect:/admin/teams";
        } catch (InvalidInputException | ConflictException e) {
            return teamsPage(model, e.getMessage());
        }
    }

    @PostMapping("/admin/teams/{id}")
    String updateTeam(
            @PathVariable UUID id,
            @RequestParam String name,
            @RequestParam(required = false) List<UUID> members,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        var team = new TeamId(id);
        try {
            agents.updateTeam(
                    team,
                    name,
                    members == null
                            ? List.of()
                            : members.stream().map(AgentId::new).toList(),
                    me.actor());
            return "redirect:/admin/teams";
        } catch (InvalidInputException | ConflictException e) {
            return teamsPage(model, e.getMessage());
        }
    }

    private String teamsPage(Model model, String error) {
        var teams = agentQueries.teams();
        model.addAttribute("teams", teams);
        model.addAttribute("agents", agentQueries.active());
        model.addAttribute(
                "membersByTeam",
                teams.stream()
                        .collect(Collectors.toMap(
                                t -> t.id(),
                                t -> agentQueries.membersOf(t.id()).stream()
                                        .map(AgentView::id)
                                        .toList())));
        model.addAttribute("error", error);
        return "admin/teams";
    }

    // tokens ------------------------------------------------------------------

    @GetMapping("/admin/tokens")
    String tokens(Model model) {
        return tokensPage(model, null, null);
    }

    @PostMapping("/admin/tokens")
    String issueToken(
            @RequestParam String name,
            @RequestParam UUID agentId,
            @AuthenticationPrincipal SignedInAgent me,
            Model model) {
        try {
            var issued = tokens.issue(name, new AgentId(agentId), me.id());
            return tokensPage(model, issued, null);
        } catch (InvalidInputException | ConflictException e) {
            return tokensPage(model, null, e.getMessage());
        }
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revokeToken(@PathVariable UUID id) {
        tokens.revoke(id);
        return "redirect:/admin/tokens";
    }

    private String tokensPage(Model model, ApiTokens.Issued issued, String error) {
        model.addAttribute("tokens", tokens.all());
        model.addAttribute("agents", agentQueries.active());
        model.addAttribute("issued", issued);
        model.addAttribute("error", error);
        return "admin/tokens";
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
    }
}
