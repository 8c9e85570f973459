package org.followthrough.macros;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.followthrough.cases.CaseStatus;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.macros.MacroActions.MacroPromise;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The macros as the write side sees them: loaded locked, inserted, saved whole, their use counted. */
@Repository
class Macros {

    private final JdbcClient db;

    Macros(JdbcClient db) {
        this.db = db;
    }

    Optional<Macro> lock(MacroId id) {
        return db.sql("select * from macro where id = ? for update")
                .param(id.value())
                .query(Macros::macro)
                .optional();
    }

    void insert(Macro m) {
        var a = m.content().actions();
        db.sql("""
                insert into macro (id, scope, owner_id, shared_with_team_id, title, body, set_status, add_tags, set_team_id,
                                   promise_description, promise_due, created_at, updated_at, archived_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        m.id().value(),
                        m.scope().name(),
                        m.ownerId() == null ? null : m.ownerId().value(),
                        m.sharedWith() == null ? null : m.sharedWith().value(),
                        m.content().title(),
                        m.content().body(),
                        a.status() == null ? null : a.status().name(),
                        new TreeSet<>(a.addTags()).toArray(String[]::new),
                        a.teamId() == null ? null : a.teamId().value(),
                        a.promise() == null ? null : a.promise().description(),
                        a.promise() == null ? null : a.promise().due().toString(),
                        Sql.ts(m.createdAt()),
                        Sql.ts(m.updatedAt()),
                        Sql.ts(m.archivedAt()))
                .update();
    }

    void update(Macro m) {
        var a = m.content().actions();
        db.sql("""
                update macro set shared_with_team_id = ?, title = ?, body = ?, set_status = ?, add_tags = ?, set_team_id = ?,
                                 promise_description = ?, promise_due = ?, updated_at = ?, archived_at = ?
                where id = ?""")
                .params(
                        m.sharedWith() == null ? null : m.sharedWith().value(),
                        m.content().title(),
                        m.content().body(),
                        a.status() == null ? null : a.status().name(),
                        new TreeSet<>(a.addTags()).toArray(String[]::new),
                        a.teamId() == null ? null : a.teamId().value(),
                        a.promise() == null ? null : a.promise().description(),
                        a.promise() == null ? null : a.promise().due().toString(),
                        Sql.ts(m.updatedAt()),
                        Sql.ts(m.archivedAt()),
                        m.id().value())
                .update();
    }

    /** Counts a use, so the picker can list the macros a desk reaches for most first. */
    void recordUse(MacroId id, Instant at) {
        db.sql("update macro set used_count = used_count + 1, last_used_at = ? where id = ?")
                .params(Sql.ts(at), id.value())
                .update();
    }

    static Macro macro(ResultSet rs, int row) throws SQLException {
        return new Macro(
                new MacroId(Sql.uuid(rs, "id")),
                MacroScope.valueOf(rs.getString("scope")),
                AgentId.of(Sql.uuid(rs, "owner_id")),
                TeamId.of(Sql.uuid(rs, "shared_with_team_id")),
                content(rs),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "archived_at"));
    }

    /** The text and actions as stored; read by the write side and the read side alike. */
    static Macro.Content content(ResultSet rs) throws SQLException {
        var status = rs.getString("set_status");
        var description = rs.getString("promise_description");
        var actions = new MacroActions(
                status == null ? null : CaseStatus.valueOf(status),
                new TreeSet<>(Sql.strings(rs, "add_tags")),
                TeamId.of(Sql.uuid(rs, "set_team_id")),
                description == null
                        ? null
                        : new MacroPromise(description, PromiseDue.parse(rs.getString("promise_due"))));
        return new Macro.Content(rs.getString("title"), rs.getString("body"), actions);
    }
}
