package org.followthrough.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The teams as the write side sees them: loaded locked with their members, inserted, saved whole. */
@Repository
class Teams {

    private static final UUID NO_TEAM = new UUID(0, 0);

    private final JdbcClient db;

    Teams(JdbcClient db) {
        this.db = db;
    }

    /** Loads a team with its members and locks its row until the transaction ends. */
    Optional<Team> lock(TeamId id) {
        return db.sql("select name from team where id = ? for update")
                .param(id.value())
                .query(String.class)
                .optional()
                .map(name -> new Team(
                        id,
                        name,
                        db.sql("select agent_id from team_member where team_id = ?")
                                .param(id.value())
                                .query((rs, row) -> new AgentId(Sql.uuid(rs, 1)))
                                .list()));
    }

    /** Whether another team than {@code except} (null: any) has this name, in any case. */
    boolean nameTaken(String name, TeamId except) {
        return db.sql("select exists (select 1 from team where lower(name) = lower(?) and id <> ?)")
                .params(name, except == null ? NO_TEAM : except.value())
                .query(Boolean.class)
                .single();
    }

    void insert(Team t, Instant now) {
        db.sql("insert into team (id, name, created_at) values (?, ?, ?)")
                .params(t.id().value(), t.name(), Sql.ts(now))
                .update();
        saveMembers(t);
    }

    void update(Team t) {
        db.sql("update team set name = ? where id = ?")
                .params(t.name(), t.id().value())
                .update();
        saveMembers(t);
    }

    private void saveMembers(Team t) {
        var members = t.members().stream().map(AgentId::value).toArray(UUID[]::new);
        db.sql("delete from team_member where team_id = ? and not (agent_id = any(?))")
                .params(t.id().value(), members)
                .update();
        for (var member : members) {
            db.sql("insert into team_member (team_id, agent_id) values (?, ?) on conflict do nothing")
                    .params(t.id().value(), member)
                    .update();
        }
    }
}
