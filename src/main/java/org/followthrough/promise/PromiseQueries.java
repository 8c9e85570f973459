package org.followthrough.promise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.cases.CaseAccess;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.CaseQueries;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.followthrough.promise.PromiseView.CaseRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Promises as pages, the API, mail and the "Needs you now" list read them: with the names of their
 * case, customer and owner from the published views {@code case_summary}, {@code customer_summary}
 * and {@code agent_summary} (ADR 017). Read only.
 */
@Service
public class PromiseQueries {

    /** One change of a promise's due time, with the message that told the customer. */
    public record DueChange(Instant changedAt, Instant previousDueAt, Instant dueAt, UUID messageEntryId, String by) {}

    /** What the customer may see of a promise: what, by when, and how it stands. */
    public record CustomerPromise(String description, Instant dueAt, PromiseState state, Instant keptAt) {}

    /** Which promises a list shows. Null owners or teams mean anyone's. */
    public record Query(
            List<PromiseState> states,
            List<AgentId> owners,
            List<TeamId> teams,
            Instant dueBefore,
            CaseId caseId,
            Instant remindedBy) {

        public Query {
            states = states == null ? List.of() : List.copyOf(states);
        }

        public Query(
                List<PromiseState> states, List<AgentId> owners, List<TeamId> teams, Instant dueBefore, CaseId caseId) {
            this(states, owners, teams, dueBefore, caseId, null);
        }
    }

    private static final String SELECT = """
            select p.*, c.number as case_number, c.subject as case_subject, cu.name as customer_name,
                   a.display_name as owner_name
            from promise p
            join case_summary c on c.id = p.case_id
            join customer_summary cu on cu.id = p.customer_id
            join agent_summary a on a.id = p.owner_id
            """;

    private static final String NEEDING_ATTENTION = " " + """
            where p.state in ('OPEN', 'RENEGOTIATED', 'BROKEN')
               and ((p.owner_id = ? and (p.state = 'BROKEN' or p.remind_at <= ? or p.due_at <= ?))
                    or (p.state = 'BROKEN' and p.team_id = any(?)))""";

    private final JdbcClient db;
    private final CaseQueries cases;
    private final CaseAccess access;
    private final Clock clock;

    PromiseQueries(JdbcClient db, CaseQueries cases, CaseAccess access, Clock clock) {
        this.db = db;
        this.cases = cases;
        this.access = access;
        this.clock = clock;
    }

    public Optional<PromiseView> find(PromiseId id) {
        return db.sql(SELECT + " where p.id = ?")
                .param(id.value())
                .query(PromiseQueries::view)
                .optional();
    }

    public PromiseView get(PromiseId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Promise", id));
    }

    /** The promise if this scope may read its case; otherwise it is not found. */
    public PromiseView get(PromiseId id, CaseAccess.Scope scope) {
        var promise = get(id);
        try {
            cases.get(promise.supportCase().id(), scope);
        } catch (NotFoundException e) {
            throw new NotFoundException("Promise", id);
        }
        return promise;
    }

    /** A case's promises, in the order they were made. */
    public List<PromiseView> ofCase(CaseId caseId) {
        return db.sql(SELECT + " where p.case_id = ? order by p.made_at, p.id")
                .param(caseId.value())
                .query(PromiseQueries::view)
                .list();
    }

    /** A case's promises still owed: pending or broken. Soonest due first. */
    public List<PromiseView> unsettledOfCase(CaseId caseId) {
        return db.sql(SELECT
                        + " where p.case_id = ? and p.state in ('OPEN', 'RENEGOTIATED', 'BROKEN') order by p.due_at")
                .param(caseId.value())
                .query(PromiseQueries::view)
                .list();
    }

    /** The list the customer may see on a case: every promise but the released ones. */
    public List<CustomerPromise> visibleToCustomer(CaseId caseId) {
        return db.sql("""
                select description, due_at, state, kept_at from promise
                where case_id = ? and state <> 'RELEASED' order by made_at, id""")
                .param(caseId.value())
                .query((rs, n) -> new CustomerPromise(
                        rs.getString("description"),
                        Sql.instant(rs, "due_at"),
                        PromiseState.valueOf(rs.getString("state")),
                        Sql.instant(rs, "kept_at")))
                .list();
    }

