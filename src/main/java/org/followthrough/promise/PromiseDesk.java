package org.followthrough.promise;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.cases.Channel;
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Text;
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
 * What agents do with promises, and what the clock does to them: the promise module's one facade
 * for changes. Each use case is one transaction: the promise, its timers, its line on the case
 * timeline, its audit record and its event commit together or not at all. Reads are in {@link
 * PromiseQueries}.
 */
@Service
public class PromiseDesk {

    static final String REMIND = "promise.remind";
    static final String DUE = "promise.due";

    /** A promise to make: due when, owned by whom (the case owner when null), made in which entry. */
    public record MakePromise(CaseId caseId, String description, Instant dueAt, AgentId ownerId, UUID madeInEntryId) {}

    private final Promises promises;
    private final PromiseQueries queries;
    private final PromisePolicies policies;
    private final CaseQueries cases;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final AgentQueries agents;
    private final ActingAgents acting;
    private final Timers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PromiseDesk(
            Promises promises,
            PromiseQueries queries,
            PromisePolicies policies,
            CaseQueries cases,
            CaseDesk desk,
            CaseAccess access,
            AgentQueries agents,
            ActingAgents acting,
            Timers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.promises = promises;
        this.queries = queries;
        this.policies = policies;
        this.cases = cases;
        this.desk = desk;
        this.access = access;
        this.agents = agents;
        this.acting = acting;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public PromiseView make(MakePromise command, Actor by) {
        var now = clock.instant();
        if (command.caseId() == null) {
            throw new InvalidInputException("caseId", "is required");
        }
        var agent = acting.of(by);
        var scope = access.scopeOf(agent);
        CaseView supportCase = cases.get(command.caseId(), scope);
        if (!supportCase.status().isActive()) {
            throw new ConflictException("Case #" + supportCase.number() + " is "
                    + supportCase.status().name().toLowerCase(Locale.ROOT)
                    + "; reopen it before promising more");
        }
        Text.required("description", command.description(), Promise.MAX_DESCRIPTION);
        Promise.checkDue(command.dueAt(), now);
        // Without a named owner a promise is the case owner's when its maker may name them, else the maker's own.
        var ownerId = command.ownerId() != null
                ? command.ownerId()
                : supportCase.people().ownerId() != null && access.mayNameOthers(scope, supportCase)
                        ? supportCase.people().ownerId()
                        : agent.id();
        access.checkMayNameOwner(scope, supportCase, ownerId);
        var owner = activeAgent(ownerId, "ownerId");
        if (command.madeInEntryId() != null
                && desk.entry(supportCase.id(), command.madeInEntryId()).isEmpty()) {
            throw new InvalidInputException("madeInEntryId", "is not an entry of case #" + supportCase.number());
        }
        var remindAt = policies.of(supportCase.people().teamId()).remindAt(now, command.dueAt());
        var promise = Promise.make(
                new PromiseId(Ids.newId()),
                new Promise.Made(
                        supportCase.id(),
                        supportCase.people().customerId(),
                        supportCase.people().teamId(),
                        command.madeInEntryId(),
                        by),
                command.description(),
                owner.id(),
                command.dueAt(),
                remindAt,
                now);
        promises.insert(promise);
        setTimers(promise);
        desk.recordEvent(
                supportCase.id(),
                "promise_made",
                data(
                        "promise",
                        promise.id(),
                        "description",
                        promise.description(),
                        "dueAt",
                        promise.dueAt(),
                        "owner",
                        owner.displayName()),
                by);
        audit.record(by, "promise", promise.id().value(), "made", null, snapshot(promise));
        events.publishEvent(new PromiseMade(
                promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), promise.dueAt(), by, now));
        return queries.get(promise.id());
    }

