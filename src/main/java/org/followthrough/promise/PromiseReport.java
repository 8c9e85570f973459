package org.followthrough.promise;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How promises made in a period turned out, per agent (their current owner) and per team, with a
 * total. The kept-on-time rate is the share kept by their due time among those whose outcome is
 * known: released promises and ones still open are left out of it.
 */
@Service
public class PromiseReport {

    /** One line of the report: an agent, a team, or the total. */
    public record Line(
            Grouping grouping,
            UUID id,
            String name,
            long made,
            long keptOnTime,
            long keptLate,
            long broken,
            long renegotiated,
            long released,
            long stillOpen) {

        /** Kept on time among promises with a known outcome, or null when none has one yet. */
        public Double keptOnTimeRate() {
            long decided = made - released - stillOpen;
            return decided <= 0 ? null : (double) keptOnTime / decided;
        }
    }

    public enum Grouping {
        AGENT,
        TEAM,
        TOTAL
    }

    public record Report(Instant from, Instant to, List<Line> agents, List<Line> teams, Line total) {}

    private final JdbcClient db;

    PromiseReport(JdbcClient db) {
        this.db = db;
    }

    public Report of(Instant from, Instant to) {
        return of(from, to, null);
    }

    /** The report over the promises of these teams only; null means every team (and none). */
    public Report of(Instant from, Instant to, List<TeamId> teams) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInputException("from", "must be before to");
        }
        var lines = db.sql("""
                select case when grouping(p.owner_id) = 0 then 'AGENT'
                            when grouping(p.team_id) = 0 then 'TEAM' else 'TOTAL' end as grouping,
                       coalesce(p.owner_id, p.team_id) as id,
                       case when grouping(p.owner_id) = 0 then min(a.display_name)
                            when grouping(p.team_id) = 0 then min(t.name) end as name,
                       count(*) as made,
                       count(*) filter (where p.state = 'KEPT' and p.broken_at is null and p.kept_at <= p.due_at) as kept_on_time,
                       count(*) filter (where p.state = 'KEPT' and (p.broken_at is not null or p.kept_at > p.due_at)) as kept_late,
                       count(*) filter (where p.broken_at is not null) as broken,
                       count(*) filter (where p.renegotiations > 0) as renegotiated,
                       count(*) filter (where p.state = 'RELEASED') as released,
                       count(*) filter (where p.state in ('OPEN', 'RENEGOTIATED')) as still_open
                from promise p
                join agent_summary a on a.id = p.owner_id
                left join team_summary t on t.id = p.team_id
                where p.made_at >= ? and p.made_at < ? %s
                group by grouping sets ((p.owner_id), (p.team_id), ())
                order by 1, 3""".formatted(teams == null ? "" : "and p.team_id = any(?)"))
                .params(
                        teams == null
                                ? List.of(Sql.ts(from), Sql.ts(to))
                                : List.of(
                                        Sql.ts(from),
                                        Sql.ts(to),
                                        teams.stream().map(TeamId::value).toArray(UUID[]::new)))
                .query((rs, n) -> new Line(
                        Grouping.valueOf(rs.getString("grouping")),
                        Sql.uuid(rs, "id"),
                        rs.getString("name"),
                        rs.getLong("made"),
                        rs.getLong("kept_on_time"),
                        rs.getLong("kept_late"),
                        rs.getLong("broken"),
                        rs.getLong("renegotiated"),
                        rs.getLong("released"),
                        rs.getLong("still_open")))
                .list();
        var total = lines.stream()
                .filter(l -> l.grouping() == Grouping.TOTAL)
                .findFirst()
                .orElse(new Line(Grouping.TOTAL, null, null, 0, 0, 0, 0, 0, 0, 0));
        return new Report(
                from,
                to,
                lines.stream().filter(l -> l.grouping() == Grouping.AGENT).toList(),
                lines.stream().filter(l -> l.grouping() == Grouping.TEAM).toList(),
                total);
    }
}
