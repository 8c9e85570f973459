package org.followthrough.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.Role;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The one place that decides which cases an agent may read, and over which cases a supervisor's
 * powers reach (ADR 013). Every read of cases for a person goes through a {@link Scope}: single
 * cases by {@link CaseQueries#get(CaseId, Scope)}, lists, counts and searches by the SQL
 * {@link Condition} made here, so a case out of reach is missing from every list, count and search
 * alike, and asking for it by id or number is a 404. Jobs and mail ingest act as the system and see
 * everything.
 */
@Service
@EnableConfigurationProperties(CaseProperties.class)
public class CaseAccess {

    /**
     * What one person may see: everything, or (agent visibility TEAMS) the cases of their teams,
     * the cases they own, cases in no team and what a {@link CaseReadGrant} opens to them. A
     * supervisor's powers reach the cases of the teams they are in; an admin's reach every case.
     */
    public record Scope(AgentId agent, Role role, boolean seesAll, List<TeamId> teams) {

        /** The system itself: start-up, timers, mail. */
        public static final Scope SYSTEM = new Scope(null, Role.ADMIN, true, List.of());

        public Scope {
            teams = List.copyOf(teams);
        }

        /** Whether a supervisor's powers (reassigning, acting for others) reach cases of this team. */
        public boolean supervises(TeamId team) {
            return role == Role.ADMIN || (role == Role.SUPERVISOR && team != null && teams.contains(team));
        }

        /** The teams whose broken promises and unanswered offers this person answers for. */
        public List<TeamId> supervisedTeams() {
            return role.includes(Role.SUPERVISOR) ? teams : List.of();
        }
    }

    /** A piece of SQL with its positional parameters. */
    public record Condition(String sql, List<Object> params) {

        public static final Condition ALWAYS = new Condition("true", List.of());

        public Condition {
            params = List.copyOf(params);
        }

        /** The same condition with named parameters ({@code :prefix0}, ...), for named-parameter SQL. */
        public String namedSql(String prefix) {
            var out = new StringBuilder();
            int n = 0;
            for (char ch : sql.toCharArray()) {
                if (ch == '?') {
                    out.append(':').append(prefix).append(n++);
                } else {
                    out.append(ch);
                }
            }
            return out.toString();
        }

        public Map<String, Object> namedParams(String prefix) {
            var named = new LinkedHashMap<String, Object>();
            for (int i = 0; i < params.size(); i++) {
                named.put(prefix + i, params.get(i));
            }
            return named;
        }
    }

    private final AgentQueries agents;
    private final ActingAgents acting;
    private final CaseProperties properties;
    private final ObjectProvider<CaseReadGrant> grants;
    private final JdbcClient db;

    CaseAccess(
            AgentQueries agents,
            ActingAgents acting,
            CaseProperties properties,
            ObjectProvider<CaseReadGrant> grants,
            JdbcClient db) {
        this.agents = agents;
        this.acting = acting;
        this.properties = properties;
        this.grants = grants;
        this.db = db;
    }

    public CaseProperties.AgentVisibility agentVisibility() {
        return properties.agentVisibility();
    }

    public Scope scopeOf(SignedInAgent agent) {
        var teams = agents.teamsOf(agent.id()).stream().map(TeamView::id).toList();
        boolean seesAll =
                agent.role() == Role.ADMIN || properties.agentVisibility() == CaseProperties.AgentVisibility.ALL;
        return new Scope(agent.id(), agent.role(), seesAll, teams);
    }

    /** The scope of the agent who acted; anyone but an active agent is refused. */
    public Scope scopeOf(Actor by) {
        return scopeOf(acting.of(by));
    }

    /** The scope of whoever is signed in on this request; the system's when nobody is. */
    public Scope current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInAgent agent) {
            return scopeOf(agent);
        }
        return Scope.SYSTEM;
    }

    /** Holds for the rows of {@code support_case} under {@code alias} that the scope may read. */
    public Condition visible(Scope scope, String alias) {
        if (scope.seesAll()) {
            return Condition.ALWAYS;
        }
        var sql = new StringBuilder(
                "(%1$s.team_id is null or %1$s.owner_id = ? or %1$s.team_id = any(?)".formatted(alias));
        var params = new ArrayList<Object>();
        params.add(scope.agent().value());
        params.add(scope.teams().stream().map(TeamId::value).toArray(UUID[]::new));
        for (var grant : grants.orderedStream().toList()) {
            var granted = grant.grants(alias + ".id", scope.agent(), scope.teams());
            sql.append(" or ").append(granted.sql());
            params.addAll(granted.params());
        }
        return new Condition(sql.append(')').toString(), params);
    }

    /** Holds for the rows whose case, named by {@code caseIdColumn}, the scope may read. */
    public Condition visibleCaseId(Scope scope, String caseIdColumn) {
        if (scope.seesAll()) {
            return Condition.ALWAYS;
        }
        var inner = visible(scope, "visible_case");
        return new Condition(
                caseIdColumn + " in (select visible_case.id from support_case visible_case where " + inner.sql() + ")",
                inner.params());
    }

    /** Whether the scope may read this case, known by its team and owner. */
    boolean mayRead(Scope scope, CaseId id, TeamId team, AgentId owner) {
        if (scope.seesAll()
                || team == null
                || scope.agent().equals(owner)
                || scope.teams().contains(team)) {
            return true;
        }
        var condition = visible(scope, "c");
        return db.sql("select exists (select 1 from support_case c where c.id = ? and " + condition.sql() + ")")
                .params(prepend(id.value(), condition.params()))
                .query(Boolean.class)
                .single();
    }

    /**
     * Who may name someone else as the owner of a promise on this case: the case's owner and the
     * supervisors of its team (and admins). Anyone who may work the case makes promises of their own.
     */
    public void checkMayNameOwner(Scope scope, CaseView supportCase, AgentId named) {
        if (named == null || named.equals(scope.agent())) {
            return;
        }
        if (mayNameOthers(scope, supportCase)) {
            return;
        }
        throw new ForbiddenException(
                "ownerId",
                "Only the owner of case #" + supportCase.number()
                        + " or a supervisor of its team can make a promise someone else answers for");
    }

    /** Whether this person may name others on this case: its owner, its team's supervisors, admins. */
    public boolean mayNameOthers(Scope scope, CaseView supportCase) {
        return scope.role() == Role.ADMIN
                || scope.agent() != null
                        && scope.agent().equals(supportCase.people().ownerId())
                || scope.supervises(supportCase.people().teamId());
    }

    /**
     * Who may give a case an owner. Anyone triages an unowned case. A case someone owns moves by a
     * handoff its receiver accepts, so its owner stays accountable until then; only the supervisors
     * of its team (and admins) move it directly, and that override is recorded as such. Returns
     * whether this is an override.
     */
    static boolean checkMayAssign(Scope scope, SupportCase supportCase) {
        if (supportCase.ownerId() == null) {
            return false;
        }
        if (scope.supervises(supportCase.teamId())) {
            return !supportCase.ownerId().equals(scope.agent());
        }
        if (supportCase.ownerId().equals(scope.agent())) {
            throw new ForbiddenException("Case #" + supportCase.number()
                    + " is yours: offer it as a handoff, and you stay accountable until it is accepted");
        }
        if (scope.role().includes(Role.SUPERVISOR)) {
            throw new ForbiddenException(
                    "ownerId",
                    "Case #" + supportCase.number()
                            + " is not in a team you supervise; only a supervisor of its team can reassign it");
        }
        throw new ForbiddenException(
                "Case #" + supportCase.number() + " is owned by a colleague; only a supervisor can reassign it");
    }

    /**
     * Moving an owned case to another team is a handoff too, unless a supervisor of its team does it.
     * Returns whether this is an override.
     */
    static boolean checkMayMoveTeam(Scope scope, SupportCase supportCase) {
        if (supportCase.ownerId() == null || scope.supervises(supportCase.teamId())) {
            return supportCase.ownerId() != null && !supportCase.ownerId().equals(scope.agent());
        }
        if (scope.role().includes(Role.SUPERVISOR)) {
            throw new ForbiddenException(
                    "teamId",
                    "Case #" + supportCase.number()
                            + " is not in a team you supervise; offer it to the other team as a handoff");
        }
        throw new ForbiddenException(
                "Case #" + supportCase.number() + " has an owner: offer it to the other team as a handoff");
    }

    static List<Object> prepend(Object first, List<Object> rest) {
        var all = new ArrayList<Object>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
