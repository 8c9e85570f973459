package org.followthrough.handoff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.followthrough.audit.AuditLog;
import org.followthrough.calendar.TeamCalendars;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseDesk;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.handoff.HandoffEvents.HandoffAccepted;
import org.followthrough.handoff.HandoffEvents.HandoffDeclined;
import org.followthrough.handoff.HandoffEvents.HandoffOffered;
import org.followthrough.handoff.HandoffEvents.HandoffUnanswered;
import org.followthrough.handoff.HandoffEvents.HandoffWithdrawn;
import org.followthrough.identity.Agent;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.Agents;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.Team;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.followthrough.timer.Timers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Offering a case to a colleague or a team, and answering the offer. The owner stays accountable
 * (and keeps the case's promises) until the receiver accepts; a decline returns the offer with its
 * reason; an offer nobody answers within the working time allowed alerts the supervisors.
 */
@Service
@EnableConfigurationProperties(HandoffProperties.class)
public class Handoffs {

    static final String UNANSWERED = "handoff.unanswered";
    static final int MIN_NOTE = 10;
    static final int MAX_NOTE = 5_000;

    private final HandoffStore store;
    private final CaseQueries cases;
    private final CaseDesk desk;
    private final Agents agents;
    private final TeamCalendars calendars;
    private final Timers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final HandoffProperties properties;
    private final Clock clock;
    private final CaseAccess access;

    Handoffs(
            HandoffStore store,
            CaseQueries cases,
            CaseDesk desk,
            Agents agents,
            TeamCalendars calendars,
            Timers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            HandoffProperties properties,
            Clock clock,
            CaseAccess access) {
        this.access = access;
        this.store = store;
        this.cases = cases;
        this.desk = desk;
        this.agents = agents;
        this.calendars = calendars;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Offers the case to an agent, a team, or an agent in a team. The note tells the receiver what
     * the customer needs, what was tried and what was promised.
     */
    @Transactional
    public Handoff offer(CaseId caseId, AgentId toAgent, TeamId toTeam, String note, SignedInAgent by) {
        var scope = access.scopeOf(by);
        var supportCase = cases.get(caseId, scope);
        if (supportCase.people().ownerId() == null) {
            throw new ConflictException(
                    "Case #" + supportCase.number() + " has no owner yet: assign it directly instead of offering it");
        }
        if (!supportCase.status().isActive()) {
            throw new ConflictException(
                    "Case #" + supportCase.number() + " has ended; reopen it before handing it off");
        }
        if (!mayOffer(supportCase, scope)) {
            throw new ForbiddenException(
                    "Only the owner of case #" + supportCase.number() + " or a supervisor of its team can hand it off");
        }
        if (toAgent == null && toTeam == null) {
            throw new InvalidInputException("toAgentId", "or toTeamId is required: say who should take the case");
        }
        Agent receiver = null;
        if (toAgent != null) {
            receiver = agents.find(toAgent)
                    .filter(Agent::active)
                    .orElseThrow(() -> new InvalidInputException("toAgentId", "is not an active agent"));
            if (toAgent.equals(supportCase.people().ownerId())) {
                throw new InvalidInputException("toAgentId", "already owns the case");
            }
        }
        Team team = null;
        if (toTeam != null) {
            team = agents.findTeam(toTeam).orElseThrow(() -> new InvalidInputException("toTeamId", "is not a team"));
            if (toAgent != null && !agents.isMember(toAgent, toTeam)) {
                throw new InvalidInputException("toAgentId", "is not in the team " + team.name());
            }
        }
        var cleanNote = note == null ? "" : note.strip();
        if (cleanNote.length() < MIN_NOTE) {
            throw new InvalidInputException(
                    "note", "tell the receiver what the customer needs, what was tried and what was promised");
        }
        if (cleanNote.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "must have at most " + MAX_NOTE + " characters");
        }
        var now = clock.instant();
        var calendarTeam = toTeam != null ? toTeam : supportCase.people().teamId();
        var answerBy = calendars.of(calendarTeam).plusBusinessTime(now, properties.answerWithin());
        var owner = agents.get(supportCase.people().ownerId());
        var handoff = new Handoff(
                new HandoffId(Ids.newId()),
                caseId,
                supportCase.number(),
                supportCase.subject(),
                owner.id(),
                owner.displayName(),
                toAgent,
                receiver == null ? null : receiver.displayName(),
                toTeam,
                team == null ? null : team.name(),
                cleanNote,
                HandoffState.OFFERED,
                by.id().value(),
                by.displayName(),
                now,
                answerBy,
                null,
                null,
                null,
                null);
        try {
            store.insert(handoff);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Case #" + supportCase.number() + " is already offered to someone; withdraw that offer first");
        }
        timers.set(UNANSWERED, handoff.id().value(), answerBy);
        desk.recordEvent(
                caseId,
                "handoff_offered",
                data("handoff", handoff.id(), "to", handoff.receiverName(), "note", cleanNote),
                by.actor());
        audit.record(by.actor(), "handoff", handoff.id().value(), "offered", null, snapshot(handoff));
        events.publishEvent(
                new HandoffOffered(handoff.id(), caseId, owner.id(), toAgent, toTeam, answerBy, by.actor()));
        return handoff;
    }

    /** The receiver takes the case: it is theirs, with its promises, from now on. */
    @Transactional
    public Handoff accept(HandoffId id, SignedInAgent by) {
        var handoff = open(id);
        mayAnswer(handoff, by, "accept");
        var now = clock.instant();
        store.decide(id, HandoffState.ACCEPTED, now, by.id().value(), by.displayName(), null);
        timers.clear(UNANSWERED, id.value());
        desk.transferOwnership(handoff.caseId(), by.id(), handoff.toTeamId(), by.actor());
        desk.recordEvent(
                handoff.caseId(),
                "handoff_accepted",
                data("handoff", id, "from", handoff.fromOwnerName(), "to", by.displayName(), "note", handoff.note()),
                by.actor());
        var after = store.find(id).orElseThrow();
        audit.record(by.actor(), "handoff", id.value(), "accepted", snapshot(handoff), snapshot(after));
        events.publishEvent(new HandoffAccepted(
                id, handoff.caseId(), handoff.fromOwnerId(), by.id(), handoff.toTeamId(), by.actor()));
        return after;
    }

    /** The receiver says no, and why; the case stays where it was and the offer goes back. */
    @Transactional
    public Handoff decline(HandoffId id, String reason, SignedInAgent by) {
        var handoff = open(id);
        mayAnswer(handoff, by, "decline");
        var why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "say why, so the owner knows what to do next");
        }
        if (why.length() > MAX_NOTE) {
            throw new InvalidInputException("reason", "must have at most " + MAX_NOTE + " characters");
        }
        var now = clock.instant();
        store.decide(id, HandoffState.DECLINED, now, by.id().value(), by.displayName(), why);
        timers.clear(UNANSWERED, id.value());
        desk.recordEvent(
                handoff.caseId(),
                "handoff_declined",
                data("handoff", id, "by", by.displayName(), "reason", why),
                by.actor());
        var after = store.find(id).orElseThrow();
        audit.record(by.actor(), "handoff", id.value(), "declined", snapshot(handoff), snapshot(after));
        events.publishEvent(new HandoffDeclined(id, handoff.caseId(), handoff.fromOwnerId(), why, by.actor()));
        return after;
    }

    /** The owner (or a supervisor) takes the offer back before anyone answered it. */
    @Transactional
    public Handoff withdraw(HandoffId id, SignedInAgent by) {
        var handoff = open(id);
        var scope = access.scopeOf(by);
        var supportCase = readableCase(handoff, scope);
        if (!mayWithdraw(handoff, supportCase, scope)) {
            throw new ForbiddenException(
                    "Only " + handoff.fromOwnerName() + " or a supervisor of the case's team can withdraw this offer");
        }
        var now = clock.instant();
        store.decide(id, HandoffState.WITHDRAWN, now, by.id().value(), by.displayName(), null);
        timers.clear(UNANSWERED, id.value());
        desk.recordEvent(
                handoff.caseId(), "handoff_withdrawn", data("handoff", id, "to", handoff.receiverName()), by.actor());
        audit.record(by.actor(), "handoff", id.value(), "withdrawn", snapshot(handoff), null);
        events.publishEvent(new HandoffWithdrawn(id, handoff.caseId(), by.actor()));
        return store.find(id).orElseThrow();
    }

    /**
     * Withdraws the case's open offer, if any, because the case moved on without it. Runs in the
     * transaction that moved the case.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void withdrawOpenOffer(CaseId caseId, String because, Actor by) {
        var open = store.openForCase(caseId).orElse(null);
        if (open == null) {
            return;
        }
        var now = clock.instant();
        store.decide(open.id(), HandoffState.WITHDRAWN, now, by.id(), by.name(), null);
        timers.clear(UNANSWERED, open.id().value());
        desk.recordEvent(
                caseId,
                "handoff_withdrawn",
                data("handoff", open.id(), "to", open.receiverName(), "because", because),
                by);
        audit.record(by, "handoff", open.id().value(), "withdrawn", snapshot(open), Map.of("because", because));
        events.publishEvent(new HandoffWithdrawn(open.id(), caseId, by));
    }

    /** The owner has seen that their offer came back. */
    @Transactional
    public void acknowledgeReturn(HandoffId id, SignedInAgent by) {
        var handoff = store.lock(id).orElseThrow(() -> new NotFoundException("Handoff", id));
        if (handoff.state() != HandoffState.DECLINED || !handoff.fromOwnerId().equals(by.id())) {
            throw new ConflictException("Only a declined offer can be put away, by the agent who made it");
        }
        store.markReturnSeen(id, clock.instant());
    }

    /** The answer time passed: the supervisors are alerted, once. */
    void answerTimeReached(HandoffId id) {
        var handoff = store.lock(id).orElse(null);
        if (handoff == null || !handoff.state().isOpen() || handoff.unansweredAt() != null) {
            return;
        }
        var now = clock.instant();
        store.markUnanswered(id, now);
        var teamId = handoff.toTeamId() != null
                ? handoff.toTeamId()
                : cases.get(handoff.caseId()).people().teamId();
        desk.recordEvent(
                handoff.caseId(),
                "handoff_unanswered",
                data("handoff", id, "to", handoff.receiverName()),
                Actor.SYSTEM);
        events.publishEvent(new HandoffUnanswered(id, handoff.caseId(), handoff.fromOwnerId(), teamId, now));
    }

    public Handoff get(HandoffId id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Handoff", id));
    }

    /** The handoff if this scope may read its case (an offer to them opens it); otherwise not found. */
    public Handoff get(HandoffId id, CaseAccess.Scope scope) {
        var handoff = get(id);
        readableCase(handoff, scope);
        return handoff;
    }

    /** Who may offer a case: its owner, and the supervisors of its team (admins: any case). */
    public static boolean mayOffer(CaseView supportCase, CaseAccess.Scope scope) {
        return supportCase.people().ownerId() != null
                && (supportCase.people().ownerId().equals(scope.agent())
                        || scope.supervises(supportCase.people().teamId()));
    }

    /** Who may take an open offer back: who made it for the case's owner, and its team's supervisors. */
    public static boolean mayWithdraw(Handoff handoff, CaseView supportCase, CaseAccess.Scope scope) {
        return handoff.fromOwnerId().equals(scope.agent())
                || scope.supervises(supportCase.people().teamId());
    }

    private CaseView readableCase(Handoff handoff, CaseAccess.Scope scope) {
        try {
            return cases.get(handoff.caseId(), scope);
        } catch (NotFoundException e) {
            throw new NotFoundException("Handoff", handoff.id());
        }
    }

    public java.util.Optional<Handoff> openForCase(CaseId caseId) {
        return store.openForCase(caseId);
    }

    public List<Handoff> ofCase(CaseId caseId) {
        return store.ofCase(caseId);
    }

    public List<Handoff> offeredTo(AgentId agent, int limit) {
        return offeredTo(agent, teamsOf(agent), limit);
    }

    /** Offers waiting for this agent, who is in {@code teams}. */
    public List<Handoff> offeredTo(AgentId agent, List<TeamId> teams, int limit) {
        return store.offeredTo(agent, teams, limit);
    }

    /** How many offers wait for this agent, came back to them, or (for supervised teams) went unanswered. */
    public long countNeedingAttention(AgentId agent, List<TeamId> teams, List<TeamId> supervised, int cap) {
        return store.countNeedingAttention(agent, teams, supervised, cap);
    }

    public List<Handoff> returnedTo(AgentId agent, int limit) {
        return store.returnedTo(agent, limit);
    }

    public List<Handoff> unansweredIn(List<TeamId> teams, int limit) {
        return teams.isEmpty() ? List.of() : store.unansweredIn(teams, limit);
    }

    private Handoff open(HandoffId id) {
        var handoff = store.lock(id).orElseThrow(() -> new NotFoundException("Handoff", id));
        if (!handoff.state().isOpen()) {
            throw new ConflictException("This offer was already "
                    + handoff.state().name().toLowerCase(java.util.Locale.ROOT) + " and cannot be answered again");
        }
        return handoff;
    }

    /** The named receiver answers; an offer to a team is answered by any of its members. */
    private void mayAnswer(Handoff handoff, SignedInAgent by, String what) {
        boolean receiver = handoff.toAgentId() != null
                ? handoff.toAgentId().equals(by.id())
                : agents.isMember(by.id(), handoff.toTeamId());
        if (!receiver) {
            throw new ForbiddenException(
                    "This offer is for " + handoff.receiverName() + "; only they can " + what + " it");
        }
    }

    private List<TeamId> teamsOf(AgentId agent) {
        return agents.teamsOf(agent).stream().map(Team::id).toList();
    }

    private static Map<String, Object> data(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1] == null ? null : pairs[i + 1].toString());
        }
        return map;
    }

    private static Map<String, Object> snapshot(Handoff h) {
        return data(
                "case", h.caseId(),
                "from", h.fromOwnerId(),
                "toAgent", h.toAgentId(),
                "toTeam", h.toTeamId(),
                "state", h.state(),
                "note", h.note(),
                "answerBy", h.answerBy(),
                "declineReason", h.declineReason());
    }
}
