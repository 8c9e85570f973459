package org.followthrough.handoff;

import java.util.Locale;
import org.followthrough.cases.CaseEvents.CaseAssigned;
import org.followthrough.cases.CaseEvents.CaseStatusChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An open offer is about the case as it was offered: when the case ends, or a supervisor gives it
 * to someone directly, the offer is withdrawn in the same transaction, so nobody accepts a case
 * that is closed or already someone else's.
 */
@Component
class OffersFollowTheCase {

    private final HandoffDesk handoffs;

    OffersFollowTheCase(HandoffDesk handoffs) {
        this.handoffs = handoffs;
    }

    @EventListener
    void on(CaseStatusChanged changed) {
        if (!changed.to().isActive()) {
            handoffs.withdrawOpenOffer(
                    changed.caseId(), "the case was " + changed.to().name().toLowerCase(Locale.ROOT), changed.by());
        }
    }

    @EventListener
    void on(CaseAssigned assigned) {
        // Only an owned case can be offered: a first owner (a new or triaged case) has no offer to withdraw.
        if (assigned.from() == null) {
            return;
        }
        handoffs.withdrawOpenOffer(assigned.caseId(), "the case was given to someone else", assigned.by());
    }
}
