package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.customer.CustomerActivity;
import org.followthrough.customer.CustomerCaseLine;
import org.followthrough.customer.CustomerId;
import org.followthrough.customer.OrganizationId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads cases for inboxes, pages and the API. Every list seeks from a keyset cursor along one of
 * the inbox indexes, so a page costs the same at a million cases as at a thousand.
 */
@Service
public class CaseQueries implements CustomerActivity {

    private static final String SELECT = """
            select c.*, cu.name as customer_name, t.name as team_name, a.display_name as owner_name
            from support_case c
            join customer_summary cu on cu.id = c.customer_id
            left join team_summary t on t.id = c.team_id
            left join agent_summary a on a.id = c.owner_id""";

    private final JdbcClient db;
    private final Timeline timeline;
    private final CaseAccess access;
    private final InboxQueries inbox;

    CaseQueries(JdbcClient db, Timeline timeline, CaseAccess access, InboxQueries inbox) {
        this.db = db;
        this.timeline = timeline;
        this.access = access;
        this.inbox = inbox;
    }

    /** Who is looking: inbox views depend on it, and show only the cases {@code visible} lets through. */
    public record Viewer(AgentId agent, List<TeamId> teams, CaseAccess.Condition visible) {

        public Viewer(AgentId agent, List<TeamId> teams) {
            this(agent, teams, CaseAccess.Condition.ALWAYS);
        }
    }

    /** The viewer of inboxes for this scope. */
    public Viewer viewer(CaseAccess.Scope scope) {
        return new Viewer(scope.agent(), scope.teams(), access.visible(scope, "c"));
    }

    /** Filters of the API's case list; null means any. */
    public record Filter(
            CaseStatus status, Boolean active, AgentId owner, TeamId team, CustomerId customer, String tag) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    public Optional<CaseView> find(CaseId id) {
        return db.sql(SELECT + " where c.id = ?")
                .param(id.value())
                .query(CaseQueries::view)
                .optional();
    }

    public CaseView get(CaseId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Case", id));
    }

    /** A case this scope may read; any other is not found, whether it exists or not. */
    public CaseView get(CaseId id, CaseAccess.Scope scope) {
        var visible = access.visible(scope, "c");
        return db.sql(SELECT + " where c.id = ? and " + visible.sql())
                .params(CaseAccess.prepend(id.value(), visible.params()))
                .query(CaseQueries::view)
                .optional()
                .orElseThrow(() -> new NotFoundException("Case", id));
    }

    /** The case with this number if this scope may read it; any other is not found. */
    public CaseView getByNumber(long number, CaseAccess.Scope scope) {
        return findByNumber(number, scope).orElseThrow(() -> new NotFoundException("Case", "#" + number));
    }

    /** The case with this number if this scope may read it. */
    public Optional<CaseView> findByNumber(long number, CaseAccess.Scope scope) {
        var visible = access.visible(scope, "c");
        return db.sql(SELECT + " where c.number = ? and " + visible.sql())
                .params(CaseAccess.prepend(number, visible.params()))
                .query(CaseQueries::view)
                .optional();
    }

    public Optional<CaseView> findByNumber(long number) {
        return db.sql(SELECT + " where c.number = ?")
                .param(number)
                .query(CaseQueries::view)
                .optional();
    }

    /** Counts stop here: beyond it the inbox says "1000+", and counting stays as cheap as a page. */
    public static final int COUNT_CAP = 1000;

    /** The API's case list: newest activity first, filtered. */
    public Slice<CaseView> list(Filter filter, CaseAccess.Scope scope, String cursor, int limit) {
        var visible = access.visible(scope, "c");
        var where = new StringBuilder(visible.sql());
        var params = new ArrayList<Object>(visible.params());
        if (filter.status() != null) {
            where.append(" and c.status = ?");
            params.add(filter.status().name());
        }
        if (filter.active() != null) {
            where.append(filter.active() ? " and c.active" : " and not c.active");
        }
        if (filter.owner() != null) {
            where.append(" and c.owner_id = ?");
            params.add(filter.owner().value());
        }
        if (filter.team() != null) {
            where.append(" and c.team_id = ?");
            params.add(filter.team().value());
        }
        if (filter.customer() != null) {
            where.append(" and c.customer_id = ?");
            params.add(filter.customer().value());
        }
        if (filter.tag() != null) {
            where.append(" and c.tags @> array[?]::text[]");
            params.add(filter.tag());
        }
        return inbox.byActivity(where.toString(), params, cursor, limit).map(InboxRow::supportCase);
    }

