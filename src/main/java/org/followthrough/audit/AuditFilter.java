package org.followthrough.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.followthrough.platform.InvalidInputException;

/**
 * Which audit events to list: of one kind of thing, by one actor ({@code actorId}, or the system),
 * about one case (by number: its own events and its promises' and handoffs'), in
 * {@code [from, until)}. Every part is optional.
 */
public record AuditFilter(
        String entityType, UUID actorId, boolean bySystem, Long caseNumber, Instant from, Instant until) {

    /** The kinds of things the audit log records that its page offers to filter by. */
    public static final Set<String> KINDS = Set.of(
            "case",
            "promise",
            "handoff",
            "customer",
            "organization",
            "segment",
            "agent",
            "team",
            "api_token",
            "mailbox",
            "sign_in",
            "mail_message");

    public static final AuditFilter NONE = new AuditFilter(null, null, false, null, null, null);

    public AuditFilter {
        if (entityType != null && !KINDS.contains(entityType)) {
            throw new InvalidInputException("entity", "is not a kind of thing the audit log records");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidInputException("from", "must be before the end of the range");
        }
    }

    public static AuditFilter ofKind(String entityType) {
        return new AuditFilter(entityType, null, false, null, null, null);
    }
}
