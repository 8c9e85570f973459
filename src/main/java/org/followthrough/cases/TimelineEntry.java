package org.followthrough.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.followthrough.platform.Actor;

/** One contact or event in a case's timeline. Never changed once written. */
public record TimelineEntry(
        UUID id,
        CaseId caseId,
        EntryKind kind,
        Actor author,
        Channel channel,
        boolean visibleToCustomer,
        String body,
        CallDirection callDirection,
        Duration callDuration,
        String eventType,
        Map<String, Object> eventData,
        Instant createdAt) {}
