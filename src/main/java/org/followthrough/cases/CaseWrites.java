package org.followthrough.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.followthrough.audit.AuditLog;
import org.followthrough.cases.CaseEvents.CaseAssigned;
import org.followthrough.cases.CaseEvents.CaseStatusChanged;
import org.followthrough.cases.CaseEvents.EntryAdded;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.AgentView;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * How the desk's use cases write a case, inside their transaction: the case locked before it
 * changes, then saved with the timeline entries, audit record and events its changes make; entries
 * appended and announced.
 */
@Component
class CaseWrites {

    private final Cases cases;
    private final Timeline timeline;
    private final AgentQueries agents;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CaseAccess access;
    // Looked up when used: their implementations in other modules use the desk themselves.
    private final ObjectProvider<ResolutionGuard> guards;

    CaseWrites(
            Cases cases,
            Timeline timeline,
            AgentQueries agents,
            AuditLog audit,
            ApplicationEventPublisher events,
            CaseAccess access,
            ObjectProvider<ResolutionGuard> guards) {
        this.cases = cases;
        this.timeline = timeline;
        this.agents = agents;
        this.audit = audit;
        this.events = events;
        this.access = access;
        this.guards = guards;
    }

    SupportCase lock(CaseId id) {
        return cases.lock(id).orElseThrow(() -> new NotFoundException("Case", id));
    }

    /** Locks a case someone is about to work; one they may not read is not found, as when reading it. */
    SupportCase lockToWork(CaseId id, CaseAccess.Scope scope) {
        var supportCase = lock(id);
        if (!access.mayRead(scope, id, supportCase.teamId(), supportCase.ownerId())) {
            throw new NotFoundException("Case", id);
        }
        return supportCase;
    }

    AgentView activeAgent(AgentId id, String field) {
        return agents.find(id)
                .filter(AgentView::active)
                .orElseThrow(() -> new InvalidInputException(field, "is not an active agent"));
    }

    /** A case ends (resolved or closed) only when nothing it holds is still outstanding. */
    void mayEnd(SupportCase supportCase, CaseStatus target) {
        if (!target.isActive()
                && supportCase.status().isActive()
                && supportCase.status().canMoveTo(target)) {
            guards.orderedStream().forEach(guard -> guard.checkMayEnd(supportCase.id()));
        }
    }

    /** Writes the case as it is now, so what reads it in this transaction finds it so. */
    void update(SupportCase supportCase, Instant now) {
        cases.update(supportCase, now);
    }

    void save(SupportCase supportCase, Map<String, Object> before, Actor by, Instant now) {
        save(supportCase, before, by, now, false);
    }

    /** {@code override}: a supervisor moved the case without a handoff; its timeline says so. */
    void save(SupportCase supportCase, Map<String, Object> before, Actor by, Instant now, boolean override) {
        if (record(supportCase, by, now, override)) {
            audit.record(
                    by,
                    "case",
                    supportCase.id().value(),
                    override ? "reassigned_by_supervisor" : "updated",
                    before,
                    supportCase.snapshot());
        }
        supportCase.clearChanges();
    }

    /** {@link #save} for a change that is part of a bulk action, which writes the one audit event. */
    void saveUnaudited(SupportCase supportCase, Actor by, Instant now, boolean override) {
        record(supportCase, by, now, override);
        supportCase.clearChanges();
    }

    /** Writes the case, its timeline entries and events; false when nothing changed. */
    private boolean record(SupportCase supportCase, Actor by, Instant now, boolean override) {
        var changes = supportCase.changes();
        cases.update(supportCase, now);
        if (changes.isEmpty()) {
            return false;
        }
        for (var change : changes) {
            var data = new LinkedHashMap<String, Object>();
            data.put("from", describe(change.before()));
            data.put("to", describe(change.after()));
            if (override && (change.field().equals("owner") || change.field().equals("team"))) {
                data.put("override", true);
            }
            append(TimelineEntry.event(supportCase.id(), change.field() + "_changed", data, by, now));
            if (change.field().equals("status")) {
                events.publishEvent(new CaseStatusChanged(
                        supportCase.id(), (CaseStatus) change.before(), (CaseStatus) change.after(), by, now));
            }
            if (change.field().equals("owner")) {
                events.publishEvent(new CaseAssigned(
                        supportCase.id(), (AgentId) change.before(), (AgentId) change.after(), by, now));
            }
        }
        return true;
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

    /** An entry on the timeline (a contact or an event), announced to the modules that follow cases. */
    TimelineEntry append(TimelineEntry entry) {
        timeline.append(entry);
        events.publishEvent(
                new EntryAdded(entry.caseId(), entry.id(), entry.kind(), entry.author(), entry.createdAt()));
        return entry;
    }

    static String validBody(String text, String field, boolean optional) {
        if (text == null || text.isBlank()) {
            if (optional) {
                return "";
            }
            throw new InvalidInputException(field, "must not be blank");
        }
        if (text.length() > CaseDesk.MAX_BODY) {
            throw new InvalidInputException(field, "must have at most " + CaseDesk.MAX_BODY + " characters");
        }
        return text.strip();
    }

    /** Applies the changes to the locked case, refusing before anything is written; true when a supervisor overrode. */
    boolean apply(SupportCase supportCase, CaseDesk.CaseChanges changes, CaseAccess.Scope scope, Instant now) {
        var statusBefore = supportCase.status();
        if (changes.subject() != null) {
            supportCase.rename(changes.subject());
        }
        var closing = changes.status() != null && !changes.status().isActive();
        if (closing && changes.owner() == null && supportCase.ownerId() == null) {
            supportCase.ownWithoutTriage(scope.agent());
        }
        boolean override = false;
        if (changes.owner() != null && !changes.owner().equals(supportCase.ownerId())) {
            override = CaseAccess.checkMayAssign(scope, supportCase);
            activeAgent(changes.owner(), "ownerId");
            supportCase.assignTo(changes.owner(), now);
        }
        if (changes.team() != null && !changes.team().equals(supportCase.teamId())) {
            agents.findTeam(changes.team()).orElseThrow(() -> new InvalidInputException("teamId", "is not a team"));
            override |= CaseAccess.checkMayMoveTeam(scope, supportCase);
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
        return override;
    }
}
