package org.followthrough.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Ids;

/**
 * One contact or event in a case's timeline. Never changed once written. New entries are made by
 * the factory named after their kind ({@link #reply}, {@link #call}, {@link #event}, ...), which
 * fills in what that kind always is: a reply is shown to the customer, a note and an event never.
 */
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
        Instant createdAt,
        NotDelivered notDelivered) {

    /** A message from the customer (or someone on their thread), shown to them. */
    public static TimelineEntry inbound(CaseId caseId, Actor from, Channel channel, String body, Instant at) {
        return contact(caseId, EntryKind.INBOUND, from, channel, true, body, null, null, at);
    }

    /** A reply to the customer, shown to them. */
    public static TimelineEntry reply(CaseId caseId, Actor by, Channel channel, String body, Instant at) {
        return contact(caseId, EntryKind.REPLY, by, channel, true, body, null, null, at);
    }

    /** A reply recorded on the case that did not go out to the customer, and why. */
    public static TimelineEntry undeliveredReply(
            CaseId caseId, Actor by, Channel channel, String body, NotDelivered why, Instant at) {
        return new TimelineEntry(
                Ids.newId(), caseId, EntryKind.REPLY, by, channel, true, body, null, null, null, null, at, why);
    }

    /** Whether this reply was recorded without reaching the customer. */
    public boolean undelivered() {
        return notDelivered != null;
    }

    /** A phone call and what was said, for agents. */
    public static TimelineEntry call(
            CaseId caseId, Actor by, CallDirection direction, Duration duration, String summary, Instant at) {
        return contact(caseId, EntryKind.CALL, by, Channel.PHONE, false, summary, direction, duration, at);
    }

    /** An internal note, never shown to the customer. */
    public static TimelineEntry note(CaseId caseId, Actor by, String body, Instant at) {
        return contact(caseId, EntryKind.NOTE, by, Channel.INTERNAL, false, body, null, null, at);
    }

    /** Something that happened to the case ({@code opened}, {@code status_changed}, ...), for agents. */
    public static TimelineEntry event(CaseId caseId, String type, Map<String, Object> data, Actor by, Instant at) {
        return new TimelineEntry(
                Ids.newId(),
                caseId,
                EntryKind.EVENT,
                by,
                Channel.INTERNAL,
                false,
                "",
                null,
                null,
                type,
                data,
                at,
                null);
    }

    private static TimelineEntry contact(
            CaseId caseId,
            EntryKind kind,
            Actor author,
            Channel channel,
            boolean visibleToCustomer,
            String body,
            CallDirection direction,
            Duration duration,
            Instant at) {
        return new TimelineEntry(
                Ids.newId(),
                caseId,
                kind,
                author,
                channel,
                visibleToCustomer,
                body,
                direction,
                duration,
                null,
                null,
                at,
                null);
    }
}
