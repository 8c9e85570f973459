package org.followthrough.promise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Promises in PostgreSQL, read with the names of their case, customer and owner. */
@Repository
class PromiseStore {

    private static final String SELECT = """
            select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name,
                   a.display_name as owner_name
            from promise p
            join case_summary c on c.id = p.case_id
            join customer_summary cu on cu.id = p.customer_id
            join agent_summary a on a.id = p.owner_id
            """;

    private final JdbcClient db;

    PromiseStore(JdbcClient db) {
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

    void recordDueChange(Promise before, Promise after, UUID messageEntry, Actor by) {
        db.sql("""
                insert into promise_due_change (promise_id, changed_at, previous_due_at, due_at, message_entry_id,
                                                changed_by_id, changed_by_name)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        after.id().value(),
                        Sql.ts(after.updatedAt()),
                        Sql.ts(before.dueAt()),
                        Sql.ts(after.dueAt()),
                        messageEntry,
                        by.id(),
                        by.name())
                .update();
    }

    /** The promise, locked until the transaction ends: one change at a time. */
    Optional<Promise> lock(PromiseId id) {
        return db.sql(SELECT + " where p.id = ? for update of p")
                .param(id.value())
                .query(this::promise)
                .optional();
    }

    Optional<Promise> find(PromiseId id) {
        return db.sql(SELECT + " where p.id = ?")
                .param(id.value())
                .query(this::promise)
                .optional();
    }

    List<Promise> ofCase(CaseId id) {
        return db.sql(SELECT + " where p.case_id = ? order by p.made_at, p.id")
                .param(id.value())
                .query(this::promise)
                .list();
    }

    List<Promise> unsettledOfCase(CaseId id) {
        return db.sql(SELECT
                        + " where p.case_id = ? and p.state in ('OPEN', 'RENEGOTIATED', 'BROKEN') order by p.due_at")
                .param(id.value())
                .query(this::promise)
                .list();
    }

    List<Promises.DueChange> dueChanges(PromiseId id) {
        return db.sql("""
                select changed_at, previous_due_at, due_at, message_entry_id, changed_by_name
                from promise_due_change where promise_id = ? order by changed_at""")
                .param(id.value())
                .query((rs, n) -> new Promises.DueChange(
                        Sql.instant(rs, "changed_at"),
                        Sql.instant(rs, "previous_due_at"),
                        Sql.instant(rs, "due_at"),
                        Sql.uuid(rs, "message_entry_id"),
                        rs.getString("changed_by_name")))
                .list();
    }

    /** Promises by due time, keyset-paged on (due_at, id). */
    Slice<Promise> list(Promises.Query query, CaseAccess.Condition visible, String cursor, int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        filter(query, where, params);
        where.add(visible.sql());
        params.addAll(visible.params());
        if (cursor != null) {
            var after = Keyset.decode(cursor, 2);
            where.add("(p.due_at, p.id) > (?, ?)");
            params.add(Sql.ts(after.instant(0)));
            params.add(after.uuid(1));
        }
        var sql = SELECT + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by p.due_at, p.id limit ?";
        params.add(limit + 1);
        var rows = db.sql(sql).params(params).query(this::promise).list();
        return Slice.of(rows, limit, p -> Keyset.of(p.dueAt(), p.id().value()));
    }

    /** How many match, counting no further than {@code cap}. */
    long count(Promises.Query query, CaseAccess.Condition visible, int cap) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        filter(query, where, params);
        where.add(visible.sql());
        params.addAll(visible.params());
        params.add(cap);
        return db.sql("select count(*) from (select 1 from promise p"
                        + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " limit ?) capped")
                .params(params)
                .query(Long.class)
                .single();
    }

    private static void filter(Promises.Query query, List<String> where, List<Object> params) {
        if (!query.states().isEmpty()) {
            where.add("p.state = any(?)");
            params.add(query.states().stream().map(Enum::name).toArray(String[]::new));
        }
        if (query.owners() != null) {
            where.add("p.owner_id = any(?)");
            params.add(query.owners().stream().map(AgentId::value).toArray(UUID[]::new));
        }
        if (query.teams() != null) {
            where.add("p.team_id = any(?)");
            params.add(query.teams().stream().map(TeamId::value).toArray(UUID[]::new));
        }
        if (query.dueBefore() != null) {
            where.add("p.due_at < ?");
            params.add(Sql.ts(query.dueBefore()));
        }
        if (query.caseId() != null) {
            where.add("p.case_id = ?");
            params.add(query.caseId().value());
        }
        if (query.remindedBy() != null) {
            where.add("(p.remind_at <= ? or p.due_at <= ?)");
            params.add(Sql.ts(query.remindedBy()));
            params.add(Sql.ts(query.remindedBy()));
        }
    }

    private static final String NEEDING_ATTENTION = " " + """
            where p.state in ('OPEN', 'RENEGOTIATED', 'BROKEN')
               and ((p.owner_id = ? and (p.state = 'BROKEN' or p.remind_at <= ? or p.due_at <= ?))
                    or (p.state = 'BROKEN' and p.team_id = any(?)))""";

    List<Promise> needingAttention(
            AgentId agent, List<TeamId> supervised, CaseAccess.Condition visible, Instant now, int limit) {
        var params = new ArrayList<Object>(List.of(
                agent.value(),
                Sql.ts(now),
                Sql.ts(now),
                supervised.stream().map(TeamId::value).toArray(UUID[]::new)));
        params.addAll(visible.params());
        params.add(limit);
        return db.sql(SELECT + NEEDING_ATTENTION + " and " + visible.sql() + " order by p.due_at, p.id limit ?")
                .params(params)
                .query(this::promise)
                .list();
    }

    long countNeedingAttention(
            AgentId agent, List<TeamId> supervised, CaseAccess.Condition visible, Instant now, int cap) {
        var params = new ArrayList<Object>(List.of(
                agent.value(),
                Sql.ts(now),
                Sql.ts(now),
                supervised.stream().map(TeamId::value).toArray(UUID[]::new)));
        params.addAll(visible.params());
        params.add(cap);
        return db.sql("select count(*) from (select 1 from promise p" + NEEDING_ATTENTION + " and " + visible.sql()
                        + " limit ?) capped")
                .params(params)
                .query(Long.class)
                .single();
    }

    private Promise promise(ResultSet rs, int row) throws SQLException {
        var team = Sql.uuid(rs, "team_id");
        return new Promise(
                new PromiseId(Sql.uuid(rs, "id")),
                new CaseId(Sql.uuid(rs, "case_id")),
                rs.getLong("case_number"),
                rs.getString("case_subject"),
                new CustomerId(Sql.uuid(rs, "customer_id")),
                rs.getString("customer_name"),
                team == null ? null : new TeamId(team),
                rs.getString("description"),
                Sql.uuid(rs, "made_in_entry_id"),
                new Actor(
                        Actor.Type.valueOf(rs.getString("made_by_type")),
                        Sql.uuid(rs, "made_by_id"),
                        rs.getString("made_by_name")),
                new AgentId(Sql.uuid(rs, "owner_id")),
                rs.getString("owner_name"),
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
