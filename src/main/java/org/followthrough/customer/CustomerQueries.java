package org.followthrough.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.customer.CustomerView.OrganizationRef;
import org.followthrough.customer.CustomerView.SegmentRef;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers of this desk, their organizations and segments, as pages, the API and other modules
 * read them: finding, looking up by email, listing. Read only; changes go through {@link CustomerDesk}.
 */
@Service
public class CustomerQueries {

    private static final String SELECT = """
            select c.*, o.name as organization_name, s.name as segment_name,
                   (select coalesce(array_agg(e.address order by e.position, e.address), '{}')
                      from customer_email e where e.customer_id = c.id) as emails,
                   (select coalesce(array_agg(p.number || chr(31) || p.label order by p.position, p.number), '{}')
                      from customer_phone p where p.customer_id = c.id) as phones
            from customer c
            left join organization o on o.id = c.organization_id
            left join segment s on s.id = c.segment_id""";

    private final JdbcClient db;

    CustomerQueries(JdbcClient db) {
        this.db = db;
    }

    public Optional<CustomerView> find(CustomerId id) {
        return db.sql(SELECT + " where c.id = ?")
                .param(id.value())
                .query(CustomerQueries::customer)
                .optional();
    }

    public CustomerView get(CustomerId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    public Optional<CustomerView> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return db.sql(SELECT + " where c.id = (select customer_id from customer_email where lower(address) = lower(?))")
                .param(email.strip())
                .query(CustomerQueries::customer)
                .optional();
    }

    public List<CustomerView> getAll(List<CustomerId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new LinkedHashMap<CustomerId, CustomerView>();
        db.sql(SELECT + " where c.id = any(?)")
                .param(ids.stream().map(CustomerId::value).toArray(UUID[]::new))
                .query(CustomerQueries::customer)
                .list()
                .forEach(c -> byId.put(c.id(), c));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** Customers in name order, continuing after {@code cursor}. */
    public Slice<CustomerView> list(String cursor, int limit) {
        var rows = cursor == null || cursor.isBlank()
                ? db.sql(SELECT + " order by c.name, c.id limit ?")
                        .param(limit + 1)
                        .query(CustomerQueries::customer)
                        .list()
                : db.sql(SELECT + " where (c.name, c.id) > (?, ?) order by c.name, c.id limit ?")
                        .params(
                                Keyset.decode(cursor, 2).parts().getFirst(),
                                Keyset.decode(cursor, 2).uuid(1),
                                limit + 1)
                        .query(CustomerQueries::customer)
                        .list();
        return Slice.of(rows, limit, c -> Keyset.of(c.name(), c.id().value()));
    }

    private static final Pattern PHONE_LIKE = Pattern.compile("[+0-9 ()./-]{5,}");

    /**
     * Finds customers by name, email or phone. Cheap exact and prefix matches come first from B-tree
     * indexes; typo-forgiving trigram similarity runs only when they find too few, and only on a
     * bounded sample of candidates, so a common name costs what a rare one does.
     */
    @Transactional(readOnly = true)
    public List<CustomerView> search(String query, int limit) {
        if (query == null || query.strip().length() < 2) {
            return List.of();
        }
        var q = query.strip();
        if (q.matches("#\\d+")) {
            return List.of(); // a case number, not a person
        }
        // Local to this search, in one round trip: plan each query for its own words (so LIKE prefixes
        // use their index), and bound the trigram fallback to a stricter match on a sample of candidates.
        db.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                        + " set_config('pg_trgm.similarity_threshold', '0.4', true),"
                        + " set_config('pg_trgm.word_similarity_threshold', '0.5', true),"
                        + " set_config('gin_fuzzy_search_limit', '2000', true)")
                .query((rs, n) -> 1)
                .single();
        var found = new LinkedHashSet<CustomerId>();
        if (PHONE_LIKE.matcher(q).matches() && q.replaceAll("[^0-9]", "").length() >= 5) {
            found.addAll(db.sql("""
                    select customer_id from customer_phone
                    where regexp_replace(number, '[^0-9+]', '', 'g') = regexp_replace(?, '[^0-9+]', '', 'g')
                    limit ?""")
                    .params(q, limit)
                    .query((rs, n) -> new CustomerId(Sql.uuid(rs, "customer_id")))
                    .list());
            return getAll(List.copyOf(found));
        }
        var prefix = Sql.likeEscaped(q.toLowerCase(Locale.ROOT)) + "%";
        found.addAll(db.sql("""
                (select customer_id from customer_email where lower(address) like ? order by lower(address) limit ?)
                union all
                (select id from customer where lower(name) like ? order by lower(name) limit ?)""")
                .params(prefix, limit, prefix, limit)
                .query((rs, n) -> new CustomerId(Sql.uuid(rs, 1)))
                .list());
        // A name is matched word by word (word similarity), so a mistyped surname alone finds
        // "Maria Gonzalez"; an address as a whole.
        if (found.size() < limit && q.length() >= 3) {
            found.addAll(db.sql("""
                    select customer_id from (
                        select id as customer_id, word_similarity(:q, name) as score from customer where :q <% name
                        union all
                        select customer_id, similarity(address, :q) from customer_email where address % :q
                    ) hits group by customer_id order by max(score) desc, customer_id limit :limit""")
                    .param("q", q)
                    .param("limit", limit)
                    .query((rs, n) -> new CustomerId(Sql.uuid(rs, "customer_id")))
                    .list());
        }
        return getAll(found.stream().limit(limit).toList());
    }

