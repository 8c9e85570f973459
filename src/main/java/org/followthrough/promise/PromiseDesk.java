package org.followthrough.promise;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.identity.Agent;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.Agents;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.followthrough.promise.PromiseEvents.PromiseBroken;
import org.followthrough.promise.PromiseEvents.PromiseDueSoon;
import org.followthrough.promise.PromiseEvents.PromiseKept;
import org.followthrough.promise.PromiseEvents.PromiseMade;
import org.followthrough.promise.PromiseEvents.PromiseReassigned;
import org.followthrough.promise.PromiseEvents.PromiseReleased;
import org.followthrough.promise.PromiseEvents.PromiseRenegotiated;
import org.followthrough.timer.Timers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents do with promises, and what the clock does to them. Each use case is one
 * transaction: the promise, its timers, its line on the case timeline, its audit record and its
 * event commit together or not at all.
 */
@Service
public class Promises {

    static final String REMIND = "promise.remind";
    static final String DUE = "promise.due";
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_NOTE = 2_000;

    /** A promise to make: due when, owned by whom (the case owner when null), made in which entry. */
    public record MakePromise(CaseId caseId, String description, Instant dueAt, AgentId ownerId, UUID madeInEntryId) {}

    /** One change of a promise's due time, with the message that told the customer. */
    public record DueChange(Instant changedAt, Instant previousDueAt, Instant dueAt, UUID messageEntryId, String by) {}

    /** What the customer may see of a promise: what, by when, and how it stands. */
    public record CustomerPromise(String description, Instant dueAt, PromiseState state, Instant keptAt) {}

    /** Which promises a list shows. Null owners or teams mean anyone's. */
    public record Query(
            List<PromiseState> states,
            List<AgentId> owners,
            List<TeamId> teams,
            Instant dueBefore,
            CaseId caseId,
            Instant remindedBy) {

        public Query {
            states = states == null ? List.of() : List.copyOf(states);
        }

        public Query(
                List<PromiseState> states, List<AgentId> owners, List<TeamId> teams, Instant dueBefore, CaseId caseId) {
            this(states, owners, teams, dueBefore, caseId, null);
        }
    }

    private final PromiseStore store;
    private final PromisePolicies policies;
    private final CaseQueries cases;
    private final CaseDesk desk;
    private final Agents agents;
    private final Timers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CaseAccess access;

    Promises(
            PromiseStore store,
            PromisePolicies policies,
            CaseQueries cases,
            CaseDesk desk,
            Agents agents,
            Timers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            CaseAccess access) {
        this.access = access;
        this.store = store;
        this.policies = policies;
        this.cases = cases;
        this.desk = desk;
        this.agents = agents;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Promise make(MakePromise command, SignedInAgent by) {
        var now = clock.instant();
        if (command.caseId() == null) {
            throw new InvalidInputException("caseId", "is required");
        }
        var scope = access.scopeOf(by);
        CaseView supportCase = cases.get(command.caseId(), scope);
        if (!supportCase.status().isActive()) {
            throw new ConflictException("Case #" + supportCase.number() + " is "
                    + supportCase.status().name().toLowerCase(java.util.Locale.ROOT)
                    + "; reopen it before promising more");
        }
        var description = required(command.description(), "description", MAX_DESCRIPTION);
        if (command.dueAt() == null) {
            throw new InvalidInputException("dueAt", "is required");
        }
        if (!command.dueAt().isAfter(now)) {
            throw new InvalidInputException("dueAt", "must be in the future");
        }
        if (command.dueAt().isAfter(Sql.LATEST)) {
            throw new InvalidInputException("dueAt", "must be before the year 10000");
        }
        // Without a named owner a promise is the case owner's when its maker may name them, else the maker's own.
        var ownerId = command.ownerId() != null
                ? command.ownerId()
                : supportCase.ownerId() != null && access.mayNameOthers(scope, supportCase)
                        ? supportCase.ownerId()
                        : by.id();
        access.checkMayNameOwner(scope, supportCase, ownerId);
        var owner = activeAgent(ownerId, "ownerId");
        if (command.madeInEntryId() != null
                && desk.entry(supportCase.id(), command.madeInEntryId()).isEmpty()) {
            throw new InvalidInputException("madeInEntryId", "is not an entry of case #" + supportCase.number());
        }
        var remindAt = policies.of(supportCase.teamId()).remindAt(now, command.dueAt());
        var promise = new Promise(
                new PromiseId(Ids.newId()),
                supportCase.id(),
                supportCase.number(),
                supportCase.subject(),
                supportCase.customerId(),
                supportCase.customerName(),
                supportCase.teamId(),
                description,
                command.madeInEntryId(),
                by.actor(),
                owner.id(),
                owner.displayName(),
                PromiseState.OPEN,
                now,
                command.dueAt(),
                command.dueAt(),
                remindAt,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                now);
        store.insert(promise);
        setTimers(promise);
        desk.recordEvent(
                supportCase.id(),
                "promise_made",
                data(
                        "promise",
                        promise.id(),
                        "description",
                        description,
                        "dueAt",
                        promise.dueAt(),
                        "owner",
                        owner.displayName()),
                by.actor());
        audit.record(by.actor(), "promise", promise.id().value(), "made", null, snapshot(promise));
        events.publishEvent(new PromiseMade(
                promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), promise.dueAt(), by.actor(), now));
        return promise;
    }

