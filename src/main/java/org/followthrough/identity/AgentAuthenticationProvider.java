package org.followthrough.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs agents in by email and password. The principal kept in the session carries no password
 * hash; an unknown email costs the same hashing work as a wrong password, so timing tells nothing.
 * While an account or an address is backed off (see {@link SignInThrottle}) nothing is checked at
 * all; an old bcrypt hash is replaced by an Argon2id one at the first sign-in that proves it.
 */
@Component
class AgentAuthenticationProvider implements AuthenticationProvider {

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final String unknownUserHash;

    AgentAuthenticationProvider(
            AgentDesk agents,
            AgentQueries agentQueries,
            SignInThrottle throttle,
            Clock clock,
            PasswordEncoder passwords) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.throttle = throttle;
        this.clock = clock;
        this.unknownUserHash = passwords.encode("no such agent, no such password");
    }

    /** Refused because of too many failed attempts: the sign-in page says until when. */
    static class BlockedException extends AuthenticationException {

        BlockedException(TooManyAttemptsException cause) {
            super(cause.getMessage(), cause);
        }

        TooManyAttemptsException reason() {
            return (TooManyAttemptsException) getCause();
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var email = String.valueOf(authentication.getPrincipal());
        var password = String.valueOf(authentication.getCredentials());
        var address =
                authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        try {
            throttle.refuseIfBlocked(email, address);
        } catch (TooManyAttemptsException e) {
            throw new BlockedException(e);
        }
        var agent = agentQueries.findByEmail(email).filter(AgentView::active);
        Optional<String> stored = agent.flatMap(a -> agents.passwordHashOf(a.id()));
        var hash = stored.orElse(unknownUserHash);
        if (!agents.matches(password, hash) || agent.isEmpty()) {
            var blocked = throttle.failed(email, agent.map(AgentView::id).orElse(null), address);
            if (blocked.isPresent()) {
                var until = blocked.get();
                throw new BlockedException(
                        new TooManyAttemptsException(until, Duration.between(clock.instant(), until)));
            }
            throw new BadCredentialsException("Wrong email or password");
        }
        throttle.succeeded(email);
        agents.upgradeHashIfOld(agent.get().id(), password, hash);
        var principal = SignedInAgent.of(agent.get());
        return UsernamePasswordAuthenticationToken.authenticated(
                principal, null, SecurityConfiguration.authorities(principal.role()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
