package org.followthrough.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import org.followthrough.identity.AgentDesk;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Each agent's own page: their time zone and their password. */
@Controller
class ProfileController {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/"))
            .sorted()
            .toList();

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final MessageSource messages;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    ProfileController(AgentDesk agents, AgentQueries agentQueries, MessageSource messages) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.messages = messages;
    }

    @GetMapping("/profile")
    String profile(@AuthenticationPrincipal SignedInAgent me, Model model) {
        return page(me, model, null, null);
    }

    @PostMapping("/profile/time-zone")
    String changeTimeZone(
            @RequestParam String timeZone,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            var updated = agents.changeTimeZone(me.id(), ProfileApiController.zone(timeZone), me.actor());
            // The session's principal carries the zone every page shows times in: replace it now.
            var principal = SignedInAgent.of(updated);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    principal,
                    null,
                    List.of(new SimpleGrantedAuthority(principal.role().authority()))));
            SecurityContextHolder.setContext(context);
            sessions.saveContext(context, request, response);
            return "redirect:/profile?saved";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(me, model, "timeZone", text("profile.error.timeZone"));
        }
    }

    @PostMapping("/profile/password")
    String changePassword(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            @AuthenticationPrincipal SignedInAgent me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            if (!newPassword.equals(confirmPassword)) {
                throw new InvalidInputException("confirmPassword", "does not match the new password");
            }
            agents.changeOwnPassword(currentPassword, newPassword, request.getRemoteAddr(), me.actor());
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(me, model, e.field(), fieldMessage(e));
        } catch (TooManyAttemptsException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            return page(
                    me,
                    model,
                    "currentPassword",
                    text("profile.error.blocked", TooManyAttemptsException.minutes(e.retryAfter())));
        }
        // A new password ends every session of this agent, this one too: sign in with it.
        SecurityContextHolder.clearContext();
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login?passwordChanged";
    }

    private String page(SignedInAgent me, Model model, String field, String error) {
        model.addAttribute("agent", agentQueries.get(me.id()));
        model.addAttribute("zones", ZONES);
        model.addAttribute("errorField", field);
        model.addAttribute("error", error);
        return "identity/profile";
    }

    /** The policy's refusals, said for people; anything else as the domain said it. */
    private String fieldMessage(InvalidInputException e) {
        var problem = e.getMessage().substring(e.field().length()).strip();
        var key = "profile.error." + e.field();
        return messages.getMessage(key, new Object[] {problem}, problem, LocaleContextHolder.getLocale());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
