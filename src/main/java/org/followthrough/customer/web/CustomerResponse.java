package org.followthrough.customer.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.customer.CustomerView;
import org.followthrough.platform.ApiNames;

/** A customer as the API shows it. */
record CustomerResponse(
        UUID id,
        String name,
        List<String> emails,
        List<PhoneBody> phones,
        String language,
        String timeZone,
        String preferredChannel,
        String formOfAddress,
        String notes,
        UUID organizationId,
        String organizationName,
        UUID segmentId,
        String segmentName,
        Instant createdAt,
        Instant updatedAt) {

    /** A phone number and what it is for ("mobile", "office"). */
    record PhoneBody(String number, String label) {}

    static CustomerResponse of(CustomerView c) {
        return new CustomerResponse(
                c.id().value(),
                c.name(),
                c.emails(),
                c.phones().stream()
                        .map(p -> new PhoneBody(p.number(), p.label()))
                        .toList(),
                c.language(),
                c.timeZone().getId(),
                ApiNames.of(c.preferredChannel()),
                c.formOfAddress(),
                c.notes(),
                c.organizationId() == null ? null : c.organizationId().value(),
                c.organizationName(),
                c.segmentId() == null ? null : c.segmentId().value(),
                c.segmentName(),
                c.createdAt(),
                c.updatedAt());
    }
}
