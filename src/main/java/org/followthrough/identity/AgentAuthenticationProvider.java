package org.followthrough.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs agents in by email and password. The principal kept in the session carries no password
 * hash; an unknown email costs the same hashing work as a wrong password, so timing tells nothing.
 */
@Component
class AgentAuthenticationProvider implements AuthenticationProvider {

    private final Agents agents;
    private final PasswordEncoder passwords;
    private final String unknownUserHash;

    AgentAuthenticationProvider(Agents agents, PasswordEncoder passwords) {
        this.agents = agents;
        this.passwords = passwords;
        this.unknownUserHash = passwords.encode("no such agent, no such password");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var email = String.valueOf(authentication.getPrincipal());
        var password = String.valueOf(authentication.getCredentials());
        var agent = agents.findByEmail(email).filter(Agent::active);
        var hash = agent.flatMap(a -> agents.passwordHashOf(a.id())).orElse(unknownUserHash);
        if (!passwords.matches(password, hash) || agent.isEmpty()) {
            throw new BadCredentialsException("Wrong email or password");
        }
        var principal = SignedInAgent.of(agent.get());
        return UsernamePasswordAuthenticationToken.authenticated(
                principal, null, SecurityConfiguration.authorities(principal.role()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
