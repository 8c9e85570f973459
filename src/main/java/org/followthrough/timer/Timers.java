package org.followthrough.timer;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets and clears timers in the caller's transaction: a promise and its timers are saved together
 * or not at all. There is at most one timer per kind and subject; setting it again moves it.
 */
@Service
public class Timers {

    private final JdbcClient db;

    Timers(JdbcClient db) {
        this.db = db;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void set(String kind, UUID subject, Instant dueAt) {
        db.sql("""
                insert into timer (kind, subject_id, due_at) values (?, ?, ?)
                on conflict (kind, subject_id) do update set due_at = excluded.due_at, attempts = 0, last_error = null""").params(kind, subject, Sql.ts(dueAt)).update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void clear(String kind, UUID subject) {
        db.sql("delete from timer where kind = ? and subject_id = ?")
                .params(kind, subject)
                .update();
    }

    /** Clears the timers of this kind for all these subjects, in one statement. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clearAll(String kind, Collection<UUID> subjects) {
        db.sql("delete from timer where kind = ? and subject_id = any(?)")
                .params(kind, subjects.toArray(UUID[]::new))
                .update();
    }

    public Optional<Instant> dueAt(String kind, UUID subject) {
        return db.sql("select due_at from timer where kind = ? and subject_id = ?")
                .params(kind, subject)
                .query((rs, n) -> Sql.instant(rs, "due_at"))
                .optional();
    }
}