    /** Kept, with the evidence: the timeline entry that fulfilled it, or a note saying how. */
    @Transactional
    public Promise keep(PromiseId id, UUID evidenceEntryId, String note, SignedInAgent by) {
        var before = lock(id);
        mayAct(before, by, "keep");
        var cleanNote = optional(note, "note", MAX_NOTE);
        if (evidenceEntryId == null && cleanNote == null) {
            throw new InvalidInputException("note", "say how the promise was kept, or name the entry that kept it");
        }
        if (evidenceEntryId != null
                && desk.entry(before.caseId(), evidenceEntryId).isEmpty()) {
            throw new InvalidInputException("entryId", "is not an entry of case #" + before.caseNumber());
        }
        var now = clock.instant();
        var after = before.keep(evidenceEntryId, cleanNote, now);
        store.update(after);
        clearTimers(after);
        desk.recordEvent(
                after.caseId(),
                "promise_kept",
                data("promise", after.id(), "description", after.description(), "onTime", after.keptOnTime()),
                by.actor());
        audit.record(by.actor(), "promise", id.value(), "kept", snapshot(before), snapshot(after));
        events.publishEvent(new PromiseKept(
                after.id(), after.caseId(), after.ownerId(), after.teamId(), after.keptOnTime(), by.actor(), now));
        return after;
    }

    /**
     * A new due time, agreed with the customer: only together with the message that tells them,
     * which is sent as a reply on the case in the same transaction.
     */
    @Transactional
    public Promise renegotiate(PromiseId id, Instant newDue, String message, Channel channel, SignedInAgent by) {
        var before = lock(id);
        mayAct(before, by, "renegotiate");
        var now = clock.instant();
        if (newDue == null) {
            throw new InvalidInputException("dueAt", "is required");
        }
        if (!newDue.isAfter(now)) {
            throw new InvalidInputException("dueAt", "must be in the future");
        }
        if (newDue.isAfter(Sql.LATEST)) {
            throw new InvalidInputException("dueAt", "must be before the year 10000");
        }
        if (message == null || message.isBlank()) {
            throw new InvalidInputException(
                    "message",
                    "tell the customer about the new time: a renegotiated promise needs a message they can see");
        }
        if (message.length() > CaseDesk.MAX_BODY) {
            throw new InvalidInputException("message", "must have at most " + CaseDesk.MAX_BODY + " characters");
        }
        var remindAt = policies.of(before.teamId()).remindAt(now, newDue);
        var after = before.renegotiate(newDue, remindAt, now);
        var reply = desk.reply(before.caseId(), message, channel, null, by);
        store.update(after);
        store.recordDueChange(before, after, reply.id(), by.actor());
        setTimers(after);
        desk.recordEvent(
                after.caseId(),
                "promise_renegotiated",
                data("promise", after.id(), "description", after.description(), "from", before.dueAt(), "to", newDue),
                by.actor());
        audit.record(by.actor(), "promise", id.value(), "renegotiated", snapshot(before), snapshot(after));
        events.publishEvent(new PromiseRenegotiated(
                after.id(), after.caseId(), after.ownerId(), after.teamId(), before.dueAt(), newDue, by.actor(), now));
        return after;
    }

