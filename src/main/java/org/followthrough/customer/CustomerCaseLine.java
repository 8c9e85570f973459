package org.followthrough.customer;

import java.time.Instant;
import java.util.UUID;

/** One of a customer's cases as the customer page lists it. */
public record CustomerCaseLine(
        UUID caseId,
        long number,
        String subject,
        String status,
        boolean active,
        String ownerName,
        Instant lastActivityAt) {}
