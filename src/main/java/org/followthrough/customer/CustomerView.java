package org.followthrough.customer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A customer as pages, the API and other modules see them: what we know about them and how they
 * like to be served, with the names of their organization and segment.
 */
public record CustomerView(
        CustomerId id,
        String name,
        List<String> emails,
        List<Phone> phones,
        String language,
        ZoneId timeZone,
        ContactChannel preferredChannel,
        String formOfAddress,
        String notes,
        OrganizationRef organization,
        SegmentRef segment,
        Instant createdAt,
        Instant updatedAt) {

    /** The organization a customer belongs to, by name. */
    public record OrganizationRef(OrganizationId id, String name) {}

    /** The segment a customer is in, by name. */
    public record SegmentRef(SegmentId id, String name) {}

    /** The customer as just changed, with the names of their organization and segment. */
    static CustomerView of(Customer c, OrganizationRef organization, SegmentRef segment) {
        return new CustomerView(
                c.id(),
                c.name(),
                c.emails(),
                c.phones(),
                c.language(),
                c.timeZone(),
                c.preferredChannel(),
                c.formOfAddress(),
                c.notes(),
                organization,
                segment,
                c.createdAt(),
                c.updatedAt());
    }

    public String primaryEmail() {
        return emails.isEmpty() ? null : emails.getFirst();
    }

    /** How to greet them: their chosen form of address, else their name. */
    public String addressedAs() {
        return formOfAddress == null || formOfAddress.isBlank() ? name : formOfAddress;
    }

    public OrganizationId organizationId() {
        return organization == null ? null : organization.id();
    }

    public String organizationName() {
        return organization == null ? null : organization.name();
    }

    public SegmentId segmentId() {
        return segment == null ? null : segment.id();
    }

    public String segmentName() {
        return segment == null ? null : segment.name();
    }
}
