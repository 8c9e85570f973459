package org.followthrough.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Sql;

/**
 * One ordered index range of an inbox view, as SQL: the conditions on {@code support_case c} and
 * their parameters. A view over several teams is one branch per team, so each walks its own range
 * of the inbox indexes; the promise filters read the promise module's published {@code promise_summary}.
 */
record InboxBranch(String where, List<Object> params) {

    static final String UNSETTLED = "p.state in ('OPEN', 'RENEGOTIATED', 'BROKEN')";

    /** The case owes its customer a promise. */
    static final String OWES_ANY =
            "exists (select 1 from promise_summary p where p.case_id = c.id and " + UNSETTLED + ")";

    /**
     * The case owes a promise past its due: marked broken (a broken promise's due time has passed),
     * or pending with its due timer not yet run. Takes now.
     */
    private static final String OWES_BROKEN =
            "exists (select 1 from promise_summary p where p.case_id = c.id and " + UNSETTLED + " and p.due_at <= ?)";

    /** The case owes a pending promise inside its reminder window; takes now twice. */
    private static final String OWES_AT_RISK = "exists (select 1 from promise_summary p where p.case_id = c.id"
            + " and p.state in ('OPEN', 'RENEGOTIATED') and p.due_at > ? and p.remind_at <= ?)";

    static List<InboxBranch> visible(
            InboxView view, CaseQueries.Viewer viewer, InboxPromiseFilter promises, Instant now) {
        return restrict(branches(view, viewer, now), viewer, promises, now);
    }

    /** A saved view is one branch: its filters on the case's columns, then its promise filter. */
    static List<InboxBranch> visible(SavedView saved, CaseQueries.Viewer viewer, Instant now) {
        var f = saved.filters();
        var where = new StringBuilder();
        var params = new ArrayList<Object>();
        if (f.status() == null) {
            where.append("c.active");
        } else {
            where.append("c.status = ?");
            params.add(f.status().name());
        }
        if (f.team() != null) {
            where.append(" and c.team_id = ?");
            params.add(f.team().value());
        }
        if (f.owner() != null) {
            where.append(" and c.owner_id = ?");
            params.add(f.owner().value());
        }
        if (f.tag() != null) {
            where.append(" and c.tags @> array[?]::text[]");
            params.add(f.tag());
        }
        if (f.priority() != null) {
            where.append(" and c.priority = ?");
            params.add(f.priority().rank());
        }
        if (f.channel() != null) {
            where.append(" and c.channel = ?");
            params.add(f.channel().name());
        }
        if (f.waitingHours() != null) {
            where.append(" and c.waiting_since <= ?");
            params.add(Sql.ts(now.minus(Duration.ofHours(f.waitingHours()))));
        }
        return restrict(List.of(new InboxBranch(where.toString(), params)), viewer, f.promise(), now);
    }

    private static List<InboxBranch> restrict(
            List<InboxBranch> branches, CaseQueries.Viewer viewer, InboxPromiseFilter promises, Instant now) {
        var visible = viewer.visible();
        return branches.stream()
                .map(b -> {
                    var where = new StringBuilder(b.where());
                    var params = new ArrayList<Object>(b.params());
                    if (promises != null) {
                        switch (promises) {
                            case BROKEN -> {
                                where.append(" and ").append(OWES_BROKEN);
                                params.add(Sql.ts(now));
                            }
                            case AT_RISK -> {
                                where.append(" and ").append(OWES_AT_RISK);
                                params.add(Sql.ts(now));
                                params.add(Sql.ts(now));
                            }
                            case ANY -> where.append(" and ").append(OWES_ANY);
                            case NONE -> where.append(" and not ").append(OWES_ANY);
                        }
                    }
                    params.addAll(visible.params());
                    return new InboxBranch(where + " and " + visible.sql(), params);
                })
                .toList();
    }

    private static List<InboxBranch> branches(InboxView view, CaseQueries.Viewer viewer, Instant now) {
        return switch (view) {
            case MINE ->
                List.of(new InboxBranch(
                        "c.active and c.owner_id = ?", List.of(viewer.agent().value())));
            case UNASSIGNED -> {
                if (viewer.teams().isEmpty()) {
                    yield List.of(new InboxBranch("c.active and c.owner_id is null", List.of()));
                }
                var branches = new ArrayList<InboxBranch>();
                for (var team : viewer.teams()) {
                    branches.add(new InboxBranch(
                            "c.active and c.owner_id is null and c.team_id = ?", List.of(team.value())));
                }
                branches.add(new InboxBranch("c.active and c.owner_id is null and c.team_id is null", List.of()));
                yield branches;
            }
            case OPEN -> List.of(new InboxBranch("c.active", List.of()));
            case WAITING ->
                List.of(new InboxBranch("c.status in ('WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY')", List.of()));
            case BROKEN -> {
                if (viewer.teams().isEmpty()) {
                    yield List.of(new InboxBranch("c.active and " + OWES_BROKEN, List.of(Sql.ts(now))));
                }
                yield List.of(new InboxBranch(
                        "c.active and c.team_id = any(?) and " + OWES_BROKEN,
                        List.of(viewer.teams().stream().map(TeamId::value).toArray(UUID[]::new), Sql.ts(now))));
            }
        };
    }
}