    /** The customer no longer needs it; the note says why. */
    @Transactional
    public Promise release(PromiseId id, String note, SignedInAgent by) {
        var before = lock(id);
        mayAct(before, by, "release");
        var reason = required(note, "note", MAX_NOTE);
        var now = clock.instant();
        var after = before.release(reason, now);
        store.update(after);
        clearTimers(after);
        desk.recordEvent(
                after.caseId(),
                "promise_released",
                data("promise", after.id(), "description", after.description(), "note", reason),
                by.actor());
        audit.record(by.actor(), "promise", id.value(), "released", snapshot(before), snapshot(after));
        events.publishEvent(
                new PromiseReleased(after.id(), after.caseId(), after.ownerId(), after.teamId(), by.actor(), now));
        return after;
    }

    /**
     * The case changed hands: its pending and broken promises go with it to the new owner, who now
     * answers for them. Runs in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Promise> handOver(CaseId caseId, AgentId to, Actor by) {
        // Most cases change hands owing nothing: one indexed read, and nothing else, for them.
        var unsettled = store.unsettledOfCase(caseId);
        if (unsettled.stream().allMatch(p -> p.ownerId().equals(to))) {
            return List.of();
        }
        var owner = agents.get(to);
        var team = cases.get(caseId).teamId();
        var now = clock.instant();
        var moved = new java.util.ArrayList<Promise>();
        for (var promise : unsettled) {
            if (promise.ownerId().equals(to)) {
                continue;
            }
            var after = promise.ownedBy(to, owner.displayName(), team == null ? promise.teamId() : team);
            store.update(after);
            audit.record(by, "promise", promise.id().value(), "reassigned", snapshot(promise), snapshot(after));
            events.publishEvent(new PromiseReassigned(promise.id(), caseId, promise.ownerId(), to, by, now));
            moved.add(after);
        }
        return moved;
    }

    public Promise get(PromiseId id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Promise", id));
    }

    /** The promise if this scope may read its case; otherwise it is not found. */
    public Promise get(PromiseId id, CaseAccess.Scope scope) {
        var promise = get(id);
        readableCase(promise, scope);
        return promise;
    }

    public List<Promise> ofCase(CaseId caseId) {
        return store.ofCase(caseId);
    }

    public List<Promise> unsettledOfCase(CaseId caseId) {
        return store.unsettledOfCase(caseId);
    }

    /** The list the customer may see on a case: every promise but the released ones. */
    public List<CustomerPromise> visibleToCustomer(CaseId caseId) {
        return store.ofCase(caseId).stream()
                .filter(p -> p.state() != PromiseState.RELEASED)
                .map(p -> new CustomerPromise(p.description(), p.dueAt(), p.state(), p.keptAt()))
                .toList();
    }

    public List<DueChange> dueChanges(PromiseId id) {
        return store.dueChanges(id);
    }

    /** Promises on the cases this scope may read. */
    public Slice<Promise> list(Query query, CaseAccess.Scope scope, String cursor, int limit) {
        if (query.dueBefore() != null && query.dueBefore().isAfter(Sql.LATEST)) {
            throw new InvalidInputException("dueBefore", "must be before the year 10000");
        }
        return store.list(query, access.visibleCaseId(scope, "p.case_id"), cursor, limit);
    }

    /**
     * What needs this agent now: their own promises inside the reminder window, past due or broken,
     * and, for the teams they supervise, their colleagues' broken ones. Soonest due first.
     */
    public List<Promise> needingAttention(CaseAccess.Scope scope, int limit) {
        return store.needingAttention(
                scope.agent(),
                scope.supervisedTeams(),
                access.visibleCaseId(scope, "p.case_id"),
                clock.instant(),
                limit);
    }

    public long countNeedingAttention(CaseAccess.Scope scope, int cap) {
        return store.countNeedingAttention(
                scope.agent(), scope.supervisedTeams(), access.visibleCaseId(scope, "p.case_id"), clock.instant(), cap);
    }

