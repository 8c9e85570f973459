package org.followthrough.customer;

import java.util.List;

/**
 * Everything that describes a customer, as given when creating or changing one. Null means "not
 * given": on create the default applies, on change the value stays.
 */
public record CustomerDetails(
        String name,
        List<String> emails,
        List<Phone> phones,
        String language,
        String timeZone,
        ContactChannel preferredChannel,
        String formOfAddress,
        String notes,
        OrganizationId organizationId,
        SegmentId segmentId,
        boolean clearOrganization,
        boolean clearSegment) {

    public static CustomerDetails named(String name, String email) {
        return contact(name, email == null ? null : List.of(email), null);
    }

    /** A person and how to reach them; everything else takes its default. */
    public static CustomerDetails contact(String name, List<String> emails, List<Phone> phones) {
        return new CustomerDetails(name, emails, phones, null, null, null, null, null, null, null, false, false);
    }
}
