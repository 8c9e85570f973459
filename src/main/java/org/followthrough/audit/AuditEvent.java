package org.followthrough.audit;

import java.time.Instant;
import java.util.UUID;
import org.followthrough.platform.Actor;

public record AuditEvent(
        long id,
        Instant occurredAt,
        Actor actor,
        String entityType,
        UUID entityId,
        String action,
        String before,
        String after) {}
