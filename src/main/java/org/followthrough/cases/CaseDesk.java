package org.followthrough.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseEvents.CaseAssigned;
import org.followthrough.cases.CaseEvents.CaseOpened;
import org.followthrough.cases.CaseEvents.EntryAdded;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents, integrators and other modules do with cases: the module's one facade for changes.
 * Each method is one transaction: the case, its timeline entries, its audit record and its events
 * commit together or not at all. Opening a case and changing its fields and owner are done here;
 * the contacts on its timeline (replies, calls, notes, customers' messages, other modules' events)
 * by {@link CaseConversation}. Who acted is an {@link Actor}; where only an agent may act, their
 * role and teams decide what they may do ({@link CaseAccess}).
 */
@Service
public class CaseDesk {

    public static final int MAX_BODY = 100_000;

    private final Cases cases;
    private final Timeline timeline;
    private final CaseQueries queries;
    private final CustomerQueries customers;
    private final CustomerDesk customerDesk;
    private final AgentQueries agents;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CaseAccess access;
    private final CaseWrites writes;
    private final CaseBulk bulk;
    private final CaseConversation conversation;

    CaseDesk(
            Cases cases,
            Timeline timeline,
            CaseQueries queries,
            CustomerQueries customers,
            CustomerDesk customerDesk,
            AgentQueries agents,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            CaseAccess access,
            CaseWrites writes,
            CaseConversation conversation,
            CaseBulk bulk) {
        this.cases = cases;
        this.timeline = timeline;
        this.queries = queries;
        this.customers = customers;
        this.customerDesk = customerDesk;
        this.agents = agents;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.access = access;
        this.writes = writes;
        this.conversation = conversation;
        this.bulk = bulk;
    }

    /** A new case: the customer's first message and who, if anyone, owns it from the start. */
    public record OpenCase(
            CustomerId customer,
            String subject,
            String body,
            Channel channel,
            Priority priority,
            TeamId team,
            AgentId owner,
            Set<String> tags) {}

    /** Changes to a case's fields; null leaves a field as it is. */
    public record CaseChanges(
            String subject, CaseStatus status, AgentId owner, Priority priority, Set<String> tags, TeamId team) {

        public static CaseChanges status(CaseStatus status) {
            return new CaseChanges(null, status, null, null, null, null);
        }

        public static CaseChanges owner(AgentId owner) {
            return new CaseChanges(null, null, owner, null, null, null);
        }
    }

    /**
     * A case just opened, the customer's message that opened it (null when it had no text), and the
     * customer as the case was opened for them.
     */
    public record Opened(CaseView supportCase, TimelineEntry message, CustomerView customer) {}

    @Transactional
    public CaseView open(OpenCase command, Actor by) {
        if (command.customer() == null) {
            throw new InvalidInputException("customerId", "is required");
        }
        var customer = customers
                .find(command.customer())
                .orElseThrow(() -> new InvalidInputException("customerId", "is not a customer"));
        return open(customer, command, by).supportCase();
    }

