package org.followthrough.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The contacts on a case's timeline: replies, calls and notes of agents, messages of customers, and
 * events other modules record. Reached through {@link CaseDesk}, in its transactions.
 */
@Component
class CaseConversation {

    private static final Duration MAX_CALL = Duration.ofHours(24);

    /**
     * How a reply's channel was picked: as given (jobs, other modules, the demo), or by an agent,
     * who may send only on a channel that delivers unless they say to record the reply all the same.
     */
    enum ChannelChoice {
        AS_GIVEN,
        AGENT,
        AGENT_RECORDING_UNDELIVERED
    }

    private final CaseWrites writes;
    private final Timeline timeline;
    private final CustomerQueries customers;
    private final CaseAccess access;
    private final AuditLog audit;
    private final Clock clock;
    private final ReplyChannels replyChannels;
    // Looked up when used: their implementations in other modules use the desk themselves.
    private final ObjectProvider<EntryFollowUp> followUps;

    CaseConversation(
            CaseWrites writes,
            Timeline timeline,
            CustomerQueries customers,
            CaseAccess access,
            AuditLog audit,
            Clock clock,
            ReplyChannels replyChannels,
            ObjectProvider<EntryFollowUp> followUps) {
        this.writes = writes;
        this.timeline = timeline;
        this.customers = customers;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.replyChannels = replyChannels;
        this.followUps = followUps;
    }

    /**
     * See {@link CaseDesk#reply(CaseId, String, Channel, CaseStatus, Composer, Actor)} and
     * {@link CaseDesk#sendReply}.
     */
    TimelineEntry reply(
            CaseId id,
            String text,
            Channel channel,
            CaseStatus then,
            Composer composer,
            ChannelChoice choice,
            Actor by) {
        var supportCase = writes.lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var before = supportCase.snapshot();
        var body = CaseWrites.validBody(text, "body", false);
        if (channel == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "a reply goes to the customer; use a note for internal text");
        }
        var recipient = new ReplyDelivery.Recipient(supportCase.id(), supportCase.customerId(), supportCase.teamId());
        var via = choice == ChannelChoice.AS_GIVEN
                ? (channel == null ? Channel.EMAIL : channel)
                : replyChannels.choose(
                        recipient, supportCase.channel(), channel, choice == ChannelChoice.AGENT_RECORDING_UNDELIVERED);
        if (supportCase.ownerId() == null) {
            supportCase.assignTo(new AgentId(by.id()), now);
        }
        boolean reopening = !supportCase.status().isActive();
        if (reopening) {
            supportCase.changeStatus(CaseStatus.OPEN, now);
        }
        // Whoever calls, a reply that does not reach the customer is never recorded as if it had.
        var notDelivered = replyChannels.blockedFor(recipient, via);
        var entry = writes.append(
                notDelivered.isPresent()
                        ? TimelineEntry.undeliveredReply(supportCase.id(), by, via, body, notDelivered.get(), now)
                        : TimelineEntry.reply(supportCase.id(), by, via, body, now));
        if (reopening) {
            // Follow-ups read the case: a promise made in this reply must find it open again.
            writes.update(supportCase, now);
        }
        followUp(entry, composer, by);
        if (then != null) {
            writes.mayEnd(supportCase, then);
            supportCase.changeStatus(then, now);
        }
        supportCase.touch(now);
        writes.save(supportCase, before, by, now);
        return entry;
    }

    /** See {@link CaseDesk#logCall(CaseId, CallDirection, Duration, String, Composer, Actor)}. */
    TimelineEntry logCall(
            CaseId id, CallDirection direction, Duration duration, String summary, Composer composer, Actor by) {
        var supportCase = writes.lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var before = supportCase.snapshot();
        if (direction == null) {
            throw new InvalidInputException("direction", "must be INBOUND or OUTBOUND");
        }
        if (duration == null || duration.isNegative() || duration.compareTo(MAX_CALL) > 0) {
            throw new InvalidInputException("durationSeconds", "must be between 0 and 86400");
        }
        var body = CaseWrites.validBody(summary, "summary", false);
        if (supportCase.ownerId() == null) {
            supportCase.assignTo(new AgentId(by.id()), now);
        }
        var entry = writes.append(TimelineEntry.call(supportCase.id(), by, direction, duration, body, now));
        followUp(entry, composer, by);
        supportCase.touch(now);
        writes.save(supportCase, before, by, now);
        return entry;
    }

    /** See {@link CaseDesk#note(CaseId, String, Actor)}. */
    TimelineEntry note(CaseId id, String text, Actor by) {
        var supportCase = writes.lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var body = CaseWrites.validBody(text, "body", false);
        var entry = writes.append(TimelineEntry.note(supportCase.id(), by, body, now));
        audit.record(by, "case", id.value(), "note_added", null, Map.of("entry", entry.id()));
        return entry;
    }

    /** See {@link CaseDesk#recordInbound(CaseId, Actor, String, Channel, boolean, Actor)}. */
    TimelineEntry recordInbound(CaseId id, Actor from, String text, Channel channel, boolean wakes, Actor recordedBy) {
        var supportCase = writes.lock(id);
        var now = clock.instant();
        var before = supportCase.snapshot();
        var body = CaseWrites.validBody(text, "body", false);
        if (channel == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "must be a channel customers use, not INTERNAL");
        }
        if (from == null) {
            var customer = customers.get(supportCase.customerId());
            from = Actor.customer(customer.id().value(), customer.name());
        }
        var entry = writes.append(
                TimelineEntry.inbound(supportCase.id(), from, channel == null ? Channel.API : channel, body, now));
        if (wakes
                && supportCase.ownerId() != null
                && (supportCase.status() == CaseStatus.WAITING_ON_CUSTOMER
                        || !supportCase.status().isActive())) {
            supportCase.changeStatus(CaseStatus.OPEN, now);
        }
        if (wakes) {
            supportCase.touch(now);
        }
        writes.save(supportCase, before, recordedBy, now);
        return entry;
    }

    /** See {@link CaseDesk#recordEvent(CaseId, String, Map, Actor)}. */
    TimelineEntry recordEvent(CaseId id, String type, Map<String, Object> data, Actor by) {
        return writes.append(TimelineEntry.event(id, type, data, by, clock.instant()));
    }

    Optional<TimelineEntry> entry(CaseId id, UUID entryId) {
        return timeline.find(id, entryId);
    }

    /** The modules that act on what else the composer held; they run in this transaction. */
    private void followUp(TimelineEntry entry, Composer composer, Actor by) {
        var filled = composer == null ? Composer.NONE : composer;
        followUps.orderedStream().forEach(f -> f.entryAdded(entry, filled, by));
    }
}
