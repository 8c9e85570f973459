package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The inbox as pages read it: the built-in views and the saved ones, each case with its next
 * promise and how long the customer has waited, sorted by any column, counted up to
 * {@link CaseQueries#COUNT_CAP}. Every page seeks from a keyset cursor along one of the inbox
 * indexes, so it costs the same at a million cases as at a thousand.
 */
@Service
public class InboxQueries {

    private static final int COUNT_CAP = CaseQueries.COUNT_CAP;

    private final JdbcClient db;
    private final Clock clock;
    private final SavedViews savedViews;

    InboxQueries(JdbcClient db, Clock clock, SavedViews savedViews) {
        this.db = db;
        this.clock = clock;
        this.savedViews = savedViews;
    }

    public Slice<CaseView> inbox(InboxView view, CaseQueries.Viewer viewer, InboxSort sort, String cursor, int limit) {
        return inbox(view, viewer, sort, null, cursor, limit).map(InboxRow::supportCase);
    }

    /**
     * A page of an inbox view with each case's next promise and waiting time, kept to the cases owing
     * promises as {@code promises} says (null keeps all).
     */
    public Slice<InboxRow> inbox(
            InboxView view,
            CaseQueries.Viewer viewer,
            InboxSort sort,
            InboxPromiseFilter promises,
            String cursor,
            int limit) {
        var now = clock.instant();
        return page(InboxBranch.visible(view, viewer, promises, now), Order.of(sort), cursor, limit, now);
    }

    /**
     * A single-part order seeks from its cursor. A two-part order (next promise due, waiting since)
     * first walks the cases that have its key, then the others by newest activity; its cursor says
     * which part it continues, {@code P|key} or {@code A|last activity|case}.
     */
    private Slice<InboxRow> page(List<InboxBranch> branches, Order order, String cursor, int limit, Instant now) {
        boolean fromStart = cursor == null || cursor.isBlank();
        if (order.rest == null) {
            var seek = fromStart ? null : order.seekValues(Keyset.decode(cursor, order.parts));
            return Slice.of(rows(branches, order, seek, limit + 1, now), limit, order.key);
        }
        var key = fromStart ? null : Keyset.decode(cursor, order.parts + 1);
        var part = key == null ? "P" : key.parts().getFirst();
        var rest = key == null
                ? null
                : new Keyset(key.parts().subList(1, key.parts().size()));
        if (!part.equals("P") && !(part.equals("A") && order.parts == Order.ACTIVITY.parts)) {
            throw new InvalidInputException("cursor", "is not a cursor this list produced");
        }
        var rows = new ArrayList<InboxRow>();
        if (part.equals("P")) {
            rows.addAll(rows(branches, order, rest == null ? null : order.seekValues(rest), limit + 1, now));
        }
        if (rows.size() <= limit) {
            var others = branches.stream()
                    .map(b -> new InboxBranch(b.where() + " and " + order.rest, b.params()))
                    .toList();
            var seek = part.equals("A") ? Order.ACTIVITY.seekValues(rest) : null;
            rows.addAll(rows(others, Order.ACTIVITY, seek, limit + 1 - rows.size(), now));
        }
        return Slice.of(rows, limit, r -> {
            var first = order.firstPart.test(r);
            var parts = new ArrayList<String>();
            parts.add(first ? "P" : "A");
            parts.addAll((first ? order.key : Order.ACTIVITY.key).apply(r).parts());
            return new Keyset(parts);
        });
    }

    /** How many cases a view holds, up to {@link #COUNT_CAP} + 1. */
    public long count(InboxView view, CaseQueries.Viewer viewer) {
        return count(view, viewer, null);
    }

    /** How many cases a view holds with this promise filter (null: any), up to {@link #COUNT_CAP} + 1. */
    public long count(InboxView view, CaseQueries.Viewer viewer, InboxPromiseFilter promises) {
        return count(InboxBranch.visible(view, viewer, promises, clock.instant()));
    }

    /** The saved views this agent sees as tabs: their own and the shared ones. */
    public List<SavedView> savedViews(AgentId agent) {
        return savedViews.of(agent);
    }

    /** A saved view this agent may open: shared, or their own; any other is not found. */
    public SavedView savedView(UUID id, AgentId agent) {
        return savedViews
                .find(id)
                .filter(v -> v.shared() || v.createdBy().equals(agent))
                .orElseThrow(() -> new NotFoundException("Saved view", id));
    }

    /** A page of a saved view, in the viewer's reach. */
    public Slice<InboxRow> inbox(SavedView saved, CaseQueries.Viewer viewer, InboxSort sort, String cursor, int limit) {
        var now = clock.instant();
        return page(InboxBranch.visible(saved, viewer, now), Order.of(sort), cursor, limit, now);
    }

    /** How many cases a saved view holds in the viewer's reach, up to {@link #COUNT_CAP} + 1. */
    public long count(SavedView saved, CaseQueries.Viewer viewer) {
        return count(InboxBranch.visible(saved, viewer, clock.instant()));
    }

    private long count(List<InboxBranch> branches) {
        var sql = new StringBuilder("select count(*) from (");
        var params = new ArrayList<Object>();
        for (int i = 0; i < branches.size(); i++) {
            sql.append(i == 0 ? "" : " union all ")
                    .append("(select 1 from support_case c where ")
                    .append(branches.get(i).where())
                    .append(" limit ?)");
            params.addAll(branches.get(i).params());
            params.add(COUNT_CAP + 1);
        }
        sql.append(") counted");
        return Math.min(db.sql(sql.toString()).params(params).query(Long.class).single(), COUNT_CAP + 1);
    }

    /**
     * How many cases of a view were opened after case number {@code after}, up to {@link #COUNT_CAP}
     * + 1: the inbox's "new cases" bar. Case numbers only grow, so each branch reads the newest end
     * of the number index.
     */
    public long countOpenedAfter(InboxView view, CaseQueries.Viewer viewer, long after) {
        var sql = new StringBuilder("select count(*) from (");
        var params = new ArrayList<Object>();
        var branches = InboxBranch.visible(view, viewer, null, clock.instant());
        for (int i = 0; i < branches.size(); i++) {
            sql.append(i == 0 ? "" : " union all ")
                    .append("(select 1 from support_case c where c.number > ? and ")
                    .append(branches.get(i).where())
                    .append(" limit ?)");
            params.add(after);
            params.addAll(branches.get(i).params());
            params.add(COUNT_CAP + 1);
        }
        sql.append(") counted");
        return Math.min(db.sql(sql.toString()).params(params).query(Long.class).single(), COUNT_CAP + 1);
    }

    /** The number of the newest case, 0 before the first. */
    public long latestNumber() {
        return db.sql("select coalesce(max(number), 0) from support_case")
                .query(Long.class)
                .single();
    }

    /** One filtered branch in order of last activity: the API's case list. */
    Slice<InboxRow> byActivity(String where, List<Object> params, String cursor, int limit) {
        return page(List.of(new InboxBranch(where, params)), Order.ACTIVITY, cursor, limit, clock.instant());
    }

    /**
     * How a page is ordered: which rows it walks ({@code from}, with the columns it selects and any
     * condition of its own), the condition that continues after a cursor, the order inside each
     * branch and across them, and the cursor of a row. A two-part order names the condition of the
     * rows it leaves to the second part ({@code rest}), which follows by newest activity.
     */
    private enum Order {
        ACTIVITY(
                "support_case c",
                "(c.last_activity_at, c.id) < (?, ?)",
                "c.last_activity_at desc, c.id desc",
                k -> List.of(Sql.ts(k.instant(0)), k.uuid(1)),
                r -> Keyset.of(
                        r.supportCase().clock().lastActivityAt(),
                        r.supportCase().id().value())),
        PRIORITY(
                "support_case c",
                "(c.priority, c.last_activity_at, c.id) < (?, ?, ?)",
                "c.priority desc, c.last_activity_at desc, c.id desc",
                k -> List.of(k.integer(0), Sql.ts(k.instant(1)), k.uuid(2)),
                r -> Keyset.of(
                        r.supportCase().priority().rank(),
                        r.supportCase().clock().lastActivityAt(),
                        r.supportCase().id().value())),
        NUMBER(
                "support_case c",
                "c.number < ?",
                "c.number desc",
                k -> List.of(k.longValue(0)),
                r -> Keyset.of(r.supportCase().number())),
        SUBJECT(
                "support_case c",
                "(c.subject, c.id) > (?, ?)",
                "c.subject, c.id",
                k -> List.of(k.parts().get(0), k.uuid(1)),
                r -> Keyset.of(r.supportCase().subject(), r.supportCase().id().value())),
        /** Active statuses sort in their lifecycle order by name: new, open, waiting on customer, on a third party. */
        STATUS(
                "support_case c",
                "(c.status, c.id) > (?, ?)",
                "c.status, c.id",
                k -> List.of(k.parts().get(0), k.uuid(1)),
                r -> Keyset.of(
                        r.supportCase().status().name(), r.supportCase().id().value())),
        CUSTOMER(
                "c.*, cu.name as sort_name",
                "support_case c join customer_summary cu on cu.id = c.customer_id",
                "",
                "(cu.name, c.id) > (?, ?)",
                "cu.name, c.id",
                "c.sort_name, c.id",
                k -> List.of(k.parts().get(0), k.uuid(1)),
                r -> Keyset.of(
                        r.supportCase().people().customerName(),
                        r.supportCase().id().value()),
                null,
                null),
        /** Cases nobody owns come first: they are the ones to hand out. */
        OWNER(
                "c.*, coalesce(o.display_name, '') as sort_name",
                "support_case c left join agent_summary o on o.id = c.owner_id",
                "",
                "(coalesce(o.display_name, ''), c.id) > (?, ?)",
                "coalesce(o.display_name, ''), c.id",
                "c.sort_name, c.id",
                k -> List.of(k.parts().get(0), k.uuid(1)),
                r -> Keyset.of(
                        r.supportCase().people().ownerName() == null
                                ? ""
                                : r.supportCase().people().ownerName(),
                        r.supportCase().id().value()),
                null,
                null),
        /** Longest waiting first; the cases whose customer waits for nothing follow. */
        WAITING(
                "c.*",
                "support_case c",
                " and c.waiting_since is not null",
                "(c.waiting_since, c.id) > (?, ?)",
                "c.waiting_since, c.id",
                "c.waiting_since, c.id",
                k -> List.of(Sql.ts(k.instant(0)), k.uuid(1)),
                r -> Keyset.of(r.waitingSince(), r.supportCase().id().value()),
                "c.waiting_since is null",
                r -> r.waitingSince() != null),
        /** A case's first unsettled promise by due time is its place; the others are skipped. */
        PROMISE(
                "c.*, p.due_at as sort_due, p.id as sort_promise",
                "promise_summary p join support_case c on c.id = p.case_id",
                " and " + InboxBranch.UNSETTLED
                        + " and not exists (select 1 from promise_summary e where e.case_id = p.case_id"
                        + " and e.state in ('OPEN', 'RENEGOTIATED', 'BROKEN') and (e.due_at, e.id) < (p.due_at, p.id))",
                "(p.due_at, p.id) > (?, ?)",
                "p.due_at, p.id",
                "c.sort_due, c.sort_promise",
                k -> List.of(Sql.ts(k.instant(0)), k.uuid(1)),
                r -> Keyset.of(r.nextPromise().dueAt(), r.nextPromise().id()),
                "not " + InboxBranch.OWES_ANY,
                r -> r.nextPromise() != null);

        final String select;
        final String from;
        final String where;
        final String seek;
        final String innerOrder;
        final String outerOrder;
        final Function<Keyset, List<Object>> seekValues;
        final Function<InboxRow, Keyset> key;
        final int parts;
        final String rest;
        final Predicate<InboxRow> firstPart;

        /** An order of the case's own columns, the same inside the branches and across them. */
        Order(
                String from,
                String seek,
                String order,
                Function<Keyset, List<Object>> seekValues,
                Function<InboxRow, Keyset> key) {
            this("c.*", from, "", seek, order, order, seekValues, key, null, null);
        }

        Order(
                String select,
                String from,
                String where,
                String seek,
                String innerOrder,
                String outerOrder,
                Function<Keyset, List<Object>> seekValues,
                Function<InboxRow, Keyset> key,
                String rest,
                Predicate<InboxRow> firstPart) {
            this.select = select;
            this.from = from;
            this.where = where;
            this.seek = seek;
            this.innerOrder = innerOrder;
            this.outerOrder = outerOrder;
            this.seekValues = seekValues;
            this.key = key;
            this.parts = (int) seek.chars().filter(ch -> ch == '?').count();
            this.rest = rest;
            this.firstPart = firstPart;
        }

        static Order of(InboxSort sort) {
            return valueOf(sort.name());
        }

        List<Object> seekValues(Keyset key) {
            return seekValues.apply(key);
        }
    }

    /**
     * Picks the page from the view's index first — each branch walks its own index range in order and
     * stops at the page size — and only then joins the names, the next promise and the waiting time
     * for the rows it shows.
     */
    private List<InboxRow> rows(List<InboxBranch> branches, Order order, List<Object> seek, int fetch, Instant now) {
        var page = new StringBuilder();
        var params = new ArrayList<Object>();
        for (int i = 0; i < branches.size(); i++) {
            page.append(i == 0 ? "" : " union all ")
                    .append("(select ")
                    .append(order.select)
                    .append(" from ")
                    .append(order.from)
                    .append(" where ")
                    .append(branches.get(i).where())
                    .append(order.where)
                    .append(seek == null ? "" : " and " + order.seek)
                    .append(" order by ")
                    .append(order.innerOrder)
                    .append(" limit ?)");
            params.addAll(branches.get(i).params());
            if (seek != null) {
                params.addAll(seek);
            }
            params.add(fetch);
        }
        var sql = """
                select c.*, cu.name as customer_name, t.name as team_name, a.display_name as owner_name,
                       np.id as next_id, np.description as next_description, np.due_at as next_due_at,
                       np.state as next_state, np.remind_at as next_remind_at, na.display_name as next_owner_name
                from (select * from (%s) c order by %s limit ?) c
                join customer_summary cu on cu.id = c.customer_id
                left join team_summary t on t.id = c.team_id
                left join agent_summary a on a.id = c.owner_id
                left join lateral (
                    select p.id, p.description, p.due_at, p.state, p.remind_at, p.owner_id from promise_summary p
                    where p.case_id = c.id and %s order by p.due_at, p.id limit 1) np on true
                left join agent_summary na on na.id = np.owner_id
                order by %s""".formatted(page, order.outerOrder, InboxBranch.UNSETTLED, order.outerOrder);
        params.add(fetch);
        return db.sql(sql).params(params).query((rs, n) -> row(rs, n, now)).list();
    }

    private static InboxRow row(ResultSet rs, int n, Instant now) throws SQLException {
        InboxRow.NextPromise next = null;
        var nextId = Sql.uuid(rs, "next_id");
        if (nextId != null) {
            var due = Sql.instant(rs, "next_due_at");
            next = new InboxRow.NextPromise(
                    nextId,
                    rs.getString("next_description"),
                    due,
                    rs.getString("next_owner_name"),
                    InboxRow.NextPromise.standing(
                            rs.getString("next_state"), due, Sql.instant(rs, "next_remind_at"), now));
        }
        return new InboxRow(CaseQueries.view(rs, n), next, Sql.instant(rs, "waiting_since"));
    }
}
