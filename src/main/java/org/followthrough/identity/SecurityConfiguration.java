package org.followthrough.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Every route needs a role unless it is deliberately public. Three chains: the bearer-token API,
 * the actuator (health public, metrics for admins and tokens), and the console with sign-in and CSRF.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    /**
     * New passwords are hashed with Argon2id; hashes made earlier with bcrypt still verify and are
     * replaced at the next sign-in (ADR 005).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        var encoders = new HashMap<String, PasswordEncoder>();
        encoders.put(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder(ARGON2, encoders);
    }

    private static final String ARGON2 = "argon2";

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN")
                .implies("SUPERVISOR")
                .role("SUPERVISOR")
                .implies("AGENT")
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle, Clock clock)
            throws Exception {
        return http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/mailboxes/**")
                        .hasRole("ADMIN")
                        // Sign-in lockouts: admins only.
                        .requestMatchers("/api/v1/agents/*/lockout")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .hasRole("AGENT"))
                .addFilterBefore(new ApiTokenFilter(tokens, throttle, clock), AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> writeProblem(
                                response,
                                401,
                                "Unauthorized",
                                "Send an API token as 'Authorization: Bearer <token>'.",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, ex) -> writeProblem(
                                response,
                                403,
                                "Forbidden",
                                "This token's agent may not do this.",
                                request.getRequestURI())))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, ApiTokens tokens, SignInThrottle throttle, Clock clock)
            throws Exception {
        return http.securityMatcher("/actuator/**", "/v3/api-docs", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**")
                        .hasRole("AGENT")
                        .anyRequest()
                        .hasRole("ADMIN"))
                .addFilterBefore(new ApiTokenFilter(tokens, throttle, clock), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> writeProblem(
                        response,
                        401,
                        "Unauthorized",
                        "Sign in, or send an API token as 'Authorization: Bearer <token>'.",
                        request.getRequestURI())))
                .build();
    }

    /**
     * A received email's formatted body, shown in a sandboxed frame of the case page: the page sets
     * its own policy (nothing runs, nothing remote loads unasked), and only this origin may frame it.
     */
    @Bean
    @Order(3)
    SecurityFilterChain mailFrames(HttpSecurity http) throws Exception {
        return http.securityMatcher("/mail/messages/*/html")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("AGENT"))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> response.sendError(401)))
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(
                        auth -> auth.requestMatchers("/login", "/assets/**", "/webjars/**", "/favicon.ico", "/error")
                                .permitAll()
                                .requestMatchers("/admin/**")
                                .hasRole("ADMIN")
                                .requestMatchers("/reports/**")
                                .hasRole("SUPERVISOR")
                                .anyRequest()
                                .hasRole("AGENT"))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        // Backed off: the sign-in page says when to try again.
                        .failureHandler((request, response, ex) -> {
                            SignInAttempt.remember(request);
                            response.sendRedirect(request.getContextPath()
                                    + (ex instanceof AgentAuthenticationProvider.BlockedException blocked
                                            ? "/login?retryAt="
                                                    + blocked.reason().retryAt().getEpochSecond()
                                            : "/login?error"));
                        })
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    static List<GrantedAuthority> authorities(Role role) {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    static void writeProblem(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail.replace("\"", "'") + "\",\"instance\":\"" + instance.replace("\"", "") + "\"}");
    }
}
