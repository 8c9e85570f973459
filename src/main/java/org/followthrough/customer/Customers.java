package org.followthrough.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customers as the write side sees them: loaded locked, with their addresses and numbers. */
@Repository
class Customers {

    private final JdbcClient db;

    Customers(JdbcClient db) {
        this.db = db;
    }

    /** Loads a customer and locks their row until the transaction ends, so changes to them queue up. */
    Optional<Customer> lock(CustomerId id) {
        return db.sql("""
                select c.*,
                       (select coalesce(array_agg(e.address order by e.position, e.address), '{}')
                          from customer_email e where e.customer_id = c.id) as emails,
                       (select coalesce(array_agg(p.number || chr(31) || p.label order by p.position, p.number), '{}')
                          from customer_phone p where p.customer_id = c.id) as phones
                from customer c where c.id = ? for update""").param(id.value()).query(Customers::customer).optional();
    }

    /**
     * Makes creators of the same new address queue on a lock that ends with their transaction, so two
     * first messages from one address at once make one customer, not a conflict.
     */
    void lockAddress(String address) {
        db.sql("select pg_advisory_xact_lock(hashtext(lower(?)))")
                .param(address)
                .query((rs, n) -> 1)
                .single();
    }

    /** Who has this address, ignoring case. */
    Optional<CustomerId> ownerOf(String address) {
        return db.sql("select customer_id from customer_email where lower(address) = lower(?)")
                .param(address)
                .query((rs, n) -> new CustomerId(Sql.uuid(rs, "customer_id")))
                .optional();
    }

    void insert(Customer c) {
        db.sql("""
                insert into customer (id, name, language, time_zone, preferred_channel, form_of_address, notes,
                                      organization_id, segment_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        c.id().value(),
                        c.name(),
                        c.language(),
                        c.timeZone().getId(),
                        c.preferredChannel().name(),
                        c.formOfAddress(),
                        c.notes(),
                        c.organizationId() == null ? null : c.organizationId().value(),
                        c.segmentId() == null ? null : c.segmentId().value(),
                        Sql.ts(c.createdAt()),
                        Sql.ts(c.updatedAt()))
                .update();
        insertContacts(c);
    }

    void update(Customer c) {
        db.sql("""
                update customer set name = ?, language = ?, time_zone = ?, preferred_channel = ?, form_of_address = ?,
                       notes = ?, organization_id = ?, segment_id = ?, updated_at = ?
                where id = ?""")
                .params(
                        c.name(),
                        c.language(),
                        c.timeZone().getId(),
                        c.preferredChannel().name(),
                        c.formOfAddress(),
                        c.notes(),
                        c.organizationId() == null ? null : c.organizationId().value(),
                        c.segmentId() == null ? null : c.segmentId().value(),
                        Sql.ts(c.updatedAt()),
                        c.id().value())
                .update();
        if (c.contactsChanged()) {
            db.sql("delete from customer_email where customer_id = ?")
                    .param(c.id().value())
                    .update();
            db.sql("delete from customer_phone where customer_id = ?")
                    .param(c.id().value())
                    .update();
            insertContacts(c);
        }
    }

    private void insertContacts(Customer c) {
        var emails = c.emails();
        for (int i = 0; i < emails.size(); i++) {
            db.sql("insert into customer_email (customer_id, address, position) values (?, ?, ?)")
                    .params(c.id().value(), emails.get(i), i)
                    .update();
        }
        var phones = c.phones();
        for (int i = 0; i < phones.size(); i++) {
            db.sql("insert into customer_phone (customer_id, number, label, position) values (?, ?, ?, ?)")
                    .params(
                            c.id().value(),
                            phones.get(i).number(),
                            phones.get(i).label(),
                            i)
                    .update();
        }
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(
                new CustomerId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "emails"),
                CustomerQueries.phones(rs),
                rs.getString("language"),
                ZoneId.of(rs.getString("time_zone")),
                ContactChannel.valueOf(rs.getString("preferred_channel")),
                rs.getString("form_of_address"),
                rs.getString("notes"),
                OrganizationId.of(Sql.uuid(rs, "organization_id")),
                SegmentId.of(Sql.uuid(rs, "segment_id")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