    public List<DueChange> dueChanges(PromiseId id) {
        return db.sql("""
                select changed_at, previous_due_at, due_at, message_entry_id, changed_by_name
                from promise_due_change where promise_id = ? order by changed_at""")
                .param(id.value())
                .query((rs, n) -> new DueChange(
                        Sql.instant(rs, "changed_at"),
                        Sql.instant(rs, "previous_due_at"),
                        Sql.instant(rs, "due_at"),
                        Sql.uuid(rs, "message_entry_id"),
                        rs.getString("changed_by_name")))
                .list();
    }

    /** Promises on the cases this scope may read, by due time, keyset-paged on (due_at, id). */
    public Slice<PromiseView> list(Query query, CaseAccess.Scope scope, String cursor, int limit) {
        if (query.dueBefore() != null && query.dueBefore().isAfter(Sql.LATEST)) {
            throw new InvalidInputException("dueBefore", "must be before the year 10000");
        }
        var visible = access.visibleCaseId(scope, "p.case_id");
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
        var sql = SELECT + " where " + String.join(" and ", where) + " order by p.due_at, p.id limit ?";
        params.add(limit + 1);
        var rows = db.sql(sql).params(params).query(PromiseQueries::view).list();
        return Slice.of(rows, limit, p -> Keyset.of(p.dueAt(), p.id().value()));
    }

    /** How many match on the cases this scope may read, counting no further than {@code cap}; unsettled by default. */
    public long count(Query query, CaseAccess.Scope scope, int cap) {
        var states = query.states().isEmpty() ? List.copyOf(PromiseState.UNSETTLED) : query.states();
        var visible = access.visibleCaseId(scope, "p.case_id");
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        filter(
                new Query(states, query.owners(), query.teams(), query.dueBefore(), query.caseId(), query.remindedBy()),
                where,
                params);
        where.add(visible.sql());
        params.addAll(visible.params());
        params.add(cap);
        return db.sql("select count(*) from (select 1 from promise p where " + String.join(" and ", where)
                        + " limit ?) capped")
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * What needs this agent now: their own promises inside the reminder window, past due or broken,
     * and, for the teams they supervise, their colleagues' broken ones. Soonest due first.
     */
    public List<PromiseView> needingAttention(CaseAccess.Scope scope, int limit) {
        var visible = access.visibleCaseId(scope, "p.case_id");
        var params = attentionParams(scope, visible);
        params.add(limit);
        return db.sql(SELECT + NEEDING_ATTENTION + " and " + visible.sql() + " order by p.due_at, p.id limit ?")
                .params(params)
                .query(PromiseQueries::view)
                .list();
    }

    public long countNeedingAttention(CaseAccess.Scope scope, int cap) {
        var visible = access.visibleCaseId(scope, "p.case_id");
        var params = attentionParams(scope, visible);
        params.add(cap);
        return db.sql("select count(*) from (select 1 from promise p" + NEEDING_ATTENTION + " and " + visible.sql()
                        + " limit ?) capped")
                .params(params)
                .query(Long.class)
                .single();
    }

    private List<Object> attentionParams(CaseAccess.Scope scope, CaseAccess.Condition visible) {
        var now = clock.instant();
        var params = new ArrayList<Object>(List.of(
                scope.agent().value(),
                Sql.ts(now),
                Sql.ts(now),
                scope.supervisedTeams().stream().map(TeamId::value).toArray(UUID[]::new)));
        params.addAll(visible.params());
        return params;
    }

    private static void filter(Query query, List<String> where, List<Object> params) {
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

    private static PromiseView view(ResultSet rs, int row) throws SQLException {
        var promise = Promises.promise(rs, row);
        return PromiseView.of(
                promise,
                new CaseRef(promise.caseId(), rs.getLong("case_number"), rs.getString("case_subject")),
                rs.getString("customer_name"),
                rs.getString("owner_name"));
    }
}
