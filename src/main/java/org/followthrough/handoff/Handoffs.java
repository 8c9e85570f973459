package org.followthrough.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The handoffs as the write side sees them: loaded locked, inserted, saved whole. */
@Repository
class Handoffs {

    private final JdbcClient db;

    Handoffs(JdbcClient db) {
        this.db = db;
    }

    /** Loads an offer and locks its row until the transaction ends, so answers to it queue up. */
    Optional<Handoff> lock(HandoffId id) {
        return db.sql("select * from handoff where id = ? for update")
                .param(id.value())
                .query(Handoffs::handoff)
                .optional();
    }

    /** The case's open offer, if any, locked. */
    Optional<Handoff> lockOpenOffer(CaseId caseId) {
        return db.sql("select * from handoff where case_id = ? and state = 'OFFERED' for update")
                .param(caseId.value())
                .query(Handoffs::handoff)
                .optional();
    }

    /** Throws DuplicateKeyException when the case already has an open offer. */
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
                        h.offeredBy().id(),
                        h.offeredBy().name(),
                        Sql.ts(h.offeredAt()),
                        Sql.ts(h.answerBy()))
                .update();
    }

    void update(Handoff h) {
        db.sql("""
                update handoff set state = ?, unanswered_at = ?, decided_at = ?, decided_by_id = ?, decided_by_name = ?,
                                   decline_reason = ?, returned_seen_at = ?
                where id = ?""")
                .params(
                        h.state().name(),
                        Sql.ts(h.unansweredAt()),
                        Sql.ts(h.decidedAt()),
                        h.decidedById(),
                        h.decidedBy() == null ? null : h.decidedBy().name(),
                        h.declineReason(),
                        Sql.ts(h.returnedSeenAt()),
                        h.id().value())
                .update();
    }

    private static Handoff handoff(ResultSet rs, int row) throws SQLException {
        var offer = new Handoff.Offer(
                new HandoffId(Sql.uuid(rs, "id")),
                new CaseId(Sql.uuid(rs, "case_id")),
                new AgentId(Sql.uuid(rs, "from_owner_id")),
                AgentId.of(Sql.uuid(rs, "to_agent_id")),
                TeamId.of(Sql.uuid(rs, "to_team_id")),
                rs.getString("note"),
                Actor.agent(Sql.uuid(rs, "offered_by_id"), rs.getString("offered_by_name")),
                Sql.instant(rs, "offered_at"),
                Sql.instant(rs, "answer_by"));
        var outcome = new Handoff.Outcome(
                HandoffState.valueOf(rs.getString("state")),
                Sql.instant(rs, "unanswered_at"),
                Sql.instant(rs, "decided_at"),
                decider(Sql.uuid(rs, "decided_by_id"), rs.getString("decided_by_name")),
                rs.getString("decline_reason"),
                Sql.instant(rs, "returned_seen_at"));
        return new Handoff(offer, outcome);
    }

    /** Who answered: an agent, or (withdrawn because the case moved on) whoever moved it, the system included. */
    private static Actor decider(UUID id, String name) {
        if (name == null) {
            return null;
        }
        return id == null ? new Actor(Actor.Type.SYSTEM, null, name) : Actor.agent(id, name);
    }
}