    /**
     * Opens the case for a customer already in hand. Every statement here is on the hot path of
     * each new contact, so what is known is not read back.
     */
    private Opened open(CustomerView customer, OpenCase command, Actor by) {
        var now = clock.instant();
        var body = CaseWrites.validBody(command.body(), "body", true);
        var channel = command.channel() == null ? Channel.API : command.channel();
        if (channel == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "must be a channel customers use, not INTERNAL");
        }
        var owner = command.owner() == null ? null : writes.activeAgent(command.owner(), "ownerId");
        TeamView team = null;
        if (command.team() != null) {
            team = agents.findTeam(command.team())
                    .orElseThrow(() -> new InvalidInputException("teamId", "is not a team"));
        } else if (by.type() == Actor.Type.AGENT) {
            team = agents.teamsOf(new AgentId(by.id())).stream().findFirst().orElse(null);
        }
        var supportCase = SupportCase.open(
                new CaseId(Ids.newId()),
                command.subject(),
                customer.id(),
                team == null ? null : team.id(),
                command.owner(),
                command.priority(),
                channel,
                command.tags(),
                now);
        long number = cases.insert(supportCase);
        var customerActor = Actor.customer(customer.id().value(), customer.name());
        // The customer's message first: entries of one instant keep the order of their ids.
        var message =
                body.isEmpty() ? null : TimelineEntry.inbound(supportCase.id(), customerActor, channel, body, now);
        var opened = TimelineEntry.event(
                supportCase.id(), "opened", Map.of("channel", channel.name(), "number", number), by, now);
        if (message == null) {
            timeline.append(opened);
        } else {
            timeline.appendAll(List.of(message, opened));
            events.publishEvent(new EntryAdded(supportCase.id(), message.id(), EntryKind.INBOUND, customerActor, now));
        }
        var snapshot = supportCase.snapshot();
        snapshot.put("number", number);
        snapshot.put("customer", customer.id());
        audit.record(by, "case", supportCase.id().value(), "opened", null, snapshot);
        events.publishEvent(new CaseOpened(supportCase.id(), number, customer.id(), channel, by, now));
        if (supportCase.ownerId() != null) {
            events.publishEvent(new CaseAssigned(supportCase.id(), null, supportCase.ownerId(), by, now));
        }
        var people = new CaseView.People(
                customer.id(),
                customer.name(),
                supportCase.teamId(),
                team == null ? null : team.name(),
                supportCase.ownerId(),
                owner == null ? null : owner.displayName());
        var view = new CaseView(
                supportCase.id(),
                number,
                supportCase.subject(),
                supportCase.status(),
                supportCase.priority(),
                supportCase.channel(),
                List.copyOf(new TreeSet<>(supportCase.tags())),
                people,
                new CaseView.Clock(now, now, supportCase.lastActivityAt(), null, null));
        return new Opened(view, message, customer);
    }

    /**
     * Opens a case for whoever writes from this address, creating them as a customer if they are new.
     * The customer and the case are saved together or not at all. {@code command.customer()} is
     * ignored.
     */
    @Transactional
    public CaseView openForSender(String name, String email, OpenCase command, Actor by) {
        return openFromMessage(name, email, command, by).supportCase();
    }

    /** {@link #openForSender}, answering with the timeline entry of the sender's message too. */
    @Transactional
    public Opened openFromMessage(String name, String email, OpenCase command, Actor by) {
        var customer = customerDesk.findOrCreate(name, email, by);
        return open(customer, command, by);
    }

    /** An agent changes a case's fields, as far as their role and teams let them. */
    @Transactional
    public CaseView change(CaseId id, CaseChanges changes, Actor by) {
        var scope = access.scopeOf(by);
        var supportCase = writes.lockToWork(id, scope);
        var now = clock.instant();
        var before = supportCase.snapshot();
        boolean override = writes.apply(supportCase, changes, scope, now);
        writes.save(supportCase, before, by, now, override);
        return queries.get(id);
    }

    /** At most this many cases change in one bulk action: a page of the inbox and then some. */
    public static final int MAX_BULK = 100;

    /**
     * The same changes to several cases at once, from the inbox; tags are added and removed rather
     * than replaced. Null leaves a field as it is.
     */
    public record BulkChange(
            List<CaseId> cases,
            AgentId owner,
            CaseStatus status,
            Priority priority,
            TeamId team,
            Set<String> addTags,
            Set<String> removeTags) {

        public BulkChange {
            cases = cases == null ? List.of() : List.copyOf(new LinkedHashSet<>(cases));
            addTags = addTags == null ? Set.of() : Set.copyOf(addTags);
            removeTags = removeTags == null ? Set.of() : Set.copyOf(removeTags);
        }

        boolean changesNothing() {
            return owner == null
                    && status == null
                    && priority == null
                    && team == null
                    && addTags.isEmpty()
                    && removeTags.isEmpty();
        }
    }

    /** A case a bulk action left as it was, and why: the refusal a single change would have met. */
    public record Refusal(CaseId caseId, Long number, String reason) {}

    /** What a bulk action did: its id in the audit log, the cases it changed, those it refused. */
    public record BulkResult(UUID id, List<CaseView> changed, List<Refusal> refused) {}

    /**
     * One audited operation over many cases. Each case is checked exactly as a single change is
     * (after locking it); the cases the agent may change are changed, each with its usual timeline
     * entries and events, and the others are reported with the reason, untouched. One audit event
     * names every case, with each one's before and after, and the refusals.
     */
    @Transactional
    public BulkResult changeMany(BulkChange command, Actor by) {
        return bulk.changeMany(command, by);
    }

    /**
     * A handoff was accepted: the receiver owns the case from now on (and the team it was offered
     * to, if any). The handoff module has checked who may do this; runs in its transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CaseView transferOwnership(CaseId id, AgentId to, TeamId team, Actor by) {
        var supportCase = writes.lock(id);
        var now = clock.instant();
        var before = supportCase.snapshot();
        writes.activeAgent(to, "ownerId");
        supportCase.assignTo(to, now);
        if (team != null) {
            supportCase.moveToTeam(team);
        }
        supportCase.touch(now);
        writes.save(supportCase, before, by, now, false);
        return queries.get(id);
    }

    /** The agent takes an unowned case (or one they may reassign) for themselves. */
    @Transactional
    public CaseView take(CaseId id, Actor by) {
        return change(id, CaseChanges.owner(new AgentId(by.id())), by);
    }

    /** A reply to the customer, optionally setting the status it leaves the case in. */
    @Transactional
    public TimelineEntry reply(CaseId id, String text, Channel channel, CaseStatus then, Actor by) {
        return conversation.reply(id, text, channel, then, Composer.NONE, CaseConversation.ChannelChoice.AS_GIVEN, by);
    }

    /**
     * A reply written in the console's composer, with what else the agent filled in it for the
     * modules that act on it (see {@link EntryFollowUp}); they run before the status change, so a
     * promise made in a resolving reply stops the resolution. A reply to a resolved or closed case
     * reopens it, and an unowned case becomes the replying agent's.
     */
    @Transactional
    public TimelineEntry reply(CaseId id, String text, Channel channel, CaseStatus then, Composer composer, Actor by) {
        return conversation.reply(id, text, channel, then, composer, CaseConversation.ChannelChoice.AS_GIVEN, by);
    }

    /**
     * A reply an agent sends from the console or the API on the channel they chose, or when they
     * chose none the one the customer last used among those that deliver ({@link ReplyChannels}). A
     * channel that does not reach the customer is refused, naming {@code channel}, unless the agent
     * says to record the reply all the same ({@code recordUndelivered}). Whoever records a reply, one
     * that does not reach the customer says so on its entry, with why.
     */
    @Transactional
    public TimelineEntry sendReply(
            CaseId id,
            String text,
            Channel channel,
            CaseStatus then,
            Composer composer,
            boolean recordUndelivered,
            Actor by) {
        var choice = recordUndelivered
                ? CaseConversation.ChannelChoice.AGENT_RECORDING_UNDELIVERED
                : CaseConversation.ChannelChoice.AGENT;
        return conversation.reply(id, text, channel, then, composer, choice, by);
    }

    @Transactional
    public TimelineEntry logCall(CaseId id, CallDirection direction, Duration duration, String summary, Actor by) {
        return conversation.logCall(id, direction, duration, summary, Composer.NONE, by);
    }

    /** A call logged in the console's composer, with what else it held (see {@link EntryFollowUp}). */
    @Transactional
    public TimelineEntry logCall(
            CaseId id, CallDirection direction, Duration duration, String summary, Composer composer, Actor by) {
        return conversation.logCall(id, direction, duration, summary, composer, by);
    }

    /** An internal note on the case's timeline, which the customer never sees. */
    @Transactional
    public TimelineEntry note(CaseId id, String text, Actor by) {
        return conversation.note(id, text, by);
    }

    /**
     * A message from the customer on an existing case. It wakes a case waiting on the customer and
     * reopens a resolved or closed one.
     */
    @Transactional
    public TimelineEntry recordInbound(CaseId id, String text, Channel channel, Actor recordedBy) {
        return conversation.recordInbound(id, null, text, channel, true, recordedBy);
    }

    /**
     * A message on an existing case from someone on its thread: {@code from} is the customer who
     * wrote (the case's customer when null, or someone they copied in). An automatic reply (an
     * out-of-office) is recorded but does not {@code wake} the case: its status stays as it is.
     */
    @Transactional
    public TimelineEntry recordInbound(
            CaseId id, Actor from, String text, Channel channel, boolean wakes, Actor recordedBy) {
        return conversation.recordInbound(id, from, text, channel, wakes, recordedBy);
    }

    /**
     * Something another module did to a case, on its timeline for agents (never shown to the
     * customer): a promise made or broken, a handoff offered.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public TimelineEntry recordEvent(CaseId id, String type, Map<String, Object> data, Actor by) {
        return conversation.recordEvent(id, type, data, by);
    }

    /** The entry of this case with this id, if there is one. */
    public Optional<TimelineEntry> entry(CaseId id, UUID entryId) {
        return conversation.entry(id, entryId);
    }
}
