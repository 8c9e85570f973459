package org.followthrough.identity;

import java.time.Instant;
import java.util.UUID;

/** A bearer token an integrator uses; acts with the rights of its agent. Only its hash is stored. */
public record ApiToken(
        UUID id,
        String name,
        String prefix,
        AgentId agentId,
        String agentName,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
