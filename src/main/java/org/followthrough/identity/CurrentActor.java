package org.followthrough.identity;

import org.followthrough.platform.Actor;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting in this request: the signed-in agent or token, else the system itself (start-up, jobs). */
final class CurrentActor {

    private CurrentActor() {}

    static Actor get() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInAgent agent) {
            return agent.actor();
        }
        return Actor.SYSTEM;
    }
}
