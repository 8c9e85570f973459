package org.followthrough.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.followthrough.platform.Actor;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records changes inside the transaction that makes them, so a change and its audit entry commit or
 * roll back together.
 */
@Service
public class AuditLog {

    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient db, JsonMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            Actor actor, String entityType, UUID entityId, String action, Map<String, ?> before, Map<String, ?> after) {
        db.sql("""
                insert into audit_event (occurred_at, actor_type, actor_id, actor_name, entity_type, entity_id, action, before, after)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(
                        Sql.ts(clock.instant()),
                        actor.type().name(),
                        actor.id(),
                        actor.name(),
                        entityType,
                        entityId,
                        action,
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after))
                .update();
    }

    public List<AuditEvent> forEntity(String entityType, UUID entityId) {
        return db.sql("select * from audit_event where entity_type = ? and entity_id = ? order by id")
                .params(entityType, entityId)
                .query(AuditLog::event)
                .list();
    }

    public Slice<AuditEvent> recent(String entityType, String cursor, int limit) {
        var sql = new StringBuilder("select * from audit_event where true");
        var params = new ArrayList<Object>();
        if (entityType != null && !entityType.isBlank()) {
            sql.append(" and entity_type = ?");
            params.add(entityType);
        }
        if (cursor != null && !cursor.isBlank()) {
            sql.append(" and id < ?");
            params.add(Keyset.decode(cursor, 1).longValue(0));
        }
        sql.append(" order by id desc limit ?");
        params.add(limit + 1);
        var rows = db.sql(sql.toString()).params(params).query(AuditLog::event).list();
        return Slice.of(rows, limit, e -> Keyset.of(e.id()));
    }

    private static AuditEvent event(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getLong("id"),
                Sql.instant(rs, "occurred_at"),
                new Actor(
                        Actor.Type.valueOf(rs.getString("actor_type")),
                        Sql.uuid(rs, "actor_id"),
                        rs.getString("actor_name")),
                rs.getString("entity_type"),
                Sql.uuid(rs, "entity_id"),
                rs.getString("action"),
                rs.getString("before"),
                rs.getString("after"));
    }
}
