package org.followthrough.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.followthrough.platform.TooManyAttemptsException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests; a bad token is refused at once, and
 * an address that sent too many bad ones is refused every token for a while (429, Retry-After).
 */
class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final SignInThrottle throttle;
    private final Clock clock;

    ApiTokenFilter(ApiTokens tokens, SignInThrottle throttle, Clock clock) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        var address = request.getRemoteAddr();
        try {
            throttle.refuseTokensIfBlocked(address);
        } catch (TooManyAttemptsException e) {
            tooMany(request, response, e);
            return;
        }
        var agent = tokens.authenticate(header.substring(7).strip());
        if (agent.isEmpty()) {
            var blocked = throttle.tokenFailed(address);
            if (blocked.isPresent()) {
                var until = blocked.get();
                tooMany(
                        request,
                        response,
                        new TooManyAttemptsException(until, Duration.between(clock.instant(), until)));
                return;
            }
            SecurityConfiguration.writeProblem(
                    response, 401, "Unauthorized", "The API token is unknown or revoked.", request.getRequestURI());
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                agent.get(), null, SecurityConfiguration.authorities(agent.get().role())));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void tooMany(HttpServletRequest request, HttpServletResponse response, TooManyAttemptsException e)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        SecurityConfiguration.writeProblem(
                response,
                429,
                "Too Many Requests",
                "Too many bad API tokens from this address; try again after " + e.retryAt() + ".",
                request.getRequestURI());
    }
}
