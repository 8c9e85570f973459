package org.followthrough.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.followthrough.audit.AuditLog;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.EmailAddress;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Keyset;
import org.followthrough.platform.NotFoundException;
import org.followthrough.platform.Slice;
import org.followthrough.platform.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customers of this desk, their organizations and segments. */
@Service
public class Customers {

    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final int MAX_NAME = 200;

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
    private final AuditLog audit;
    private final Clock clock;

    Customers(JdbcClient db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Customer> find(CustomerId id) {
        return db.sql(SELECT + " where c.id = ?")
                .param(id.value())
                .query(Customers::customer)
                .optional();
    }

    public Customer get(CustomerId id) {
        return find(id).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    public Optional<Customer> findByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return db.sql(SELECT + " where c.id = (select customer_id from customer_email where lower(address) = lower(?))")
                .param(email.strip())
                .query(Customers::customer)
                .optional();
    }

    public List<Customer> getAll(List<CustomerId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var byId = new LinkedHashMap<CustomerId, Customer>();
        db.sql(SELECT + " where c.id = any(?)")
                .param(ids.stream().map(CustomerId::value).toArray(UUID[]::new))
                .query(Customers::customer)
                .list()
                .forEach(c -> byId.put(c.id(), c));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Customers in name order, continuing after {@code cursor}. */
    public Slice<Customer> list(String cursor, int limit) {
        var rows = cursor == null || cursor.isBlank()
                ? db.sql(SELECT + " order by c.name, c.id limit ?")
                        .param(limit + 1)
                        .query(Customers::customer)
                        .list()
                : db.sql(SELECT + " where (c.name, c.id) > (?, ?) order by c.name, c.id limit ?")
                        .params(
                                Keyset.decode(cursor, 2).parts().getFirst(),
                                Keyset.decode(cursor, 2).uuid(1),
                                limit + 1)
                        .query(Customers::customer)
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
    public List<Customer> search(String query, int limit) {
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
                        + " set_config('gin_fuzzy_search_limit', '2000', true)")
                .query((rs, n) -> 1)
                .single();
        var found = new java.util.LinkedHashSet<CustomerId>();
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
        if (found.size() < limit && q.length() >= 3) {
            found.addAll(db.sql("""
                    select customer_id from (
                        select id as customer_id, similarity(name, :q) as score from customer where name % :q
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

    @Transactional
    public Customer create(CustomerDetails details, Actor by) {
        return create(details, by, false);
    }

    /** {@code knownNew}: the caller already found no customer with these addresses, under a lock. */
    private Customer create(CustomerDetails details, Actor by, boolean knownNew) {
        var name = requiredName(details.name());
        var emails = validEmails(details.emails());
        var phones = details.phones() == null ? List.<Phone>of() : details.phones();
        for (var email : knownNew ? List.<String>of() : emails) {
            if (findByEmail(email).isPresent()) {
                throw new ConflictException("A customer with the email " + email + " already exists");
            }
        }
        var organization = details.organizationId() != null
                ? referencedOrganization(details.organizationId())
                : emails.stream()
                        .map(Customers::domainOf)
                        .map(this::findOrganizationByDomain)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse(null);
        var chosenSegment = details.segmentId() != null ? referencedSegment(details.segmentId()) : null;
        var segment =
                chosenSegment != null ? chosenSegment.id() : organization == null ? null : organization.segmentId();
        var segmentName =
                chosenSegment != null ? chosenSegment.name() : organization == null ? null : organization.segmentName();
        var id = new CustomerId(Ids.newId());
        var instant = clock.instant();
        var now = Sql.ts(instant);
        var language = validLanguage(details.language() == null ? "en" : details.language());
        var zone = validZone(details.timeZone() == null ? "UTC" : details.timeZone());
        var channel = details.preferredChannel() == null ? ContactChannel.EMAIL : details.preferredChannel();
        db.sql("""
                insert into customer (id, name, language, time_zone, preferred_channel, form_of_address, notes,
                                      organization_id, segment_id, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        name,
                        language,
                        zone.getId(),
                        channel.name(),
                        trimmed(details.formOfAddress()),
                        trimmed(details.notes()),
                        organization == null ? null : organization.id().value(),
                        segment == null ? null : segment.value(),
                        now,
                        now)
                .update();
        var storedPhones = writeContacts(id, emails, phones, true);
        // What was just written, as get(id) would read it back: new contacts come in often.
        var created = new Customer(
                id,
                name,
                List.copyOf(emails),
                storedPhones,
                language,
                zone,
                channel,
                trimmed(details.formOfAddress()),
                trimmed(details.notes()),
                organization == null ? null : organization.id(),
                organization == null ? null : organization.name(),
                segment,
                segmentName,
                instant,
                instant);
        audit.record(by, "customer", id.value(), "created", null, snapshot(created));
        return created;
    }

    /** The customer who writes from this address, created with the given name if there is none. */
    @Transactional
    public Customer findOrCreate(String name, String email, Actor by) {
        var address = validEmails(List.of(email == null ? "" : email)).getFirst();
        // Two first messages from one new address at once must make one customer, not a conflict:
        // creators of the same address queue on a lock that ends with their transaction.
        db.sql("select pg_advisory_xact_lock(hashtext(lower(?)))")
                .param(address)
                .query((rs, n) -> 1)
                .single();
        return findByEmail(address).orElseGet(() -> {
            var fallbackName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@')) : name;
            return create(CustomerDetails.named(fallbackName, address), by, true);
        });
    }

    @Transactional
    public Customer update(CustomerId id, CustomerDetails changes, Actor by) {
        var before = get(id);
        var name = changes.name() == null ? before.name() : requiredName(changes.name());
        var language = changes.language() == null ? before.language() : validLanguage(changes.language());
        var zone = changes.timeZone() == null ? before.timeZone() : validZone(changes.timeZone());
        var channel = changes.preferredChannel() == null ? before.preferredChannel() : changes.preferredChannel();
        var address = changes.formOfAddress() == null ? before.formOfAddress() : trimmed(changes.formOfAddress());
        var notes = changes.notes() == null ? before.notes() : trimmed(changes.notes());
        var organization = changes.clearOrganization()
                ? null
                : changes.organizationId() == null
                        ? before.organizationId()
                        : referencedOrganization(changes.organizationId()).id();
        var segment = changes.clearSegment()
                ? null
                : changes.segmentId() == null
                        ? before.segmentId()
                        : referencedSegment(changes.segmentId()).id();
        db.sql("""
                update customer set name = ?, language = ?, time_zone = ?, preferred_channel = ?, form_of_address = ?,
                       notes = ?, organization_id = ?, segment_id = ?, updated_at = ?
                where id = ?""")
                .params(
                        name,
                        language,
                        zone.getId(),
                        channel.name(),
                        address,
                        notes,
                        organization == null ? null : organization.value(),
                        segment == null ? null : segment.value(),
                        Sql.ts(clock.instant()),
                        id.value())
                .update();
        if (changes.emails() != null || changes.phones() != null) {
            var emails = changes.emails() == null ? before.emails() : validEmails(changes.emails());
            for (var email : emails) {
                findByEmail(email).filter(other -> !other.id().equals(id)).ifPresent(other -> {
                    throw new ConflictException("Another customer has the email " + email);
                });
            }
            writeContacts(id, emails, changes.phones() == null ? before.phones() : changes.phones(), false);
        }
        var after = get(id);
        audit.record(by, "customer", id.value(), "updated", snapshot(before), snapshot(after));
        return after;
    }

    /** Writes a customer's addresses and numbers; answers the numbers as stored. */
    private List<Phone> writeContacts(CustomerId id, List<String> emails, List<Phone> phones, boolean fresh) {
        if (!fresh) {
            db.sql("delete from customer_email where customer_id = ?")
                    .param(id.value())
                    .update();
            db.sql("delete from customer_phone where customer_id = ?")
                    .param(id.value())
                    .update();
        }
        for (int i = 0; i < emails.size(); i++) {
            db.sql("insert into customer_email (customer_id, address, position) values (?, ?, ?)")
                    .params(id.value(), emails.get(i), i)
                    .update();
        }
        var seen = new LinkedHashSet<String>();
        var stored = new java.util.ArrayList<Phone>();
        for (int i = 0; i < phones.size(); i++) {
            var phone = phones.get(i);
            if (phone.number() == null || phone.number().isBlank()) {
                throw new InvalidInputException("phones[" + i + "].number", "must not be blank");
            }
            if (!phone.number().strip().matches("[+0-9 ()./-]{3,40}")) {
                throw new InvalidInputException("phones[" + i + "].number", "must be a phone number");
            }
            if (seen.add(phone.number().strip())) {
                db.sql("insert into customer_phone (customer_id, number, label, position) values (?, ?, ?, ?)")
                        .params(id.value(), phone.number().strip(), trimmed(phone.label()), i)
                        .update();
                stored.add(new Phone(phone.number().strip(), trimmed(phone.label())));
            }
        }
        return List.copyOf(stored);
    }

    /** An organization a customer is given: one that does not exist is bad input, not a missing page. */
    private Organization referencedOrganization(OrganizationId id) {
        return findOrganization(id)
                .orElseThrow(() -> new InvalidInputException("organizationId", "is not an organization"));
    }

    private Segment referencedSegment(SegmentId id) {
        return findSegment(id).orElseThrow(() -> new InvalidInputException("segmentId", "is not a segment"));
    }

    // organizations -----------------------------------------------------------

    private static final String SELECT_ORGANIZATION = """
            select o.*, s.name as segment_name from organization o left join segment s on s.id = o.segment_id""";

    public Optional<Organization> findOrganization(OrganizationId id) {
        return db.sql(SELECT_ORGANIZATION + " where o.id = ?")
                .param(id.value())
                .query(Customers::organization)
                .optional();
    }

    public Organization getOrganization(OrganizationId id) {
        return findOrganization(id).orElseThrow(() -> new NotFoundException("Organization", id));
    }

    public Optional<Organization> findOrganizationByDomain(String domain) {
        return db.sql(SELECT_ORGANIZATION + " where o.domains @> array[lower(?)] limit 1")
                .param(domain)
                .query(Customers::organization)
                .optional();
    }

    public List<Organization> organizations() {
        return db.sql(SELECT_ORGANIZATION + " order by o.name")
                .query(Customers::organization)
                .list();
    }

    public List<Customer> membersOf(OrganizationId id, int limit) {
        return db.sql(SELECT + " where c.organization_id = ? order by c.name limit ?")
                .params(id.value(), limit)
                .query(Customers::customer)
                .list();
    }

    @Transactional
    public Organization createOrganization(
            String name, List<String> domains, String notes, SegmentId segment, Actor by) {
        var id = new OrganizationId(Ids.newId());
        db.sql("insert into organization (id, name, domains, notes, segment_id, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(
                        id.value(),
                        requiredName(name),
                        validDomains(domains),
                        trimmed(notes),
                        segment == null ? null : getSegment(segment).id().value(),
                        Sql.ts(clock.instant()))
                .update();
        var created = getOrganization(id);
        audit.record(by, "organization", id.value(), "created", null, Map.of("name", created.name()));
        return created;
    }

    @Transactional
    public Organization updateOrganization(
            OrganizationId id, String name, List<String> domains, String notes, SegmentId segment, Actor by) {
        var before = getOrganization(id);
        db.sql("update organization set name = ?, domains = ?, notes = ?, segment_id = ? where id = ?")
                .params(
                        requiredName(name),
                        validDomains(domains),
                        trimmed(notes),
                        segment == null ? null : getSegment(segment).id().value(),
                        id.value())
                .update();
        var after = getOrganization(id);
        audit.record(
                by,
                "organization",
                id.value(),
                "updated",
                Map.of("name", before.name(), "domains", before.domains()),
                Map.of("name", after.name(), "domains", after.domains()));
        return after;
    }

    // segments ----------------------------------------------------------------

    public List<Segment> segments() {
        return db.sql("select * from segment order by name")
                .query(Customers::segment)
                .list();
    }

    public Optional<Segment> findSegment(SegmentId id) {
        return db.sql("select * from segment where id = ?")
                .param(id.value())
                .query(Customers::segment)
                .optional();
    }

    public Segment getSegment(SegmentId id) {
        return findSegment(id).orElseThrow(() -> new NotFoundException("Segment", id));
    }

    public Optional<Segment> findSegmentByName(String name) {
        return db.sql("select * from segment where lower(name) = lower(?)")
                .param(name)
                .query(Customers::segment)
                .optional();
    }

    @Transactional
    public Segment createSegment(String name, String description, Actor by) {
        var clean = requiredName(name);
        if (findSegmentByName(clean).isPresent()) {
            throw new ConflictException("A segment named " + clean + " already exists");
        }
        var id = new SegmentId(Ids.newId());
        db.sql("insert into segment (id, name, description, created_at) values (?, ?, ?, ?)")
                .params(id.value(), clean, trimmed(description), Sql.ts(clock.instant()))
                .update();
        audit.record(by, "segment", id.value(), "created", null, Map.of("name", clean));
        return getSegment(id);
    }

    // validation --------------------------------------------------------------

    private static String requiredName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new InvalidInputException("name", "must have at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }

    static List<String> validEmails(List<String> emails) {
        if (emails == null) {
            return List.of();
        }
        var valid = new ArrayList<String>();
        for (int i = 0; i < emails.size(); i++) {
            var email = EmailAddress.require(emails.size() == 1 ? "email" : "emails[" + i + "]", emails.get(i));
            var lower = email.toLowerCase(Locale.ROOT);
            if (valid.stream().noneMatch(lower::equalsIgnoreCase)) {
                valid.add(email);
            }
        }
        return valid;
    }

    private static String[] validDomains(List<String> domains) {
        if (domains == null) {
            return new String[0];
        }
        return domains.stream()
                .map(d -> d == null ? "" : d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .peek(d -> {
                    if (!d.matches("[a-z0-9.-]+\\.[a-z]{2,}")) {
                        throw new InvalidInputException("domains", d + " is not a domain name");
                    }
                })
                .distinct()
                .toArray(String[]::new);
    }

    private static String validLanguage(String language) {
        if (!LANGUAGE.matcher(language.strip()).matches()) {
            throw new InvalidInputException("language", "must be a language tag such as en or pt-BR");
        }
        return language.strip();
    }

    private static ZoneId validZone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be a time zone such as Europe/Berlin");
        }
    }

    private static String trimmed(String text) {
        return text == null ? "" : text.strip();
    }

    static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> snapshot(Customer c) {
        var map = new LinkedHashMap<String, Object>();
        map.put("name", c.name());
        map.put("emails", c.emails());
        map.put("phones", c.phones().stream().map(Phone::number).toList());
        map.put("language", c.language());
        map.put("timeZone", c.timeZone().getId());
        map.put("preferredChannel", c.preferredChannel().name());
        map.put("formOfAddress", c.formOfAddress());
        map.put("notes", c.notes());
        map.put("organization", c.organizationName());
        map.put("segment", c.segmentName());
        return map;
    }

    // rows --------------------------------------------------------------------

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        var phones = Sql.strings(rs, "phones").stream()
                .map(p -> {
                    var parts = p.split("\u001f", 2);
                    return new Phone(parts[0], parts.length > 1 ? parts[1] : "");
                })
                .toList();
        return new Customer(
                new CustomerId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "emails"),
                phones,
                rs.getString("language"),
                ZoneId.of(rs.getString("time_zone")),
                ContactChannel.valueOf(rs.getString("preferred_channel")),
                rs.getString("form_of_address"),
                rs.getString("notes"),
                OrganizationId.of(Sql.uuid(rs, "organization_id")),
                rs.getString("organization_name"),
                SegmentId.of(Sql.uuid(rs, "segment_id")),
                rs.getString("segment_name"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(Sql.uuid(rs, "id")),
                rs.getString("name"),
                Sql.strings(rs, "domains"),
                rs.getString("notes"),
                SegmentId.of(Sql.uuid(rs, "segment_id")),
                rs.getString("segment_name"));
    }

    private static Segment segment(ResultSet rs, int row) throws SQLException {
        return new Segment(new SegmentId(Sql.uuid(rs, "id")), rs.getString("name"), rs.getString("description"));
    }
}