    public long count(Query query, CaseAccess.Scope scope, int cap) {
        var states = query.states().isEmpty() ? List.copyOf(PromiseState.UNSETTLED) : query.states();
        return store.count(
                new Query(states, query.owners(), query.teams(), query.dueBefore(), query.caseId(), query.remindedBy()),
                access.visibleCaseId(scope, "p.case_id"),
                cap);
    }

    // The clock's side -------------------------------------------------------------------------

    /** The due timer fired: a promise still pending is broken, and says so. */
    void dueTimeReached(PromiseId id, Instant dueAt) {
        var promise = store.lock(id).orElse(null);
        if (promise == null || !promise.state().isPending() || promise.dueAt().isAfter(dueAt)) {
            return;
        }
        var now = clock.instant();
        var after = promise.breach(now);
        store.update(after);
        timers.clear(REMIND, id.value());
        desk.recordEvent(
                after.caseId(),
                "promise_broken",
                data(
                        "promise",
                        after.id(),
                        "description",
                        after.description(),
                        "dueAt",
                        after.dueAt(),
                        "owner",
                        after.ownerName()),
                Actor.SYSTEM);
        audit.record(Actor.SYSTEM, "promise", id.value(), "broken", snapshot(promise), snapshot(after));
        events.publishEvent(
                new PromiseBroken(after.id(), after.caseId(), after.ownerId(), after.teamId(), after.dueAt(), now));
    }

    /** The reminder timer fired: the owner is told, once. */
    void reminderReached(PromiseId id) {
        var promise = store.lock(id).orElse(null);
        if (promise == null || !promise.state().isPending() || promise.remindedAt() != null) {
            return;
        }
        var now = clock.instant();
        store.update(promise.reminded(now));
        events.publishEvent(new PromiseDueSoon(
                promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), promise.dueAt(), now));
    }

    // -----------------------------------------------------------------------------------------

    private void setTimers(Promise promise) {
        if (promise.remindAt() == null) {
            timers.clear(REMIND, promise.id().value());
        } else {
            timers.set(REMIND, promise.id().value(), promise.remindAt());
        }
        timers.set(DUE, promise.id().value(), promise.dueAt());
    }

    private void clearTimers(Promise promise) {
        timers.clear(REMIND, promise.id().value());
        timers.clear(DUE, promise.id().value());
    }

    private Promise lock(PromiseId id) {
        return store.lock(id).orElseThrow(() -> new NotFoundException("Promise", id));
    }

    /**
     * The owner acts on their own promises; the supervisors of the case's team and admins on anyone's.
     * A promise on a case out of the agent's sight is not found.
     */
    private void mayAct(Promise promise, SignedInAgent by, String what) {
        var scope = access.scopeOf(by);
        var supportCase = readableCase(promise, scope);
        if (!promise.ownerId().equals(by.id()) && !scope.supervises(supportCase.teamId())) {
            throw new ForbiddenException("This promise is " + promise.ownerName()
                    + "'s; only they or a supervisor of the case's team can " + what + " it");
        }
    }

    private CaseView readableCase(Promise promise, CaseAccess.Scope scope) {
        try {
            return cases.get(promise.caseId(), scope);
        } catch (NotFoundException e) {
            throw new NotFoundException("Promise", promise.id());
        }
    }

    private Agent activeAgent(AgentId id, String field) {
        return agents.find(id)
                .filter(Agent::active)
                .orElseThrow(() -> new InvalidInputException(field, "is not an active agent"));
    }

    private static String required(String text, String field, int max) {
        var value = optional(text, field, max);
        if (value == null) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return value;
    }

    private static String optional(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var value = text.strip();
        if (value.length() > max) {
            throw new InvalidInputException(field, "must have at most " + max + " characters");
        }
        return value;
    }

    private static Map<String, Object> data(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            var value = pairs[i + 1];
            map.put((String) pairs[i], value == null ? null : value instanceof Boolean ? value : value.toString());
        }
        return map;
    }

    private static Map<String, Object> snapshot(Promise p) {
        return data(
                "case", p.caseId(),
                "description", p.description(),
                "owner", p.ownerId(),
                "state", p.state(),
                "dueAt", p.dueAt(),
                "remindAt", p.remindAt(),
                "keptEntry", p.keptEntryId(),
                "keptNote", p.keptNote(),
                "releaseNote", p.releaseNote());
    }
}
