package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The composers' drafts, one per agent, case and composer. */
@Repository
class Drafts {

    private final JdbcClient db;

    Drafts(JdbcClient db) {
        this.db = db;
    }

    /** Saves the draft over the agent's earlier one for the same case and composer. */
    void save(AgentId agent, CaseId caseId, ComposerDraft draft) {
        db.sql("""
                insert into case_draft (agent_id, case_id, kind, body, channel, then_status, call_direction,
                                        call_minutes, call_seconds, list_promises, promise_descriptions,
                                        promise_dues, keeps, saved_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (agent_id, case_id, kind) do update set
                    body = excluded.body, channel = excluded.channel, then_status = excluded.then_status,
                    call_direction = excluded.call_direction, call_minutes = excluded.call_minutes,
                    call_seconds = excluded.call_seconds, list_promises = excluded.list_promises,
                    promise_descriptions = excluded.promise_descriptions, promise_dues = excluded.promise_dues,
                    keeps = excluded.keeps, saved_at = excluded.saved_at""")
                .params(
                        agent.value(),
                        caseId.value(),
                        draft.kind().name(),
                        draft.body(),
                        draft.channel() == null ? null : draft.channel().name(),
                        draft.then() == null ? null : draft.then().name(),
                        draft.call().direction() == null
                                ? null
                                : draft.call().direction().name(),
                        draft.call().minutes(),
                        draft.call().seconds(),
                        draft.listPromises(),
                        draft.promises().stream()
                                .map(p -> p.description() == null ? "" : p.description())
                                .toArray(String[]::new),
                        draft.promises().stream()
                                .map(p -> p.due() == null ? "" : p.due())
                                .toArray(String[]::new),
                        draft.keeps().stream().map(UUID::toString).toArray(String[]::new),
                        Sql.ts(draft.savedAt()))
                .update();
    }

    List<ComposerDraft> of(AgentId agent, CaseId caseId) {
        return db.sql("select * from case_draft where agent_id = ? and case_id = ?")
                .params(agent.value(), caseId.value())
                .query(Drafts::draft)
                .list();
    }

    void delete(AgentId agent, CaseId caseId, ComposerDraft.Kind kind) {
        db.sql("delete from case_draft where agent_id = ? and case_id = ? and kind = ?")
                .params(agent.value(), caseId.value(), kind.name())
                .update();
    }

    private static ComposerDraft draft(ResultSet rs, int row) throws SQLException {
        var descriptions = Sql.strings(rs, "promise_descriptions");
        var dues = Sql.strings(rs, "promise_dues");
        var promises = new ArrayList<Composer.PromiseDraft>();
        for (int i = 0; i < Math.max(descriptions.size(), dues.size()); i++) {
            promises.add(new Composer.PromiseDraft(
                    i < descriptions.size() ? descriptions.get(i) : "", i < dues.size() ? dues.get(i) : ""));
        }
        var direction = rs.getString("call_direction");
        var channel = rs.getString("channel");
        var then = rs.getString("then_status");
        return new ComposerDraft(
                ComposerDraft.Kind.valueOf(rs.getString("kind")),
                rs.getString("body"),
                channel == null ? null : Channel.valueOf(channel),
                then == null ? null : CaseStatus.valueOf(then),
                new ComposerDraft.Call(
                        direction == null ? null : CallDirection.valueOf(direction),
                        rs.getObject("call_minutes", Integer.class),
                        rs.getObject("call_seconds", Integer.class)),
                rs.getObject("list_promises", Boolean.class),
                promises,
                Sql.strings(rs, "keeps").stream().map(UUID::fromString).toList(),
                Sql.instant(rs, "saved_at"));
    }
}
