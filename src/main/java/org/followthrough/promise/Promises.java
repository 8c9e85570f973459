package org.followthrough.promise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseId;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The promises as the write side sees them: loaded locked, saved whole, their due changes kept. */
@Repository
class Promises {

    private final JdbcClient db;

    Promises(JdbcClient db) {
        this.db = db;
    }

    void insert(Promise p) {
        db.sql("""
                insert into promise (id, case_id, customer_id, team_id, description, made_in_entry_id, made_by_type,
                                     made_by_id, made_by_name, owner_id, state, made_at, first_due_at, due_at,
                                     remind_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        p.id().value(),
                        p.caseId().value(),
                        p.customerId().value(),
                        p.teamId() == null ? null : p.teamId().value(),
                        p.description(),
                        p.madeInEntryId(),
                        p.madeBy().type().name(),
                        p.madeBy().id(),
                        p.madeBy().name(),
                        p.ownerId().value(),
                        p.state().name(),
                        Sql.ts(p.madeAt()),
                        Sql.ts(p.firstDueAt()),
                        Sql.ts(p.dueAt()),
                        Sql.ts(p.remindAt()),
                        Sql.ts(p.updatedAt()))
                .update();
    }

    void update(Promise p) {
        db.sql("""
                update promise set owner_id = ?, team_id = ?, state = ?, due_at = ?, remind_at = ?, reminded_at = ?,
                       broken_at = ?, kept_at = ?, kept_entry_id = ?, kept_note = ?, released_at = ?,
                       release_note = ?, renegotiations = ?, updated_at = ?, version = version + 1
                where id = ?""")
                .params(
                        p.ownerId().value(),
                        p.teamId() == null ? null : p.teamId().value(),
                        p.state().name(),
                        Sql.ts(p.dueAt()),
                        Sql.ts(p.remindAt()),
                        Sql.ts(p.remindedAt()),
                        Sql.ts(p.brokenAt()),
                        Sql.ts(p.keptAt()),
                        p.keptEntryId(),
                        p.keptNote(),
                        Sql.ts(p.releasedAt()),
                        p.releaseNote(),
                        p.renegotiations(),
                        Sql.ts(p.updatedAt()),
                        p.id().value())
                .update();
    }

    /** Keeps one change of the due time with the message that told the customer. */
    void recordDueChange(PromiseId id, Promise.Rescheduled change, UUID messageEntry, Actor by) {
        db.sql("""
                insert into promise_due_change (promise_id, changed_at, previous_due_at, due_at, message_entry_id,
                                                changed_by_id, changed_by_name)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        Sql.ts(change.at()),
                        Sql.ts(change.previousDueAt()),
                        Sql.ts(change.dueAt()),
                        messageEntry,
                        by.id(),
                        by.name())
                .update();
    }

    /** The promise, locked until the transaction ends: one change at a time. */
    Optional<Promise> lock(PromiseId id) {
        return db.sql("select * from promise where id = ? for update")
                .param(id.value())
                .query(Promises::promise)
                .optional();
    }

    /** A case's promises still owed, which change hands with the case; one indexed read. */
    List<Promise> unsettledOfCase(CaseId id) {
        return db.sql("""
                select * from promise where case_id = ? and state in ('OPEN', 'RENEGOTIATED', 'BROKEN')
                order by due_at""").param(id.value()).query(Promises::promise).list();
    }

    static Promise promise(ResultSet rs, int row) throws SQLException {
        var team = Sql.uuid(rs, "team_id");
        return new Promise(
                new PromiseId(Sql.uuid(rs, "id")),
                new CaseId(Sql.uuid(rs, "case_id")),
                new CustomerId(Sql.uuid(rs, "customer_id")),
                team == null ? null : new TeamId(team),
                rs.getString("description"),
                Sql.uuid(rs, "made_in_entry_id"),
                new Actor(
                        Actor.Type.valueOf(rs.getString("made_by_type")),
                        Sql.uuid(rs, "made_by_id"),
                        rs.getString("made_by_name")),
                new AgentId(Sql.uuid(rs, "owner_id")),
                PromiseState.valueOf(rs.getString("state")),
                Sql.instant(rs, "made_at"),
                Sql.instant(rs, "first_due_at"),
                Sql.instant(rs, "due_at"),
                Sql.instant(rs, "remind_at"),
                Sql.instant(rs, "reminded_at"),
                Sql.instant(rs, "broken_at"),
                Sql.instant(rs, "kept_at"),
                Sql.uuid(rs, "kept_entry_id"),
                rs.getString("kept_note"),
                Sql.instant(rs, "released_at"),
                rs.getString("release_note"),
                rs.getInt("renegotiations"),
                Sql.instant(rs, "updated_at"));
    }
}
