package org.followthrough.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organizations as the write side sees them. */
@Repository
class Organizations {

    private final JdbcClient db;

    Organizations(JdbcClient db) {
        this.db = db;
    }

    Optional<Organization> lock(OrganizationId id) {
        return db.sql("select * from organization where id = ? for update")
                .param(id.value())
                .query(Organizations::organization)
                .optional();
    }

    void insert(Organization o) {
        db.sql("insert into organization (id, name, domains, notes, segment_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(
                        o.id().value(),
                        o.name(),
                        o.domains().toArray(String[]::new),
                        o.notes(),
                        o.segmentId() == null ? null : o.segmentId().value(),
                        Sql.ts(o.createdAt()))
                .update();
    }

    void update(Organization o) {
        db.sql("update organization set name = ?, domains = ?, notes = ?, segment_id = ? where id = ?")
                .params(
                        o.name(),
                        o.domains().toArray(String[]::new),
                        o.notes(),
                        o.segmentId() == null ? null : o.segmentId().value(),
                        o.id().value())
                .update();
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "domains"),
                rs.getString("notes"),
                SegmentId.of(Sql.uuid(rs, "segment_id")),
                Sql.instant(rs, "created_at"));
    }
}