    // organizations -----------------------------------------------------------

    private static final String SELECT_ORGANIZATION = """
            select o.*, s.name as segment_name from organization o left join segment s on s.id = o.segment_id""";

    public Optional<OrganizationView> findOrganization(OrganizationId id) {
        return db.sql(SELECT_ORGANIZATION + " where o.id = ?")
                .param(id.value())
                .query(CustomerQueries::organization)
                .optional();
    }

    public OrganizationView getOrganization(OrganizationId id) {
        return findOrganization(id).orElseThrow(() -> new NotFoundException("Organization", id));
    }

    public Optional<OrganizationView> findOrganizationByDomain(String domain) {
        return db.sql(SELECT_ORGANIZATION + " where o.domains @> array[lower(?)] limit 1")
                .param(domain)
                .query(CustomerQueries::organization)
                .optional();
    }

    public List<OrganizationView> organizations() {
        return db.sql(SELECT_ORGANIZATION + " order by o.name")
                .query(CustomerQueries::organization)
                .list();
    }

    public List<CustomerView> membersOf(OrganizationId id, int limit) {
        return db.sql(SELECT + " where c.organization_id = ? order by c.name limit ?")
                .params(id.value(), limit)
                .query(CustomerQueries::customer)
                .list();
    }

    // segments ----------------------------------------------------------------

    public List<SegmentView> segments() {
        return db.sql("select * from segment order by name")
                .query(CustomerQueries::segment)
                .list();
    }

    public Optional<SegmentView> findSegment(SegmentId id) {
        return db.sql("select * from segment where id = ?")
                .param(id.value())
                .query(CustomerQueries::segment)
                .optional();
    }

    public SegmentView getSegment(SegmentId id) {
        return findSegment(id).orElseThrow(() -> new NotFoundException("Segment", id));
    }

    public Optional<SegmentView> findSegmentByName(String name) {
        return db.sql("select * from segment where lower(name) = lower(?)")
                .param(name)
                .query(CustomerQueries::segment)
                .optional();
    }

    // rows --------------------------------------------------------------------

    /** A customer's numbers from the {@code phones} column: number and label joined by a unit separator. */
    static List<Phone> phones(ResultSet rs) throws SQLException {
        return Sql.strings(rs, "phones").stream()
                .map(p -> {
                    var parts = p.split("\u001f", 2);
                    return new Phone(parts[0], parts.length > 1 ? parts[1] : "");
                })
                .toList();
    }

    private static CustomerView customer(ResultSet rs, int row) throws SQLException {
        var organization = OrganizationId.of(Sql.uuid(rs, "organization_id"));
        var segment = SegmentId.of(Sql.uuid(rs, "segment_id"));
        return new CustomerView(
                new CustomerId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "emails"),
                phones(rs),
                rs.getString("language"),
                ZoneId.of(rs.getString("time_zone")),
                ContactChannel.valueOf(rs.getString("preferred_channel")),
                rs.getString("form_of_address"),
                rs.getString("notes"),
                organization == null ? null : new OrganizationRef(organization, rs.getString("organization_name")),
                segment == null ? null : new SegmentRef(segment, rs.getString("segment_name")),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static OrganizationView organization(ResultSet rs, int row) throws SQLException {
        return new OrganizationView(
                new OrganizationId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "domains"),
                rs.getString("notes"),
                SegmentId.of(Sql.uuid(rs, "segment_id")),
                rs.getString("segment_name"));
    }

    private static SegmentView segment(ResultSet rs, int row) throws SQLException {
        return new SegmentView(new SegmentId(Sql.uuid(rs, "id")), rs.getString("name"), rs.getString("description"));
    }
}
