package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cases as the write side sees them: loaded locked, saved whole. */
@Repository
class Cases {

    private final JdbcClient db;

    Cases(JdbcClient db) {
        this.db = db;
    }

    /** Loads a case and locks its row until the transaction ends, so changes to it queue up. */
    Optional<SupportCase> lock(CaseId id) {
        return db.sql("select * from support_case where id = ? for update")
                .param(id.value())
                .query(Cases::supportCase)
                .optional();
    }

    long insert(SupportCase c) {
        return db.sql("""
                insert into support_case (id, subject, customer_id, team_id, owner_id, priority, status, channel, tags,
                                          created_at, updated_at, last_activity_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning number""")
                .params(
                        c.id().value(),
                        c.subject(),
                        c.customerId().value(),
                        c.teamId() == null ? null : c.teamId().value(),
                        c.ownerId() == null ? null : c.ownerId().value(),
                        c.priority().rank(),
                        c.status().name(),
                        c.channel().name(),
                        new TreeSet<>(c.tags()).toArray(String[]::new),
                        Sql.ts(c.createdAt()),
                        Sql.ts(c.createdAt()),
                        Sql.ts(c.lastActivityAt()))
                .query(Long.class)
                .single();
    }

    void update(SupportCase c, Instant now) {
        db.sql("""
                update support_case set subject = ?, team_id = ?, owner_id = ?, priority = ?, status = ?, tags = ?,
                       updated_at = ?, last_activity_at = ?, resolved_at = ?, closed_at = ?, version = version + 1
                where id = ?""")
                .params(
                        c.subject(),
                        c.teamId() == null ? null : c.teamId().value(),
                        c.ownerId() == null ? null : c.ownerId().value(),
                        c.priority().rank(),
                        c.status().name(),
                        new TreeSet<>(c.tags()).toArray(String[]::new),
                        Sql.ts(now),
                        Sql.ts(c.lastActivityAt()),
                        Sql.ts(c.resolvedAt()),
                        Sql.ts(c.closedAt()),
                        c.id().value())
                .update();
    }

    private static SupportCase supportCase(ResultSet rs, int row) throws SQLException {
        return new SupportCase(
                new CaseId(Sql.uuid(rs, "id")),
                rs.getLong("number"),
                rs.getString("subject"),
                new CustomerId(Sql.uuid(rs, "customer_id")),
                TeamId.of(Sql.uuid(rs, "team_id")),
                AgentId.of(Sql.uuid(rs, "owner_id")),
                Priority.ofRank(rs.getInt("priority")),
                CaseStatus.valueOf(rs.getString("status")),
                Channel.valueOf(rs.getString("channel")),
                new TreeSet<>(Sql.strings(rs, "tags")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "last_activity_at"),
                Sql.instant(rs, "resolved_at"),
                Sql.instant(rs, "closed_at"));
    }
}