    public List<TimelineEntry> timeline(CaseId id) {
        return timeline.of(id, false);
    }

    public List<TimelineEntry> customerVisibleTimeline(CaseId id) {
        return timeline.of(id, true);
    }

    public int entryCount(CaseId id) {
        return timeline.count(id);
    }

    @Override
    public List<CustomerCaseLine> casesOf(CustomerId customer, SignedInAgent viewer, int limit) {
        var visible = access.visible(access.scopeOf(viewer), "c");
        var params = new ArrayList<Object>();
        params.add(customer.value());
        params.addAll(visible.params());
        params.add(limit);
        return db.sql("""
                select c.id, c.number, c.subject, c.status, c.active, a.display_name as owner_name, c.last_activity_at
                from support_case c left join agent_summary a on a.id = c.owner_id
                where c.customer_id = ? and %s order by c.last_activity_at desc limit ?""".formatted(visible.sql()))
                .params(params)
                .query(CaseQueries::line)
                .list();
    }

    @Override
    public List<CustomerCaseLine> casesOfOrganization(OrganizationId organization, SignedInAgent viewer, int limit) {
        var visible = access.visible(access.scopeOf(viewer), "c");
        var params = new ArrayList<Object>();
        params.add(organization.value());
        params.addAll(visible.params());
        params.add(limit);
        return db.sql("""
                select c.id, c.number, c.subject, c.status, c.active, a.display_name as owner_name, c.last_activity_at
                from support_case c join customer_summary cu on cu.id = c.customer_id left join agent_summary a on a.id = c.owner_id
                where cu.organization_id = ? and %s order by c.last_activity_at desc limit ?""".formatted(visible.sql()))
                .params(params)
                .query(CaseQueries::line)
                .list();
    }

    public List<CaseView> getAll(List<CaseId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var found = db.sql(SELECT + " where c.id = any(?)")
                .param(ids.stream().map(CaseId::value).toArray(UUID[]::new))
                .query(CaseQueries::view)
                .list();
        return ids.stream()
                .flatMap(id -> found.stream().filter(v -> v.id().equals(id)))
                .toList();
    }

    static CaseView view(ResultSet rs, int row) throws SQLException {
        var people = new CaseView.People(
                new CustomerId(Sql.uuid(rs, "customer_id")),
                rs.getString("customer_name"),
                TeamId.of(Sql.uuid(rs, "team_id")),
                rs.getString("team_name"),
                AgentId.of(Sql.uuid(rs, "owner_id")),
                rs.getString("owner_name"));
        var clock = new CaseView.Clock(
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "last_activity_at"),
                Sql.instant(rs, "resolved_at"),
                Sql.instant(rs, "closed_at"));
        return new CaseView(
                new CaseId(Sql.uuid(rs, "id")),
                rs.getLong("number"),
                rs.getString("subject"),
                CaseStatus.valueOf(rs.getString("status")),
                Priority.ofRank(rs.getInt("priority")),
                Channel.valueOf(rs.getString("channel")),
                Sql.strings(rs, "tags"),
                people,
                clock);
    }

    private static CustomerCaseLine line(ResultSet rs, int row) throws SQLException {
        return new CustomerCaseLine(
                Sql.uuid(rs, "id"),
                rs.getLong("number"),
                rs.getString("subject"),
                rs.getString("status"),
                rs.getBoolean("active"),
                rs.getString("owner_name"),
                Sql.instant(rs, "last_activity_at"));
    }
}
