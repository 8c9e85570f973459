package org.followthrough.email;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.followthrough.cases.CaseId;

/** What happens to mail, published in the transaction that recorded it. */
public final class MailEvents {

    private MailEvents() {}

    /** Mail to these addresses bounced; {@code caseId} is the case of the message that bounced, if known. */
    public record MailBounced(CaseId caseId, List<String> addresses, String reason, Instant at) {}

    /** Sending gave up on a message: the server refused it for good or kept failing. */
    public record MailNotSent(UUID outboxId, CaseId caseId, List<String> to, String reason, Instant at) {}
}
