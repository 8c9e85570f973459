package org.followthrough.customer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A person we serve, with what we know about how they like to be served. */
public record Customer(
        CustomerId id,
        String name,
        List<String> emails,
        List<Phone> phones,
        String language,
        ZoneId timeZone,
        ContactChannel preferredChannel,
        String formOfAddress,
        String notes,
        OrganizationId organizationId,
        String organizationName,
        SegmentId segmentId,
        String segmentName,
        Instant createdAt,
        Instant updatedAt) {

    public String primaryEmail() {
        return emails.isEmpty() ? null : emails.getFirst();
    }

    /** How to greet them: their chosen form of address, else their name. */
    public String addressedAs() {
        return formOfAddress == null || formOfAddress.isBlank() ? name : formOfAddress;
    }
}
