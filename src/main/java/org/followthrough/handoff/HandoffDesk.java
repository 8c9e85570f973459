package org.followthrough.handoff;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.followthrough.audit.AuditLog;
import org.followthrough.calendar.CalendarQueries;
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
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
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
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Offering a case to a colleague or a team, and answering the offer. The owner stays accountable
 * (and keeps the case's promises) until the receiver accepts; a decline returns the offer with its
 * reason; an offer nobody answers within the working time allowed alerts the supervisors.
 */
@Service
@EnableConfigurationProperties(HandoffProperties.class)
public class HandoffDesk {

    static final String UNANSWERED = "handoff.unanswered";

    private final Handoffs handoffs;
    private final HandoffQueries queries;
    private final CaseQueries cases;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final AgentQueries agents;
    private final ActingAgents acting;
    private final CalendarQueries calendars;
    private final Timers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final HandoffProperties properties;
    private final Clock clock;

    HandoffDesk(
            Handoffs handoffs,
            HandoffQueries queries,
            CaseQueries cases,
            CaseDesk desk,
            CaseAccess access,
            AgentQueries agents,
            ActingAgents acting,
            CalendarQueries calendars,
            Timers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            HandoffProperties properties,
            Clock clock) {
        this.handoffs = handoffs;
        this.queries = queries;
        this.cases = cases;
        this.desk = desk;
        this.access = access;
        this.agents = agents;
        this.acting = acting;
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
    public HandoffView offer(CaseId caseId, AgentId toAgent, TeamId toTeam, String note, Actor by) {
        var scope = access.scopeOf(acting.of(by));
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
        if (toAgent != null) {
            agents.find(toAgent)
                    .filter(AgentView::active)
                    .orElseThrow(() -> new InvalidInputException("toAgentId", "is not an active agent"));
            if (toAgent.equals(supportCase.people().ownerId())) {
                throw new InvalidInputException("toAgentId", "already owns the case");
            }
        }
        if (toTeam != null) {
            TeamView team =
                    agents.findTeam(toTeam).orElseThrow(() -> new InvalidInputException("toTeamId", "is not a team"));
            if (toAgent != null && !agents.isMember(toAgent, toTeam)) {
                throw new InvalidInputException("toAgentId", "is not in the team " + team.name());
            }
        }
        var now = clock.instant();
        var calendarTeam = toTeam != null ? toTeam : supportCase.people().teamId();
        var answerBy = calendars.of(calendarTeam).plusBusinessTime(now, properties.answerWithin());
        var handoff = Handoff.offer(
                new HandoffId(Ids.newId()),
                caseId,
                supportCase.people().ownerId(),
                toAgent,
                toTeam,
                note,
                by,
                now,
                answerBy);
        try {
            handoffs.insert(handoff);
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Case #" + supportCase.number() + " is already offered to someone; withdraw that offer first");
        }
        var view = queries.get(handoff.id());
        timers.set(UNANSWERED, handoff.id().value(), answerBy);
        desk.recordEvent(
                caseId,
                "handoff_offered",
                data("handoff", handoff.id(), "to", view.receiverName(), "note", handoff.note()),
                by);
        audit.record(by, "handoff", handoff.id().value(), "offered", null, handoff.snapshot());
        events.publishEvent(
                new HandoffOffered(handoff.id(), caseId, handoff.fromOwnerId(), toAgent, toTeam, answerBy, by));
        return view;
    }

    /** The receiver takes the case: it is theirs, with its promises, from now on. */
    @Transactional
    public HandoffView accept(HandoffId id, Actor by) {
        var handoff = lock(id);
        handoff.requireCanBecome(HandoffState.ACCEPTED);
        var before = handoff.snapshot();
        var view = queries.get(id);
        var agent = mayAnswer(handoff, view, by, "accept");
        handoff.accept(by, clock.instant());
        handoffs.update(handoff);
        timers.clear(UNANSWERED, id.value());
        desk.transferOwnership(handoff.caseId(), agent, handoff.toTeamId(), by);
        desk.recordEvent(
                handoff.caseId(),
                "handoff_accepted",
                data("handoff", id, "from", view.fromOwnerName(), "to", by.name(), "note", handoff.note()),
                by);
        audit.record(by, "handoff", id.value(), "accepted", before, handoff.snapshot());
        events.publishEvent(
                new HandoffAccepted(id, handoff.caseId(), handoff.fromOwnerId(), agent, handoff.toTeamId(), by));
        return queries.get(id);
    }

    /** The receiver says no, and why; the case stays where it was and the offer goes back. */
    @Transactional
    public HandoffView decline(HandoffId id, String reason, Actor by) {
        var handoff = lock(id);
        handoff.requireCanBecome(HandoffState.DECLINED);
        var before = handoff.snapshot();
        mayAnswer(handoff, queries.get(id), by, "decline");
        handoff.decline(by, reason, clock.instant());
        handoffs.update(handoff);
        timers.clear(UNANSWERED, id.value());
        desk.recordEvent(
                handoff.caseId(),
                "handoff_declined",
                data("handoff", id, "by", by.name(), "reason", handoff.declineReason()),
                by);
        audit.record(by, "handoff", id.value(), "declined", before, handoff.snapshot());
        events.publishEvent(
                new HandoffDeclined(id, handoff.caseId(), handoff.fromOwnerId(), handoff.declineReason(), by));
        return queries.get(id);
    }

    /** The owner (or a supervisor) takes the offer back before anyone answered it. */
    @Transactional
    public HandoffView withdraw(HandoffId id, Actor by) {
        var handoff = lock(id);
        handoff.requireCanBecome(HandoffState.WITHDRAWN);
        var before = handoff.snapshot();
        var view = queries.get(id);
        var scope = access.scopeOf(acting.of(by));
        var supportCase = queries.readableCase(view, scope);
        if (!mayWithdraw(view, supportCase, scope)) {
            throw new ForbiddenException(
                    "Only " + view.fromOwnerName() + " or a supervisor of the case's team can withdraw this offer");
        }
        handoff.withdraw(by, clock.instant());
        handoffs.update(handoff);
        timers.clear(UNANSWERED, id.value());
        desk.recordEvent(handoff.caseId(), "handoff_withdrawn", data("handoff", id, "to", view.receiverName()), by);
        audit.record(by, "handoff", id.value(), "withdrawn", before, null);
        events.publishEvent(new HandoffWithdrawn(id, handoff.caseId(), by));
        return queries.get(id);
    }

    /**
     * Withdraws the case's open offer, if any, because the case moved on without it. Runs in the
     * transaction that moved the case.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void withdrawOpenOffer(CaseId caseId, String because, Actor by) {
        var open = handoffs.lockOpenOffer(caseId).orElse(null);
        if (open == null) {
            return;
        }
        var before = open.snapshot();
        var view = queries.get(open.id());
        open.withdraw(by, clock.instant());
        handoffs.update(open);
        timers.clear(UNANSWERED, open.id().value());
        desk.recordEvent(
                caseId,
                "handoff_withdrawn",
                data("handoff", open.id(), "to", view.receiverName(), "because", because),
                by);
        audit.record(by, "handoff", open.id().value(), "withdrawn", before, Map.of("because", because));
        events.publishEvent(new HandoffWithdrawn(open.id(), caseId, by));
    }

    /** The owner has seen that their offer came back. */
    @Transactional
    public void acknowledgeReturn(HandoffId id, Actor by) {
        var handoff = lock(id);
        handoff.returnedSeen(by.id() == null ? null : new AgentId(by.id()), clock.instant());
        handoffs.update(handoff);
    }

    /** The answer time passed: the supervisors are alerted, once. */
    void answerTimeReached(HandoffId id) {
        var handoff = handoffs.lock(id).orElse(null);
        if (handoff == null || !handoff.state().isOpen()) {
            return;
        }
        var now = clock.instant();
        if (!handoff.markUnanswered(now)) {
            return;
        }
        handoffs.update(handoff);
        var teamId = handoff.toTeamId() != null
                ? handoff.toTeamId()
                : cases.get(handoff.caseId()).people().teamId();
        desk.recordEvent(
                handoff.caseId(),
                "handoff_unanswered",
                data("handoff", id, "to", queries.get(id).receiverName()),
                Actor.SYSTEM);
        events.publishEvent(new HandoffUnanswered(id, handoff.caseId(), handoff.fromOwnerId(), teamId, now));
    }

    /** Who may offer a case: its owner, and the supervisors of its team (admins: any case). */
    public static boolean mayOffer(CaseView supportCase, CaseAccess.Scope scope) {
        return supportCase.people().ownerId() != null
                && (supportCase.people().ownerId().equals(scope.agent())
                        || scope.supervises(supportCase.people().teamId()));
    }

    /** Who may take an open offer back: who made it for the case's owner, and its team's supervisors. */
    public static boolean mayWithdraw(HandoffView handoff, CaseView supportCase, CaseAccess.Scope scope) {
        return handoff.fromOwnerId().equals(scope.agent())
                || scope.supervises(supportCase.people().teamId());
    }

    private Handoff lock(HandoffId id) {
        return handoffs.lock(id).orElseThrow(() -> new NotFoundException("Handoff", id));
    }

    /**
     * The named receiver answers; an offer to a team is answered by any of its members. Returns the
     * agent who answers.
     */
    private AgentId mayAnswer(Handoff handoff, HandoffView view, Actor by, String what) {
        var agent = acting.of(by).id();
        var teams = agents.teamsOf(agent).stream().map(TeamView::id).toList();
        if (!handoff.isFor(agent, teams)) {
            throw new ForbiddenException(
                    "This offer is for " + view.receiverName() + "; only they can " + what + " it");
        }
        return agent;
    }

    private static Map<String, Object> data(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1] == null ? null : pairs[i + 1].toString());
        }
        return map;
    }
}
