package org.followthrough.cases.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.platform.ApiNames;

/**
 * One entry of a case's timeline: a message, reply, call, note or recorded event. {@code notDelivered}
 * is set on a reply recorded without reaching the customer, and says why ({@code no_address}, ...).
 */
record EntryResponse(
        UUID id,
        String kind,
        String authorType,
        UUID authorId,
        String authorName,
        String channel,
        boolean visibleToCustomer,
        String body,
        String callDirection,
        Long callDurationSeconds,
        String eventType,
        Map<String, Object> eventData,
        Instant createdAt,
        String notDelivered) {

    static EntryResponse of(TimelineEntry e) {
        return new EntryResponse(
                e.id(),
                ApiNames.of(e.kind()),
                ApiNames.of(e.author().type()),
                e.author().id(),
                e.author().name(),
                ApiNames.of(e.channel()),
                e.visibleToCustomer(),
                e.body(),
                ApiNames.of(e.callDirection()),
                e.callDuration() == null ? null : e.callDuration().toSeconds(),
                e.eventType(),
                e.eventData(),
                e.createdAt(),
                ApiNames.of(e.notDelivered()));
    }
}
