package org.followthrough.customer;

import java.util.List;

public record Organization(
        OrganizationId id, String name, List<String> domains, String notes, SegmentId segmentId, String segmentName) {}
