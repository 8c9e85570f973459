package org.followthrough.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The saved views of the inbox. */
@Repository
class SavedViews {

    /** Tabs a person sees at most: their own and the shared ones, oldest first. */
    static final int MAX_TABS = 16;

    private final JdbcClient db;

    SavedViews(JdbcClient db) {
        this.db = db;
    }

    void insert(SavedView view, Instant now) {
        var f = view.filters();
        db.sql("""
                insert into saved_view (id, name, created_by, shared, status, team_id, owner_id, tag, priority, channel,
                                        promise, waiting_hours, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        view.id(),
                        view.name(),
                        view.createdBy().value(),
                        view.shared(),
                        f.status() == null ? null : f.status().name(),
                        f.team() == null ? null : f.team().value(),
                        f.owner() == null ? null : f.owner().value(),
                        f.tag(),
                        f.priority() == null ? null : f.priority().rank(),
                        f.channel() == null ? null : f.channel().name(),
                        f.promise() == null ? null : f.promise().name(),
                        f.waitingHours(),
                        Sql.ts(now))
                .update();
    }

    void delete(UUID id) {
        db.sql("delete from saved_view where id = ?").param(id).update();
    }

    Optional<SavedView> find(UUID id) {
        return db.sql("select * from saved_view where id = ?")
                .param(id)
                .query(SavedViews::view)
                .optional();
    }

    /** Whether a view of this name is already among the ones of its kind: the maker's own, or the shared. */
    boolean nameTaken(String name, AgentId maker, boolean shared) {
        return db.sql(
                        shared
                                ? "select exists (select 1 from saved_view where shared and lower(name) = lower(?))"
                                : "select exists (select 1 from saved_view where not shared and created_by = ? and lower(name) = lower(?))")
                .params(shared ? List.of(name) : List.of(maker.value(), name))
                .query(Boolean.class)
                .single();
    }

    /** The agent's own views and the shared ones. */
    List<SavedView> of(AgentId agent) {
        return db.sql("""
                select * from saved_view where shared or created_by = ?
                order by shared desc, created_at, id limit ?""")
                .params(agent.value(), MAX_TABS)
                .query(SavedViews::view)
                .list();
    }

    int countOwnedBy(AgentId agent) {
        return db.sql("select count(*) from saved_view where not shared and created_by = ?")
                .param(agent.value())
                .query(Integer.class)
                .single();
    }

    int countShared() {
        return db.sql("select count(*) from saved_view where shared")
                .query(Integer.class)
                .single();
    }

    private static SavedView view(ResultSet rs, int row) throws SQLException {
        var status = rs.getString("status");
        var priority = rs.getObject("priority", Integer.class);
        var channel = rs.getString("channel");
        var promise = rs.getString("promise");
        var filters = new InboxFilters(
                status == null ? null : CaseStatus.valueOf(status),
                TeamId.of(Sql.uuid(rs, "team_id")),
                AgentId.of(Sql.uuid(rs, "owner_id")),
                rs.getString("tag"),
                priority == null ? null : Priority.ofRank(priority),
                channel == null ? null : Channel.valueOf(channel),
                promise == null ? null : InboxPromiseFilter.valueOf(promise),
                rs.getObject("waiting_hours", Integer.class));
        return new SavedView(
                Sql.uuid(rs, "id"),
                rs.getString("name"),
                new AgentId(Sql.uuid(rs, "created_by")),
                rs.getBoolean("shared"),
                filters);
    }
}
