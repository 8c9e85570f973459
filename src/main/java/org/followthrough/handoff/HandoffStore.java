package org.followthrough.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class HandoffStore {

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

    HandoffStore(JdbcClient db) {
        this.db = db;
    }

    void insert(Handoff h) {
        db.sql("""
                insert into handoff (id, case_id, from_owner_id, to_agent_id, to_team_id, note, state, offered_by_id,
                                     offered_by_name, offered_at, answer_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        h.id().value(),
                        h.caseId().value(),
                        h.fromOwnerId().value(),
                        h.toAgentId() == null ? null : h.toAgentId().value(),
                        h.toTeamId() == null ? null : h.toTeamId().value(),
                        h.note(),
                        h.state().name(),
                        h.offeredById(),
                        h.offeredByName(),
                        Sql.ts(h.offeredAt()),
                        Sql.ts(h.answerBy()))
                .update();
    }

    void decide(HandoffId id, HandoffState state, Instant at, UUID byId, String byName, String reason) {
        db.sql("""
                update handoff set state = ?, decided_at = ?, decided_by_id = ?, decided_by_name = ?, decline_reason = ?
                where id = ?""")
                .params(state.name(), Sql.ts(at), byId, byName, reason, id.value())
                .update();
    }

    void markUnanswered(HandoffId id, Instant at) {
        db.sql("update handoff set unanswered_at = ? where id = ?")
                .params(Sql.ts(at), id.value())
                .update();
    }

    void markReturnSeen(HandoffId id, Instant at) {
        db.sql("update handoff set returned_seen_at = ? where id = ?")
                .params(Sql.ts(at), id.value())
                .update();
    }

    Optional<Handoff> lock(HandoffId id) {
        return db.sql(SELECT + " where h.id = ? for update of h")
                .param(id.value())
                .query(this::handoff)
                .optional();
    }

    Optional<Handoff> find(HandoffId id) {
        return db.sql(SELECT + " where h.id = ?")
                .param(id.value())
                .query(this::handoff)
                .optional();
    }

    Optional<Handoff> openForCase(CaseId id) {
        return db.sql(SELECT + " where h.case_id = ? and h.state = 'OFFERED'")
                .param(id.value())
                .query(this::handoff)
                .optional();
    }

    List<Handoff> ofCase(CaseId id) {
        return db.sql(SELECT + " where h.case_id = ? order by h.offered_at, h.id")
                .param(id.value())
                .query(this::handoff)
                .list();
    }

    /** Offers waiting for this agent: to them, or to a team they are in with no one named. */
    List<Handoff> offeredTo(AgentId agent, List<TeamId> teams, int limit) {
        return db.sql(SELECT + """
                 where h.state = 'OFFERED'
                   and (h.to_agent_id = ? or (h.to_agent_id is null and h.to_team_id = any(?)))
                 order by h.offered_at, h.id limit ?""")
                .params(agent.value(), teams.stream().map(TeamId::value).toArray(UUID[]::new), limit)
                .query(this::handoff)
                .list();
    }

    /** Offers this agent made that were declined and that they have not looked at yet. */
    List<Handoff> returnedTo(AgentId agent, int limit) {
        return db.sql(SELECT + """
                 where h.state = 'DECLINED' and h.returned_seen_at is null and h.from_owner_id = ?
                 order by h.decided_at, h.id limit ?""")
                .params(agent.value(), limit)
                .query(this::handoff)
                .list();
    }

    /** Offers nobody accepted in time, on cases of these teams or offered to them. */
    List<Handoff> unansweredIn(List<TeamId> teams, int limit) {
        var ids = teams.stream().map(TeamId::value).toArray(UUID[]::new);
        return db.sql(SELECT + """
                 where h.state = 'OFFERED' and h.unanswered_at is not null
                   and (c.team_id = any(?) or h.to_team_id = any(?))
                 order by h.answer_by limit ?""").params(ids, ids, limit).query(this::handoff).list();
    }

    /** What {@link #offeredTo}, {@link #returnedTo} and {@link #unansweredIn} would list, counted in one round trip. */
    long countNeedingAttention(AgentId agent, List<TeamId> teams, List<TeamId> supervised, int cap) {
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

    private Handoff handoff(ResultSet rs, int row) throws SQLException {
        var toAgent = Sql.uuid(rs, "to_agent_id");
        var toTeam = Sql.uuid(rs, "to_team_id");
        return new Handoff(
                new HandoffId(Sql.uuid(rs, "id")),
                new CaseId(Sql.uuid(rs, "case_id")),
                rs.getLong("case_number"),
                rs.getString("case_subject"),
                new AgentId(Sql.uuid(rs, "from_owner_id")),
                rs.getString("from_name"),
                toAgent == null ? null : new AgentId(toAgent),
                rs.getString("to_agent_name"),
                toTeam == null ? null : new TeamId(toTeam),
                rs.getString("to_team_name"),
                rs.getString("note"),
                HandoffState.valueOf(rs.getString("state")),
                Sql.uuid(rs, "offered_by_id"),
                rs.getString("offered_by_name"),
                Sql.instant(rs, "offered_at"),
                Sql.instant(rs, "answer_by"),
                Sql.instant(rs, "unanswered_at"),
                Sql.instant(rs, "decided_at"),
                rs.getString("decided_by_name"),
                rs.getString("decline_reason"));
    }
}
