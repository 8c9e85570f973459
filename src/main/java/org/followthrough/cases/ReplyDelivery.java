package org.followthrough.cases;

import java.util.Optional;
import org.followthrough.customer.CustomerId;
import org.followthrough.identity.TeamId;

/**
 * A channel that really delivers replies to customers, implemented by the module that delivers them
 * (email today; the portal once it exists adds its own). {@link ReplyChannels} offers an agent only
 * the channels whose delivery says a reply would arrive.
 */
public interface ReplyDelivery {

    /** Who a reply on a case goes to, and the case's team (whose mailbox may send it). */
    record Recipient(CaseId caseId, CustomerId customerId, TeamId teamId) {}

    Channel channel();

    /** Why a reply to this recipient would not arrive now; empty when it would. */
    Optional<NotDelivered> blockedFor(Recipient recipient);
}
