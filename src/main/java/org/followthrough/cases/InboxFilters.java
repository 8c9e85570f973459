package org.followthrough.cases;

import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;

/**
 * What a saved view of the inbox keeps; null means any. Without a status it holds the cases still
 * being worked. {@code waitingHours}: the customer has waited at least this long for an answer.
 */
public record InboxFilters(
        CaseStatus status,
        TeamId team,
        AgentId owner,
        String tag,
        Priority priority,
        Channel channel,
        InboxPromiseFilter promise,
        Integer waitingHours) {

    public static final int MAX_TAG = 50;
    public static final int MAX_WAITING_HOURS = 24 * 365;

    public InboxFilters {
        tag = Text.singleLine("tag", Text.optional("tag", tag, MAX_TAG));
        if (waitingHours != null && (waitingHours < 1 || waitingHours > MAX_WAITING_HOURS)) {
            throw new InvalidInputException("waitingHours", "must be between 1 and " + MAX_WAITING_HOURS);
        }
    }

    public static InboxFilters none() {
        return new InboxFilters(null, null, null, null, null, null, null, null);
    }
}
