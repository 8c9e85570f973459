package org.followthrough.promise;

import org.followthrough.cases.CaseEvents.CaseAssigned;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whoever owns a case answers for its promises: when the case changes hands (a handoff accepted, a
 * supervisor's reassignment), its unsettled promises go with it, in the same transaction.
 */
@Component
class PromisesFollowTheOwner {

    private final PromiseDesk promises;

    PromisesFollowTheOwner(PromiseDesk promises) {
        this.promises = promises;
    }

    @EventListener
    void on(CaseAssigned assigned) {
        if (assigned.to() == null) {
            return;
        }
        promises.handOver(assigned.caseId(), assigned.to(), assigned.by());
    }
}
