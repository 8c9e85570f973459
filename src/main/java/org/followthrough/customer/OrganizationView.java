package org.followthrough.customer;

import java.util.List;

/** An organization as pages and forms show it, with its segment's name. */
public record OrganizationView(
        OrganizationId id, String name, List<String> domains, String notes, SegmentId segmentId, String segmentName) {}
