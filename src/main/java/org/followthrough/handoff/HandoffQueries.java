package org.followthrough.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.cases.CaseView;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.AgentQueries;
import org.followthrough.identity.TeamId;
import org.followthrough.identity.TeamView;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The read side of handoffs: offers with the names of their case, owner and receiver, for pages,
 * alerts and the API. Reads the handoff table and the published views of cases, agents and teams.
 */
@Service
public class HandoffQueries {

    private static final String SELECT = """
            select h.*, c.number as case_number, c.subject as case_subject, f.display_name as from_name,
                   ta.display_name as to_agent_name, tt.name as to_team_name
            from handoff h
            join case_summary c on c.id = h.case_id
            join agent_summary f on f.id = h.from_owner_id
            left join agent_summary ta on ta.id = h.to_agent_id
            left join team_summary tt on tt.id = h.to_team_id
            """;

    private final JdbcClient db;
    private final CaseQueries cases;
    private final AgentQueries agents;

    HandoffQueries(JdbcClient db, CaseQueries cases, AgentQueries agents) {
        this.db = db;
        this.cases = cases;
        this.agents = agents;
    }

    public HandoffView get(HandoffId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Handoff", id));
    }

    /** The handoff if this scope may read its case (an offer to them opens it); otherwise not found. */
    public HandoffView get(HandoffId id, CaseAccess.Scope scope) {
        var handoff = get(id);
        readableCase(handoff, scope);
        return handoff;
    }

    /** The case of a handoff as this scope may see it; not found (as the handoff) when it may not. */
    CaseView readableCase(HandoffView handoff, CaseAccess.Scope scope) {
        try {
            return cases.get(handoff.caseId(), scope);
        } catch (NotFoundException e) {
            throw new NotFoundException("Handoff", handoff.id());
        }
    }

    public List<HandoffView> offeredTo(AgentId agent, int limit) {
        return offeredTo(agent, agents.teamsOf(agent).stream().map(TeamView::id).toList(), limit);
    }

    public Optional<HandoffView> find(HandoffId id) {
        return db.sql(SELECT + " where h.id = ?")
                .param(id.value())
                .query(HandoffQueries::handoff)
                .optional();
    }

    public Optional<HandoffView> openForCase(CaseId id) {
        return db.sql(SELECT + " where h.case_id = ? and h.state = 'OFFERED'")
                .param(id.value())
                .query(HandoffQueries::handoff)
                .optional();
    }

    public List<HandoffView> ofCase(CaseId id) {
        return db.sql(SELECT + " where h.case_id = ? order by h.offered_at, h.id")
                .param(id.value())
                .query(HandoffQueries::handoff)
                .list();
    }

    /** Offers waiting for this agent, who is in {@code teams}: to them, or to one of the teams with no one named. */
    public List<HandoffView> offeredTo(AgentId agent, List<TeamId> teams, int limit) {
        return db.sql(SELECT + """
                 where h.state = 'OFFERED'
                   and (h.to_agent_id = ? or (h.to_agent_id is null and h.to_team_id = any(?)))
                 order by h.offered_at, h.id limit ?""")
                .params(agent.value(), teams.stream().map(TeamId::value).toArray(UUID[]::new), limit)
                .query(HandoffQueries::handoff)
                .list();
    }

    /** Offers this agent made that were declined and that they have not looked at yet. */
    public List<HandoffView> returnedTo(AgentId agent, int limit) {
        return db.sql(SELECT + """
                 where h.state = 'DECLINED' and h.returned_seen_at is null and h.from_owner_id = ?
                 order by h.decided_at, h.id limit ?""")
                .params(agent.value(), limit)
                .query(HandoffQueries::handoff)
                .list();
    }

    /** Offers nobody accepted in time, on cases of these teams or offered to them. */
    public List<HandoffView> unansweredIn(List<TeamId> teams, int limit) {
        if (teams.isEmpty()) {
            return List.of();
        }
        var ids = teams.stream().map(TeamId::value).toArray(UUID[]::new);
        return db.sql(SELECT + """
                 where h.state = 'OFFERED' and h.unanswered_at is not null
                   and (c.team_id = any(?) or h.to_team_id = any(?))
                 order by h.answer_by limit ?""")
                .params(ids, ids, limit)
                .query(HandoffQueries::handoff)
                .list();
    }

    /** What {@link #offeredTo}, {@link #returnedTo} and {@link #unansweredIn} would list, counted in one round trip. */
    public long countNeedingAttention(AgentId agent, List<TeamId> teams, List<TeamId> supervised, int cap) {
        var teamIds = teams.stream().map(TeamId::value).toArray(UUID[]::new);
        var supervisedIds = supervised.stream().map(TeamId::value).toArray(UUID[]::new);
        return db.sql("""
                select (select count(*) from (select 1 from handoff h
                            where h.state = 'OFFERED'
                              and (h.to_agent_id = ? or (h.to_agent_id is null and h.to_team_id = any(?)))
                            limit ?) offered)
                     + (select count(*) from (select 1 from handoff h
                            where h.state = 'DECLINED' and h.returned_seen_at is null and h.from_owner_id = ?
                            limit ?) returned)
                     + (select count(*) from (select 1 from handoff h join case_summary c on c.id = h.case_id
                            where h.state = 'OFFERED' and h.unanswered_at is not null
                              and (c.team_id = any(?) or h.to_team_id = any(?))
                            limit ?) unanswered)""")
                .params(agent.value(), teamIds, cap, agent.value(), cap, supervisedIds, supervisedIds, cap)
                .query(Long.class)
                .single();
    }

    private static HandoffView handoff(ResultSet rs, int row) throws SQLException {
        return new HandoffView(
                new HandoffId(Sql.uuid(rs, "id")),
                new HandoffView.CaseRef(
                        new CaseId(Sql.uuid(rs, "case_id")), rs.getLong("case_number"), rs.getString("case_subject")),
                new HandoffView.Person(new AgentId(Sql.uuid(rs, "from_owner_id")), rs.getString("from_name")),
                new HandoffView.Receiver(
                        AgentId.of(Sql.uuid(rs, "to_agent_id")),
                        rs.getString("to_agent_name"),
                        TeamId.of(Sql.uuid(rs, "to_team_id")),
                        rs.getString("to_team_name")),
                rs.getString("note"),
                HandoffState.valueOf(rs.getString("state")),
                new HandoffView.Offered(
                        Sql.uuid(rs, "offered_by_id"),
                        rs.getString("offered_by_name"),
                        Sql.instant(rs, "offered_at"),
                        Sql.instant(rs, "answer_by")),
                Sql.instant(rs, "unanswered_at"),
                new HandoffView.Decision(
                        Sql.instant(rs, "decided_at"),
                        rs.getString("decided_by_name"),
                        rs.getString("decline_reason")));
    }
}
