package org.followthrough.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agents as the write side sees them: loaded (locked to change), inserted, saved whole; their password hashes. */
@Repository
class Agents {

    private static final String COLUMNS = "id, email, display_name, role, time_zone, active";

    private final JdbcClient db;

    Agents(JdbcClient db) {
        this.db = db;
    }

    Optional<Agent> find(AgentId id) {
        return db.sql("select " + COLUMNS + " from agent where id = ?")
                .param(id.value())
                .query(Agents::agent)
                .optional();
    }

    /** Loads an agent and locks their row until the transaction ends, so changes to them queue up. */
    Optional<Agent> lock(AgentId id) {
        return db.sql("select " + COLUMNS + " from agent where id = ? for update")
                .param(id.value())
                .query(Agents::agent)
                .optional();
    }

    boolean emailTaken(String email) {
        return db.sql("select exists (select 1 from agent where lower(email) = lower(?))")
                .param(email)
                .query(Boolean.class)
                .single();
    }

    void insert(Agent a, String passwordHash, Instant now) {
        db.sql("""
                insert into agent (id, email, display_name, password_hash, role, time_zone, active, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        a.id().value(),
                        a.email(),
                        a.displayName(),
                        passwordHash,
                        a.role().name(),
                        a.timeZone().getId(),
                        a.active(),
                        Sql.ts(now))
                .update();
    }

    void update(Agent a) {
        db.sql("update agent set display_name = ?, role = ?, time_zone = ?, active = ? where id = ?")
                .params(a.displayName(), a.role().name(), a.timeZone().getId(), a.active(), a.id().value())
                .update();
    }

    /** Which of these agents are active. */
    Set<AgentId> activeAmong(Collection<AgentId> ids) {
        return Set.copyOf(db.sql("select id from agent where active and id = any(?)")
                .param(ids.stream().map(AgentId::value).toArray(UUID[]::new))
                .query((rs, row) -> new AgentId(Sql.uuid(rs, 1)))
                .list());
    }

    /** Active admins other than this agent. */
    int otherActiveAdmins(AgentId id) {
        return db.sql("select count(*) from agent where role = 'ADMIN' and active and id <> ?")
                .param(id.value())
                .query(Integer.class)
                .single();
    }

    /** The password hash of an active agent. */
    Optional<String> passwordHashOf(AgentId id) {
        return db.sql("select password_hash from agent where id = ? and active")
                .param(id.value())
                .query(String.class)
                .optional();
    }

    void setPasswordHash(AgentId id, String hash) {
        db.sql("update agent set password_hash = ? where id = ?")
                .params(hash, id.value())
                .update();
    }

    /** Replaces a hash only if it is still {@code old}: a concurrent password change wins. */
    void replacePasswordHash(AgentId id, String old, String hash) {
        db.sql("update agent set password_hash = ? where id = ? and password_hash = ?")
                .params(hash, id.value(), old)
                .update();
    }

    private static Agent agent(ResultSet rs, int row) throws SQLException {
        return new Agent(
                new AgentId(Sql.uuid(rs, "id")),
                rs.getString("email"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                ZoneId.of(rs.getString("time_zone")),
                rs.getBoolean("active"));
    }
}
