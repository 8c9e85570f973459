package org.followthrough.customer;

import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The segments as the write side sees them. */
@Repository
class Segments {

    private final JdbcClient db;

    Segments(JdbcClient db) {
        this.db = db;
    }

    /** Whether a segment has this name, ignoring case. */
    boolean named(String name) {
        return db.sql("select exists (select 1 from segment where lower(name) = lower(?))")
                .param(name)
                .query(Boolean.class)
                .single();
    }

    void insert(Segment s) {
        db.sql("insert into segment (id, name, description, created_at) values (?, ?, ?, ?)")
                .params(s.id().value(), s.name(), s.description(), Sql.ts(s.createdAt()))
                .update();
    }
}
