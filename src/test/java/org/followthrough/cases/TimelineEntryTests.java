package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.platform.Actor;
import org.junit.jupiter.api.Test;

class TimelineEntryTests {

    private static final CaseId CASE = new CaseId(UUID.randomUUID());
    private static final Actor ANN = Actor.agent(UUID.randomUUID(), "Ann");
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void eachKindOfEntryIsShownToTheCustomerOrNotAsItsKindSays() {
        var reply = TimelineEntry.reply(CASE, ANN, Channel.EMAIL, "We are on it.", NOW);
        var inbound = TimelineEntry.inbound(CASE, ANN, Channel.PORTAL, "Thanks", NOW);
        var call = TimelineEntry.call(CASE, ANN, CallDirection.OUTBOUND, Duration.ofMinutes(4), "Called", NOW);
        var note = TimelineEntry.note(CASE, ANN, "Internal", NOW);
        var event = TimelineEntry.event(CASE, "opened", Map.of("number", 7), ANN, NOW);

        assertThat(List.of(reply, inbound, call, note, event))
                .extracting(TimelineEntry::kind, TimelineEntry::channel, TimelineEntry::visibleToCustomer)
                .containsExactly(
                        tuple(EntryKind.REPLY, Channel.EMAIL, true),
                        tuple(EntryKind.INBOUND, Channel.PORTAL, true),
                        tuple(EntryKind.CALL, Channel.PHONE, false),
                        tuple(EntryKind.NOTE, Channel.INTERNAL, false),
                        tuple(EntryKind.EVENT, Channel.INTERNAL, false));
        assertThat(call.callDirection()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(call.callDuration()).isEqualTo(Duration.ofMinutes(4));
        assertThat(event.eventType()).isEqualTo("opened");
        assertThat(event.body()).isEmpty();
        assertThat(reply.id()).isNotEqualTo(note.id());
    }
}
