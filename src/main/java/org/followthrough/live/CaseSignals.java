package org.followthrough.live;

import org.followthrough.cases.CaseEvents.CaseOpened;
import org.followthrough.cases.CaseEvents.EntryAdded;
import org.followthrough.cases.EntryKind;
import org.followthrough.platform.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns what happened to cases into signals once it has committed: before, another node's page
 * would fetch a timeline without the entry it was told of. A rolled-back change signals nothing.
 */
@Component
class CaseSignals {

    private final LiveDesk live;

    CaseSignals(LiveDesk live) {
        this.live = live;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EntryAdded added) {
        // An agent who added a reply, call or note is done typing it.
        boolean written =
                added.by() != null && added.by().type() == Actor.Type.AGENT && added.kind() != EntryKind.EVENT;
        live.entryAdded(added.caseId(), written ? added.by().id() : null);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CaseOpened opened) {
        live.caseOpened(opened.caseId());
    }
}
