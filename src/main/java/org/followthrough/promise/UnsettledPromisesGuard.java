package org.followthrough.promise;

import java.util.stream.Collectors;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.ResolutionGuard;
import org.followthrough.platform.ConflictException;
import org.springframework.stereotype.Component;

/** A case is not resolved or closed while it owes the customer something. */
@Component
class UnsettledPromisesGuard implements ResolutionGuard {

    private final PromiseStore store;

    UnsettledPromisesGuard(PromiseStore store) {
        this.store = store;
    }

    @Override
    public void checkMayEnd(CaseId caseId) {
        var unsettled = store.unsettledOfCase(caseId);
        if (unsettled.isEmpty()) {
            return;
        }
        var named = unsettled.stream()
                .map(p -> "\u201c" + p.description() + "\u201d ("
                        + p.state().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        throw new ConflictException("Case #" + unsettled.getFirst().caseNumber()
                + " still has " + (unsettled.size() == 1 ? "a promise" : unsettled.size() + " promises")
                + " to keep, renegotiate or release: " + named);
    }
}
