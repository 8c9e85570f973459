package org.followthrough.promise;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.followthrough.audit.AuditLog;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each team's reminder policy; {@link ReminderPolicy#DEFAULT} where a team has none. */
@Service
public class PromisePolicies {

    private static final Duration MAX_LEAD = Duration.ofDays(14);

    private final JdbcClient db;
    private final AuditLog audit;
    private final Clock clock;

    PromisePolicies(JdbcClient db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public ReminderPolicy of(TeamId team) {
        if (team == null) {
            return ReminderPolicy.DEFAULT;
        }
        return db.sql("""
                select reminder_lead_percent, extract(epoch from reminder_lead_max)::bigint as lead_seconds
                from team_promise_policy where team_id = ?""")
                .param(team.value())
                .query((rs, n) -> new ReminderPolicy(rs.getInt(1), Duration.ofSeconds(rs.getLong(2))))
                .optional()
                .orElse(ReminderPolicy.DEFAULT);
    }

    @Transactional
    public ReminderPolicy save(TeamId team, int leadPercent, Duration leadMax, Actor by) {
        if (leadPercent < 0 || leadPercent > 100) {
            throw new InvalidInputException("leadPercent", "must be between 0 and 100");
        }
        if (leadMax == null || leadMax.isNegative() || leadMax.compareTo(MAX_LEAD) > 0) {
            throw new InvalidInputException("leadMaxHours", "must be between 0 and 336 hours");
        }
        var before = of(team);
        db.sql("""
                insert into team_promise_policy (team_id, reminder_lead_percent, reminder_lead_max, updated_at)
                values (?, ?, make_interval(secs => ?), ?)
                on conflict (team_id) do update set reminder_lead_percent = excluded.reminder_lead_percent,
                    reminder_lead_max = excluded.reminder_lead_max, updated_at = excluded.updated_at""")
                .params(team.value(), leadPercent, (double) leadMax.toSeconds(), Sql.ts(clock.instant()))
                .update();
        var after = new ReminderPolicy(leadPercent, leadMax);
        audit.record(
                by,
                "team",
                team.value(),
                "promise_policy_changed",
                Map.of(
                        "leadPercent",
                        before.leadPercent(),
                        "leadMax",
                        before.leadMax().toString()),
                Map.of("leadPercent", leadPercent, "leadMax", leadMax.toString()));
        return after;
    }
}
