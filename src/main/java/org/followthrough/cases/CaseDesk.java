package org.followthrough.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseEvents.CaseAssigned;
import org.followthrough.cases.CaseEvents.CaseOpened;
import org.followthrough.cases.CaseEvents.CaseStatusChanged;
import org.followthrough.cases.CaseEvents.EntryAdded;
import org.followthrough.customer.CustomerDesk;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.customer.CustomerView;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents and integrators do with cases. Each method is one transaction: the case, its
 * timeline entries, its audit record and its events commit together or not at all.
 */
@Service
public class CaseDesk {

    public static final int MAX_BODY = 100_000;
    private static final Duration MAX_CALL = Duration.ofHours(24);

    private final Cases cases;
    private final Timeline timeline;
    private final CaseQueries queries;
    private final CustomerQueries customers;
    private final CustomerDesk customerDesk;
    private final AgentQueries agents;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    // Looked up when used: their implementations in other modules use this desk themselves.
    private final ObjectProvider<ResolutionGuard> guards;
    private final ObjectProvider<EntryFollowUp> followUps;
    private final CaseAccess access;

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
            ObjectProvider<ResolutionGuard> guards,
            ObjectProvider<EntryFollowUp> followUps,
            CaseAccess access) {
        this.cases = cases;
        this.timeline = timeline;
        this.queries = queries;
        this.customers = customers;
        this.customerDesk = customerDesk;
        this.agents = agents;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.guards = guards;
        this.followUps = followUps;
        this.access = access;
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
        var body = validBody(command.body(), "body", true);
        var channel = command.channel() == null ? Channel.API : command.channel();
        if (channel == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "must be a channel customers use, not INTERNAL");
        }
        var owner = command.owner() == null ? null : activeAgent(command.owner(), "ownerId");
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
        var message = body.isEmpty()
                ? null
                : new TimelineEntry(
                        Ids.newId(),
                        supportCase.id(),
                        EntryKind.INBOUND,
                        customerActor,
                        channel,
                        true,
                        body,
                        null,
                        null,
                        null,
                        null,
                        now);
        var opened =
                eventEntry(supportCase.id(), "opened", by, Map.of("channel", channel.name(), "number", number), now);
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
        return new Opened(
                new CaseView(
                        supportCase.id(),
                        number,
                        supportCase.subject(),
                        customer.id(),
                        customer.name(),
                        supportCase.teamId(),
                        team == null ? null : team.name(),
                        supportCase.ownerId(),
                        owner == null ? null : owner.displayName(),
                        supportCase.priority(),
                        supportCase.status(),
                        supportCase.channel(),
                        List.copyOf(new java.util.TreeSet<>(supportCase.tags())),
                        now,
                        now,
                        supportCase.lastActivityAt(),
                        null,
                        null),
                message,
                customer);
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

    @Transactional
    public CaseView change(CaseId id, CaseChanges changes, SignedInAgent by) {
        var scope = access.scopeOf(by);
        var supportCase = lockToWork(id, scope);
        var now = clock.instant();
        var before = supportCase.snapshot();
        var statusBefore = supportCase.status();
        if (changes.subject() != null) {
            supportCase.rename(changes.subject());
        }
        var closing = changes.status() != null && !changes.status().isActive();
        if (closing && changes.owner() == null && supportCase.ownerId() == null) {
            supportCase.ownWithoutTriage(by.id());
        }
        boolean override = false;
        if (changes.owner() != null && !changes.owner().equals(supportCase.ownerId())) {
            override = mayAssign(supportCase, scope, by);
            activeAgent(changes.owner(), "ownerId");
            supportCase.assignTo(changes.owner(), now);
        }
        if (changes.team() != null && !changes.team().equals(supportCase.teamId())) {
            agents.findTeam(changes.team()).orElseThrow(() -> new InvalidInputException("teamId", "is not a team"));
            override |= mayMoveTeam(supportCase, scope, by);
            supportCase.moveToTeam(changes.team());
        }
        if (changes.priority() != null) {
            supportCase.prioritise(changes.priority());
        }
        if (changes.tags() != null) {
            supportCase.retag(changes.tags());
        }
        // Asking for the status the case had is no change, even if assigning just triaged it.
        if (changes.status() != null && changes.status() != statusBefore) {
            mayEnd(supportCase, changes.status());
            supportCase.changeStatus(changes.status(), now);
        }
        save(supportCase, before, by.actor(), now, override);
        return queries.get(id);
    }

    /**
     * A handoff was accepted: the receiver owns the case from now on (and the team it was offered
     * to, if any). The handoff module has checked who may do this; runs in its transaction.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public CaseView transferOwnership(CaseId id, AgentId to, TeamId team, Actor by) {
        var supportCase = lock(id);
        var now = clock.instant();
        var before = supportCase.snapshot();
        activeAgent(to, "ownerId");
        supportCase.assignTo(to, now);
        if (team != null) {
            supportCase.moveToTeam(team);
        }
        supportCase.touch(now);
        save(supportCase, before, by, now, false);
        return queries.get(id);
    }

    /** A case ends (resolved or closed) only when nothing it holds is still outstanding. */
    private void mayEnd(SupportCase supportCase, CaseStatus target) {
        if (!target.isActive()
                && supportCase.status().isActive()
                && supportCase.status().canMoveTo(target)) {
            guards.orderedStream().forEach(guard -> guard.checkMayEnd(supportCase.id()));
        }
    }

    /** The agent takes an unowned case (or one they may reassign) for themselves. */
    @Transactional
    public CaseView take(CaseId id, SignedInAgent by) {
        return change(id, CaseChanges.owner(by.id()), by);
    }

    /** A reply to the customer, optionally setting the status it leaves the case in. */
    @Transactional
    public TimelineEntry reply(CaseId id, String text, Channel channel, CaseStatus then, SignedInAgent by) {
        return reply(id, text, channel, then, Map.of(), by);
    }

    /**
     * A reply written in the console's composer, with the composer's other fields for the modules
     * that act on them (see {@link EntryFollowUp}); they run before the status change, so a promise
     * made in a resolving reply stops the resolution.
     */
    @Transactional
    public TimelineEntry reply(
            CaseId id,
            String text,
            Channel channel,
            CaseStatus then,
            Map<String, List<String>> composerFields,
            SignedInAgent by) {
        var supportCase = lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var before = supportCase.snapshot();
        var body = validBody(text, "body", false);
        var via = channel == null ? Channel.EMAIL : channel;
        if (via == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "a reply goes to the customer; use a note for internal text");
        }
        if (supportCase.ownerId() == null) {
            supportCase.assignTo(by.id(), now);
        }
        boolean reopening = !supportCase.status().isActive();
        reopenIfInactive(supportCase, now);
        var entry = append(supportCase.id(), EntryKind.REPLY, by.actor(), via, true, body, null, null, now);
        if (reopening) {
            // Follow-ups read the case: a promise made in this reply must find it open again.
            cases.update(supportCase, now);
        }
        followUps.orderedStream().forEach(f -> f.entryAdded(entry, composerFields, by));
        if (then != null) {
            mayEnd(supportCase, then);
            supportCase.changeStatus(then, now);
        }
        supportCase.touch(now);
        save(supportCase, before, by.actor(), now);
        return entry;
    }

    @Transactional
    public TimelineEntry logCall(
            CaseId id, CallDirection direction, Duration duration, String summary, SignedInAgent by) {
        return logCall(id, direction, duration, summary, Map.of(), by);
    }

    /** A call logged in the console's composer, with its other fields (see {@link EntryFollowUp}). */
    @Transactional
    public TimelineEntry logCall(
            CaseId id,
            CallDirection direction,
            Duration duration,
            String summary,
            Map<String, List<String>> composerFields,
            SignedInAgent by) {
        var supportCase = lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var before = supportCase.snapshot();
        if (direction == null) {
            throw new InvalidInputException("direction", "must be INBOUND or OUTBOUND");
        }
        if (duration == null || duration.isNegative() || duration.compareTo(MAX_CALL) > 0) {
            throw new InvalidInputException("durationSeconds", "must be between 0 and 86400");
        }
        var body = validBody(summary, "summary", false);
        if (supportCase.ownerId() == null) {
            supportCase.assignTo(by.id(), now);
        }
        var entry = append(
                supportCase.id(), EntryKind.CALL, by.actor(), Channel.PHONE, false, body, direction, duration, now);
        followUps.orderedStream().forEach(f -> f.entryAdded(entry, composerFields, by));
        supportCase.touch(now);
        save(supportCase, before, by.actor(), now);
        return entry;
    }

    @Transactional
    public TimelineEntry note(CaseId id, String text, SignedInAgent by) {
        var supportCase = lockToWork(id, access.scopeOf(by));
        var now = clock.instant();
        var body = validBody(text, "body", false);
        var entry =
                append(supportCase.id(), EntryKind.NOTE, by.actor(), Channel.INTERNAL, false, body, null, null, now);
        audit.record(by.actor(), "case", id.value(), "note_added", null, Map.of("entry", entry.id()));
        return entry;
    }

    /**
     * A message from the customer on an existing case. It wakes a case waiting on the customer and
     * reopens a resolved or closed one.
     */
    @Transactional
    public TimelineEntry recordInbound(CaseId id, String text, Channel channel, Actor recordedBy) {
        return recordInbound(id, null, text, channel, true, recordedBy);
    }

    /**
     * A message on an existing case from someone on its thread: {@code from} is the customer who
     * wrote (the case's customer when null, or someone they copied in). An automatic reply (an
     * out-of-office) is recorded but does not {@code wake} the case: its status stays as it is.
     */
    @Transactional
    public TimelineEntry recordInbound(
            CaseId id, Actor from, String text, Channel channel, boolean wakes, Actor recordedBy) {
        var supportCase = lock(id);
        var now = clock.instant();
        var before = supportCase.snapshot();
        var body = validBody(text, "body", false);
        if (channel == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "must be a channel customers use, not INTERNAL");
        }
        if (from == null) {
            var customer = customers.get(supportCase.customerId());
            from = Actor.customer(customer.id().value(), customer.name());
        }
        var entry = append(
                supportCase.id(),
                EntryKind.INBOUND,
                from,
                channel == null ? Channel.API : channel,
                true,
                body,
                null,
                null,
                now);
        if (wakes
                && supportCase.ownerId() != null
                && (supportCase.status() == CaseStatus.WAITING_ON_CUSTOMER
                        || !supportCase.status().isActive())) {
            supportCase.changeStatus(CaseStatus.OPEN, now);
        }
        if (wakes) {
            supportCase.touch(now);
        }
        save(supportCase, before, recordedBy, now);
        return entry;
    }

    /**
     * Something another module did to a case, on its timeline for agents (never shown to the
     * customer): a promise made or broken, a handoff offered.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public TimelineEntry recordEvent(CaseId id, String type, Map<String, Object> data, Actor by) {
        var entry = eventEntry(id, type, by, data, clock.instant());
        timeline.append(entry);
        return entry;
    }

    /** The entry of this case with this id, if there is one. */
    public java.util.Optional<TimelineEntry> entry(CaseId id, UUID entryId) {
        return timeline.find(id, entryId);
    }

    private void reopenIfInactive(SupportCase supportCase, Instant now) {
        if (!supportCase.status().isActive()) {
            supportCase.changeStatus(CaseStatus.OPEN, now);
        }
    }

    private void save(SupportCase supportCase, Map<String, Object> before, Actor by, Instant now) {
        save(supportCase, before, by, now, false);
    }

    /** {@code override}: a supervisor moved the case without a handoff; its timeline says so. */
    private void save(SupportCase supportCase, Map<String, Object> before, Actor by, Instant now, boolean override) {
        var changes = supportCase.changes();
        cases.update(supportCase, now);
        if (changes.isEmpty()) {
            return;
        }
        for (var change : changes) {
            var data = new LinkedHashMap<String, Object>();
            data.put("from", describe(change.before()));
            data.put("to", describe(change.after()));
            if (override && (change.field().equals("owner") || change.field().equals("team"))) {
                data.put("override", true);
            }
            event(supportCase.id(), change.field() + "_changed", by, data, now);
            if (change.field().equals("status")) {
                events.publishEvent(new CaseStatusChanged(
                        supportCase.id(), (CaseStatus) change.before(), (CaseStatus) change.after(), by, now));
            }
            if (change.field().equals("owner")) {
                events.publishEvent(new CaseAssigned(
                        supportCase.id(), (AgentId) change.before(), (AgentId) change.after(), by, now));
            }
        }
        audit.record(
                by,
                "case",
                supportCase.id().value(),
                override ? "reassigned_by_supervisor" : "updated",
                before,
                supportCase.snapshot());
        supportCase.clearChanges();
    }

    /** Names rather than ids on the timeline, so it reads the same after people are renamed. */
    private Object describe(Object value) {
        return switch (value) {
            case null -> null;
            case AgentId agent -> agents.find(agent).map(AgentView::displayName).orElse(agent.toString());
            case TeamId team -> agents.findTeam(team).map(t -> t.name()).orElse(team.toString());
            case Enum<?> e -> e.name();
            default -> value;
        };
    }

    private TimelineEntry append(
            CaseId caseId,
            EntryKind kind,
            Actor author,
            Channel channel,
            boolean visible,
            String body,
            CallDirection direction,
            Duration duration,
            Instant now) {
        var entry = new TimelineEntry(
                Ids.newId(), caseId, kind, author, channel, visible, body, direction, duration, null, null, now);
        timeline.append(entry);
        events.publishEvent(new EntryAdded(caseId, entry.id(), kind, author, now));
        return entry;
    }

    private void event(CaseId caseId, String type, Actor by, Map<String, Object> data, Instant now) {
        timeline.append(eventEntry(caseId, type, by, data, now));
    }

    private static TimelineEntry eventEntry(
            CaseId caseId, String type, Actor by, Map<String, Object> data, Instant now) {
        return new TimelineEntry(
                Ids.newId(), caseId, EntryKind.EVENT, by, Channel.INTERNAL, false, "", null, null, type, data, now);
    }

    private SupportCase lock(CaseId id) {
        return cases.lock(id).orElseThrow(() -> new NotFoundException("Case", id));
    }

    /** Locks a case someone is about to work; one they may not read is not found, as when reading it. */
    private SupportCase lockToWork(CaseId id, CaseAccess.Scope scope) {
        var supportCase = lock(id);
        if (!access.mayRead(scope, id, supportCase.teamId(), supportCase.ownerId())) {
            throw new NotFoundException("Case", id);
        }
        return supportCase;
    }

    private AgentView activeAgent(AgentId id, String field) {
        return agents.find(id)
                .filter(AgentView::active)
                .orElseThrow(() -> new InvalidInputException(field, "is not an active agent"));
    }

    /**
     * Who may give a case an owner. Anyone triages an unowned case. A case someone owns moves by a
     * handoff its receiver accepts, so its owner stays accountable until then; only the supervisors
     * of its team (and admins) move it directly, and that override is recorded as such. Returns
     * whether this is an override.
     */
    private static boolean mayAssign(SupportCase supportCase, CaseAccess.Scope scope, SignedInAgent by) {
        if (supportCase.ownerId() == null) {
            return false;
        }
        if (scope.supervises(supportCase.teamId())) {
            return !supportCase.ownerId().equals(by.id());
        }
        if (supportCase.ownerId().equals(by.id())) {
            throw new ForbiddenException("Case #" + supportCase.number()
                    + " is yours: offer it as a handoff, and you stay accountable until it is accepted");
        }
        if (by.isAtLeast(Role.SUPERVISOR)) {
            throw new ForbiddenException(
                    "ownerId",
                    "Case #" + supportCase.number()
                            + " is not in a team you supervise; only a supervisor of its team can reassign it");
        }
        throw new ForbiddenException(
                "Case #" + supportCase.number() + " is owned by a colleague; only a supervisor can reassign it");
    }

    /** Moving an owned case to another team is a handoff too, unless a supervisor of its team does it. */
    private static boolean mayMoveTeam(SupportCase supportCase, CaseAccess.Scope scope, SignedInAgent by) {
        if (supportCase.ownerId() == null || scope.supervises(supportCase.teamId())) {
            return supportCase.ownerId() != null && !supportCase.ownerId().equals(by.id());
        }
        if (by.isAtLeast(Role.SUPERVISOR)) {
            throw new ForbiddenException(
                    "teamId",
                    "Case #" + supportCase.number()
                            + " is not in a team you supervise; offer it to the other team as a handoff");
        }
        throw new ForbiddenException(
                "Case #" + supportCase.number() + " has an owner: offer it to the other team as a handoff");
    }

    private static String validBody(String text, String field, boolean optional) {
        if (text == null || text.isBlank()) {
            if (optional) {
                return "";
            }
            throw new InvalidInputException(field, "must not be blank");
        }
        if (text.length() > MAX_BODY) {
            throw new InvalidInputException(field, "must have at most " + MAX_BODY + " characters");
        }
        return text.strip();
    }
}
