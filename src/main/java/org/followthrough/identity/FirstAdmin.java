package org.followthrough.identity;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.Base64;
import org.followthrough.platform.Actor;
import org.followthrough.platform.FollowthroughProperties;
import org.followthrough.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database, creates the first admin (and, when asked, an admin API token) so that a
 * fresh install can be signed in to. A generated password is printed once and never again.
 */
@Component
class FirstAdmin implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AgentDesk agents;
    private final AgentQueries agentQueries;
    private final ApiTokens tokens;
    private final FollowthroughProperties properties;
    private final TransactionTemplate transaction;

    FirstAdmin(
            AgentDesk agents,
            AgentQueries agentQueries,
            ApiTokens tokens,
            FollowthroughProperties properties,
            TransactionTemplate transaction) {
        this.agents = agents;
        this.agentQueries = agentQueries;
        this.tokens = tokens;
        this.properties = properties;
        this.transaction = transaction;
    }

    private volatile boolean running;

    /** Before anything else that starts with the app (demo data, timers), so an admin exists first. */
    @Override
    public void start() {
        transaction.executeWithoutResult(status -> createIfEmpty());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 200;
    }

    void createIfEmpty() {
        if (!agentQueries.none()) {
            return;
        }
        var bootstrap = properties.bootstrap();
        boolean generated = bootstrap.adminPassword().isBlank();
        var password = generated ? randomPassword() : bootstrap.adminPassword();
        AgentView admin;
        try {
            admin = agents.create(
                    bootstrap.adminEmail(), "Administrator", Role.ADMIN, ZoneId.of("UTC"), password, Actor.SYSTEM);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(
                    "The first admin cannot be created from FOLLOWTHROUGH_ADMIN_EMAIL and FOLLOWTHROUGH_ADMIN_PASSWORD: "
                            + e.getMessage());
        }
        if (!bootstrap.apiToken().isBlank()) {
            tokens.issueWithSecret("Bootstrap token", admin.id(), admin.id(), bootstrap.apiToken());
        }
        if (generated) {
            // Deliberately printed, not logged: it is shown this once so the operator can sign in.
            System.out.printf(
                    "%n  Followthrough created the first admin.%n    Sign in at %s as %s with password %s%n"
                            + "  Change it after signing in; it will not be shown again.%n%n",
                    properties.baseUrl(), admin.email(), password);
        } else {
            log.info("Created the first admin {}", admin.email());
        }
    }

    private static String randomPassword() {
        var bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