    /** Kept, with the evidence: the timeline entry that fulfilled it, or a note saying how. */
    @Transactional
    public PromiseView keep(PromiseId id, UUID evidenceEntryId, String note, Actor by) {
        var promise = lock(id);
        var supportCase = mayAct(promise, by, "keep");
        var before = snapshot(promise);
        if (evidenceEntryId != null
                && desk.entry(promise.caseId(), evidenceEntryId).isEmpty()) {
            throw new InvalidInputException("entryId", "is not an entry of case #" + supportCase.number());
        }
        var now = clock.instant();
        promise.keep(evidenceEntryId, note, now);
        promises.update(promise);
        clearTimers(promise);
        desk.recordEvent(
                promise.caseId(),
                "promise_kept",
                data("promise", promise.id(), "description", promise.description(), "onTime", promise.keptOnTime()),
                by);
        audit.record(by, "promise", id.value(), "kept", before, snapshot(promise));
        events.publishEvent(new PromiseKept(
                promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), promise.keptOnTime(), by, now));
        return queries.get(id);
    }

    /**
     * A new due time, agreed with the customer: only together with the message that tells them,
     * which is sent as a reply on the case in the same transaction.
     */
    @Transactional
    public PromiseView renegotiate(PromiseId id, Instant newDue, String message, Channel channel, Actor by) {
        var promise = lock(id);
        mayAct(promise, by, "renegotiate");
        var before = snapshot(promise);
        var now = clock.instant();
        Promise.checkDue(newDue, now);
        if (message == null || message.isBlank()) {
            throw new InvalidInputException(
                    "message",
                    "tell the customer about the new time: a renegotiated promise needs a message they can see");
        }
        if (message.length() > CaseDesk.MAX_BODY) {
            throw new InvalidInputException("message", "must have at most " + CaseDesk.MAX_BODY + " characters");
        }
        var remindAt = policies.of(promise.teamId()).remindAt(now, newDue);
        var change = promise.renegotiate(newDue, remindAt, now);
        var reply = desk.reply(promise.caseId(), message, channel, null, by);
        promises.update(promise);
        promises.recordDueChange(id, change, reply.id(), by);
        setTimers(promise);
        desk.recordEvent(
                promise.caseId(),
                "promise_renegotiated",
                data(
                        "promise",
                        promise.id(),
                        "description",
                        promise.description(),
                        "from",
                        change.previousDueAt(),
                        "to",
                        newDue),
                by);
        audit.record(by, "promise", id.value(), "renegotiated", before, snapshot(promise));
        events.publishEvent(new PromiseRenegotiated(
                promise.id(),
                promise.caseId(),
                promise.ownerId(),
                promise.teamId(),
                change.previousDueAt(),
                newDue,
                by,
                now));
        return queries.get(id);
    }

    /** The customer no longer needs it; the note says why. */
    @Transactional
    public PromiseView release(PromiseId id, String note, Actor by) {
        var promise = lock(id);
        mayAct(promise, by, "release");
        var before = snapshot(promise);
        var now = clock.instant();
        promise.release(note, now);
        promises.update(promise);
        clearTimers(promise);
        desk.recordEvent(
                promise.caseId(),
                "promise_released",
                data("promise", promise.id(), "description", promise.description(), "note", promise.releaseNote()),
                by);
        audit.record(by, "promise", id.value(), "released", before, snapshot(promise));
        events.publishEvent(
                new PromiseReleased(promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), by, now));
        return queries.get(id);
    }

    /**
     * The case changed hands: its pending and broken promises go with it to the new owner, who now
     * answers for them. Runs in the caller's transaction; returns the promises that moved.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<PromiseId> handOver(CaseId caseId, AgentId to, Actor by) {
        // Most cases change hands owing nothing: one indexed read, and nothing else, for them.
        var unsettled = promises.unsettledOfCase(caseId);
        if (unsettled.stream().allMatch(p -> p.ownerId().equals(to))) {
            return List.of();
        }
        var team = cases.get(caseId).people().teamId();
        var now = clock.instant();
        var moved = new ArrayList<PromiseId>();
        for (var promise : unsettled) {
            if (promise.ownerId().equals(to)) {
                continue;
            }
            var before = snapshot(promise);
            var from = promise.ownerId();
            promise.passTo(to, team);
            promises.update(promise);
            audit.record(by, "promise", promise.id().value(), "reassigned", before, snapshot(promise));
            events.publishEvent(new PromiseReassigned(promise.id(), caseId, from, to, by, now));
            moved.add(promise.id());
        }
        return moved;
    }

    // The clock's side -------------------------------------------------------------------------

    /** The due timer fired: a promise still pending is broken, and says so. */
    void dueTimeReached(PromiseId id, Instant dueAt) {
        var promise = promises.lock(id).orElse(null);
        if (promise == null || !promise.state().isPending() || promise.dueAt().isAfter(dueAt)) {
            return;
        }
        var before = snapshot(promise);
        var now = clock.instant();
        promise.breach(now);
        promises.update(promise);
        timers.clear(REMIND, id.value());
        desk.recordEvent(
                promise.caseId(),
                "promise_broken",
                data(
                        "promise",
                        promise.id(),
                        "description",
                        promise.description(),
                        "dueAt",
                        promise.dueAt(),
                        "owner",
                        agents.get(promise.ownerId()).displayName()),
                Actor.SYSTEM);
        audit.record(Actor.SYSTEM, "promise", id.value(), "broken", before, snapshot(promise));
        events.publishEvent(new PromiseBroken(
                promise.id(), promise.caseId(), promise.ownerId(), promise.teamId(), promise.dueAt(), now));
    }

    /** The reminder timer fired: the owner is told, once. */
    void reminderReached(PromiseId id) {
        var promise = promises.lock(id).orElse(null);
        if (promise == null || !promise.state().isPending() || promise.remindedAt() != null) {
            return;
        }
        var now = clock.instant();
        promise.remind(now);
        promises.update(promise);
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
        return promises.lock(id).orElseThrow(() -> new NotFoundException("Promise", id));
    }

    /**
     * The owner acts on their own promises; the supervisors of the case's team and admins on anyone's.
     * A promise on a case out of the agent's sight is not found. Returns its case.
     */
    private CaseView mayAct(Promise promise, Actor by, String what) {
        SignedInAgent agent = acting.of(by);
        var scope = access.scopeOf(agent);
        CaseView supportCase;
        try {
            supportCase = cases.get(promise.caseId(), scope);
        } catch (NotFoundException e) {
            throw new NotFoundException("Promise", promise.id());
        }
        if (!promise.ownerId().equals(agent.id())
                && !scope.supervises(supportCase.people().teamId())) {
            throw new ForbiddenException(
                    "This promise is " + agents.get(promise.ownerId()).displayName()
                            + "'s; only they or a supervisor of the case's team can " + what + " it");
        }
        return supportCase;
    }

    private AgentView activeAgent(AgentId id, String field) {
        return agents.find(id)
                .filter(AgentView::active)
                .orElseThrow(() -> new InvalidInputException(field, "is not an active agent"));
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
