package org.followthrough.customer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.followthrough.audit.AuditLog;
import org.followthrough.customer.CustomerView.OrganizationRef;
import org.followthrough.customer.CustomerView.SegmentRef;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ConflictException;
import org.followthrough.platform.Ids;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What agents, integrators and the mail channel do with customers, organizations and segments. Each
 * method is one transaction: the change and its audit record commit together or not at all.
 */
@Service
public class CustomerDesk {

    private final Customers customers;
    private final Organizations organizations;
    private final Segments segments;
    private final CustomerQueries queries;
    private final AuditLog audit;
    private final Clock clock;

    CustomerDesk(
            Customers customers,
            Organizations organizations,
            Segments segments,
            CustomerQueries queries,
            AuditLog audit,
            Clock clock) {
        this.customers = customers;
        this.organizations = organizations;
        this.segments = segments;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    // customers ---------------------------------------------------------------

    @Transactional
    public CustomerView create(CustomerDetails details, Actor by) {
        return create(details, by, false);
    }

    /**
     * The customer who writes from this address, created with the given name (else the address's
     * local part) if there is none. Inbound mail and new cases come this way: one lock and one
     * lookup for a known sender.
     */
    @Transactional
    public CustomerView findOrCreate(String name, String email, Actor by) {
        var address = Customer.validEmails(List.of(email == null ? "" : email)).getFirst();
        customers.lockAddress(address);
        return queries.findByEmail(address).orElseGet(() -> {
            var fallbackName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@')) : name;
            return create(CustomerDetails.named(fallbackName, address), by, true);
        });
    }

    /** {@code knownNew}: the caller already found no customer with these addresses, under a lock. */
    private CustomerView create(CustomerDetails details, Actor by, boolean knownNew) {
        var customer = Customer.register(new CustomerId(Ids.newId()), details, clock.instant());
        for (var email : knownNew ? List.<String>of() : customer.emails()) {
            if (customers.ownerOf(email).isPresent()) {
                throw new ConflictException("A customer with the email " + email + " already exists");
            }
        }
        var organization = details.organizationId() != null
                ? referencedOrganization(details.organizationId())
                : customer.emails().stream()
                        .map(Customer::domainOf)
                        .map(queries::findOrganizationByDomain)
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse(null);
        var chosenSegment = details.segmentId() != null ? referencedSegment(details.segmentId()) : null;
        var segment = chosenSegment != null
                ? new SegmentRef(chosenSegment.id(), chosenSegment.name())
                : organization == null || organization.segmentId() == null
                        ? null
                        : new SegmentRef(organization.segmentId(), organization.segmentName());
        if (organization != null) {
            customer.joinOrganization(organization.id());
        }
        if (segment != null) {
            customer.placeInSegment(segment.id());
        }
        customers.insert(customer);
        // What was just written, as a lookup would read it back: new contacts come in often.
        var created = CustomerView.of(
                customer,
                organization == null ? null : new OrganizationRef(organization.id(), organization.name()),
                segment);
        audit.record(by, "customer", customer.id().value(), "created", null, snapshot(created));
        return created;
    }

    /** Changes what was given; null leaves a field as it is (see {@link CustomerDetails}). */
    @Transactional
    public CustomerView update(CustomerId id, CustomerDetails changes, Actor by) {
        var customer = customers.lock(id).orElseThrow(() -> new NotFoundException("Customer", id));
        var before = queries.get(id);
        if (changes.name() != null) {
            customer.rename(changes.name());
        }
        if (changes.language() != null) {
            customer.speak(changes.language());
        }
        if (changes.timeZone() != null) {
            customer.moveToTimeZone(changes.timeZone());
        }
        if (changes.preferredChannel() != null) {
            customer.preferChannel(changes.preferredChannel());
        }
        if (changes.formOfAddress() != null) {
            customer.addressAs(changes.formOfAddress());
        }
        if (changes.notes() != null) {
            customer.rewriteNotes(changes.notes());
        }
        if (changes.clearOrganization()) {
            customer.leaveOrganization();
        } else if (changes.organizationId() != null) {
            customer.joinOrganization(
                    referencedOrganization(changes.organizationId()).id());
        }
        if (changes.clearSegment()) {
            customer.leaveSegment();
        } else if (changes.segmentId() != null) {
            customer.placeInSegment(referencedSegment(changes.segmentId()).id());
        }
        if (changes.emails() != null || changes.phones() != null) {
            customer.replaceContacts(
                    changes.emails() == null ? customer.emails() : changes.emails(),
                    changes.phones() == null ? customer.phones() : changes.phones());
            for (var email : customer.emails()) {
                customers.ownerOf(email).filter(other -> !other.equals(id)).ifPresent(other -> {
                    throw new ConflictException("Another customer has the email " + email);
                });
            }
        }
        customer.touch(clock.instant());
        customers.update(customer);
        var after = queries.get(id);
        audit.record(by, "customer", id.value(), "updated", snapshot(before), snapshot(after));
        return after;
    }

    /** An organization a customer is given: one that does not exist is bad input, not a missing page. */
    private OrganizationView referencedOrganization(OrganizationId id) {
        return queries.findOrganization(id)
                .orElseThrow(() -> new InvalidInputException("organizationId", "is not an organization"));
    }

    private SegmentView referencedSegment(SegmentId id) {
        return queries.findSegment(id).orElseThrow(() -> new InvalidInputException("segmentId", "is not a segment"));
    }

    private static Map<String, Object> snapshot(CustomerView c) {
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

    // organizations -----------------------------------------------------------

    @Transactional
    public OrganizationView createOrganization(
            String name, List<String> domains, String notes, SegmentId segment, Actor by) {
        var organization =
                Organization.register(new OrganizationId(Ids.newId()), name, domains, notes, segment, clock.instant());
        existing(segment);
        organizations.insert(organization);
        var created = queries.getOrganization(organization.id());
        audit.record(by, "organization", organization.id().value(), "created", null, Map.of("name", created.name()));
        return created;
    }

    @Transactional
    public OrganizationView updateOrganization(
            OrganizationId id, String name, List<String> domains, String notes, SegmentId segment, Actor by) {
        var organization = organizations.lock(id).orElseThrow(() -> new NotFoundException("Organization", id));
        var before = Map.<String, Object>of("name", organization.name(), "domains", organization.domains());
        organization.revise(name, domains, notes, segment);
        existing(segment);
        organizations.update(organization);
        var after = queries.getOrganization(id);
        audit.record(
                by,
                "organization",
                id.value(),
                "updated",
                before,
                Map.of("name", after.name(), "domains", after.domains()));
        return after;
    }

    /** A segment an organization is given must exist; one that does not is answered as not found. */
    private void existing(SegmentId segment) {
        if (segment != null) {
            queries.getSegment(segment);
        }
    }

    // segments ----------------------------------------------------------------

    @Transactional
    public SegmentView createSegment(String name, String description, Actor by) {
        var segment = Segment.define(new SegmentId(Ids.newId()), name, description, clock.instant());
        if (segments.named(segment.name())) {
            throw new ConflictException("A segment named " + segment.name() + " already exists");
        }
        segments.insert(segment);
        audit.record(by, "segment", segment.id().value(), "created", null, Map.of("name", segment.name()));
        return new SegmentView(segment.id(), segment.name(), segment.description());
    }
}
