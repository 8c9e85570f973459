package org.followthrough.notifications;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who wants their alerts by email as well as in Needs you now. Each agent decides for themselves;
 * an agent who is switched off gets no mail whatever they chose.
 */
@Service
public class AlertSubscriptions {

    /** An agent who gets alerts by email, with what the mail needs: where to and in which time zone. */
    record Subscriber(AgentId id, String email, String displayName, ZoneId zone) {}

    private final JdbcClient db;
    private final Clock clock;

    AlertSubscriptions(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public boolean subscribed(AgentId agent) {
        return db.sql("select exists (select 1 from agent_mail_alerts where agent_id = ?)")
                .param(agent.value())
                .query(Boolean.class)
                .single();
    }

    @Transactional
    public void subscribe(AgentId agent) {
        db.sql("insert into agent_mail_alerts (agent_id, since) values (?, ?) on conflict (agent_id) do nothing")
                .params(agent.value(), Sql.ts(clock.instant()))
                .update();
    }

    @Transactional
    public void unsubscribe(AgentId agent) {
        db.sql("delete from agent_mail_alerts where agent_id = ?")
                .param(agent.value())
                .update();
    }

    /** Those of these agents who asked for alerts by email and are active, in the order given. */
    List<Subscriber> among(Collection<AgentId> agents) {
        if (agents.isEmpty()) {
            return List.of();
        }
        var ids = agents.stream().map(AgentId::value).distinct().toList();
        var found = db.sql("""
                        select a.id, a.email, a.display_name, a.time_zone
                        from agent_mail_alerts s join agent_summary a on a.id = s.agent_id
                        where a.active and s.agent_id = any(?)""")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> new Subscriber(
                        new AgentId(Sql.uuid(rs, "id")),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        zone(rs.getString("time_zone"))))
                .list();
        return ids.stream()
                .flatMap(id -> found.stream().filter(s -> s.id().value().equals(id)))
                .toList();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
