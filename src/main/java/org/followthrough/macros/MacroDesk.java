package org.followthrough.macros;

import java.time.Clock;
import java.util.HashMap;
import java.util.function.Consumer;
import org.followthrough.audit.AuditLog;
import org.followthrough.calendar.CalendarQueries;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.customer.CustomerQueries;
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents do with macros: write their own, share one (supervisors and admins), revise, archive
 * and restore them, and fill one in for a case. Every change is audited.
 */
@Service
public class MacroDesk {

    private final Macros macros;
    private final MacroQueries queries;
    private final ActingAgents acting;
    private final AgentQueries agents;
    private final CaseQueries cases;
    private final CaseAccess access;
    private final CustomerQueries customers;
    private final CalendarQueries calendars;
    private final AuditLog audit;
    private final Clock clock;

    MacroDesk(
            Macros macros,
            MacroQueries queries,
            ActingAgents acting,
            AgentQueries agents,
            CaseQueries cases,
            CaseAccess access,
            CustomerQueries customers,
            CalendarQueries calendars,
            AuditLog audit,
            Clock clock) {
        this.macros = macros;
        this.queries = queries;
        this.acting = acting;
        this.agents = agents;
        this.cases = cases;
        this.access = access;
        this.customers = customers;
        this.calendars = calendars;
        this.audit = audit;
        this.clock = clock;
    }

    /** A macro only its author sees; or, for supervisors and admins, one shared with all or a team. */
    @Transactional
    public MacroView write(MacroScope scope, Macro.Content content, TeamId sharedWith, Actor by) {
        var agent = acting.of(by);
        checkTeams(content, sharedWith);
        var id = new MacroId(Ids.newId());
        Macro macro;
        if (scope == MacroScope.SHARED) {
            checkMaintainsShared(agent);
            macro = Macro.shared(id, sharedWith, content, clock.instant());
        } else {
            if (sharedWith != null) {
                throw new InvalidInputException("sharedWithTeamId", "only a shared macro is shared with a team");
            }
            macro = Macro.personal(id, agent.id(), content, clock.instant());
        }
        macros.insert(macro);
        audit.record(by, "macro", id.value(), "created", null, macro.auditView());
        return queries.find(id).orElseThrow();
    }

    @Transactional
    public MacroView revise(MacroId id, Macro.Content content, TeamId sharedWith, Actor by) {
        return change(id, by, "revised", macro -> {
            checkTeams(content, sharedWith);
            macro.revise(content, sharedWith, clock.instant());
        });
    }

    @Transactional
    public MacroView archive(MacroId id, Actor by) {
        return change(id, by, "archived", macro -> macro.archive(clock.instant()));
    }

    @Transactional
    public MacroView restore(MacroId id, Actor by) {
        return change(id, by, "restored", macro -> macro.restore(clock.instant()));
    }

    /** One change to a macro the agent maintains: locked, changed by its behaviour, saved, audited. */
    private MacroView change(MacroId id, Actor by, String action, Consumer<Macro> behaviour) {
        var macro = lockMaintainable(id, by);
        var before = macro.auditView();
        behaviour.accept(macro);
        macros.update(macro);
        audit.record(by, "macro", id.value(), action, before, macro.auditView());
        return queries.find(id).orElseThrow();
    }

    /**
     * The macro filled in for the case numbered {@code caseNumber}, as the agent would send it now.
     * Refused for a macro the agent may not use and a case they may not see (both as not found, so
     * neither leaks that it exists). Counts the use.
     */
    @Transactional
    public AppliedMacro apply(MacroId id, long caseNumber, Actor by) {
        var agent = acting.of(by);
        var view = queries.find(id)
                .filter(m -> queries.usableBy(m, agent.id()))
                .orElseThrow(() -> new NotFoundException("Macro", id));
        if (view.archived()) {
            // Filling in changes nothing on the macro but its use count, so it is read, not locked.
            throw new IllegalTransitionException("This macro is archived: restore it to use it.");
        }
        var supportCase = cases.getByNumber(caseNumber, access.scopeOf(agent));
        var customer = customers.get(supportCase.people().customerId());
        var values = new HashMap<String, String>();
        values.put("customer.name", customer.name());
        values.put("customer.first_name", Placeholders.firstName(customer.name()));
        values.put("customer.address_as", customer.addressedAs());
        values.put("case.number", Long.toString(supportCase.number()));
        values.put("case.subject", supportCase.subject());
        values.put("agent.name", agent.displayName());
        values.put("agent.first_name", Placeholders.firstName(agent.displayName()));
        values.put("team.name", supportCase.people().teamName());
        var actions = view.actions();
        AppliedMacro.Promise promise = null;
        if (actions.promise() != null) {
            var calendar = calendars.of(
                    actions.teamId() != null
                            ? actions.teamId()
                            : supportCase.people().teamId());
            promise = new AppliedMacro.Promise(
                    Placeholders.fill(actions.promise().description(), values),
                    actions.promise().due().dueFrom(clock.instant(), calendar),
                    calendar.zone());
        }
        macros.recordUse(id, clock.instant());
        return new AppliedMacro(
                id,
                view.title(),
                Placeholders.fill(view.body(), values),
                actions.status(),
                view.addTags(),
                view.movesTo(),
                promise);
    }

    private Macro lockMaintainable(MacroId id, Actor by) {
        var agent = acting.of(by);
        var macro = macros.lock(id).orElseThrow(() -> new NotFoundException("Macro", id));
        if (macro.scope() == MacroScope.PERSONAL) {
            if (!agent.id().equals(macro.ownerId())) {
                throw new NotFoundException("Macro", id);
            }
        } else {
            checkMaintainsShared(agent);
        }
        return macro;
    }

    private static void checkMaintainsShared(SignedInAgent agent) {
        if (!agent.isAtLeast(Role.SUPERVISOR)) {
            throw new ForbiddenException("scope", "only supervisors and admins share macros; write a personal one");
        }
    }

    private void checkTeams(Macro.Content content, TeamId sharedWith) {
        if (sharedWith != null && agents.findTeam(sharedWith).isEmpty()) {
            throw new InvalidInputException("sharedWithTeamId", "is not a team");
        }
        if (content.actions().teamId() != null
                && agents.findTeam(content.actions().teamId()).isEmpty()) {
            throw new InvalidInputException("moveToTeamId", "is not a team");
        }
    }
}
