package org.followthrough.email.parse;

import java.util.List;

/**
 * What a delivery failure report says: who could not be reached, which message of ours failed
 * ({@code originalMessageId} without angle brackets, {@code null} when the report does not say) and
 * why, in plain words after the status code.
 */
public record Bounce(List<String> failedRecipients, String originalMessageId, String reason) {

    public Bounce {
        failedRecipients = List.copyOf(failedRecipients);
        reason = reason == null ? "" : reason;
    }
}
