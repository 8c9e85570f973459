package org.followthrough.promise;

import java.util.Locale;
import java.util.stream.Collectors;
import org.followthrough.cases.CaseId;
import org.followthrough.cases.ResolutionGuard;
import org.followthrough.cases.ResolutionRefusedException;
import org.springframework.stereotype.Component;

/** A case is not resolved or closed while it owes the customer something. */
@Component
class UnsettledPromisesGuard implements ResolutionGuard {

    private final PromiseQueries queries;

    UnsettledPromisesGuard(PromiseQueries queries) {
        this.queries = queries;
    }

    @Override
    public void checkMayEnd(CaseId caseId) {
        var unsettled = queries.unsettledOfCase(caseId);
        if (unsettled.isEmpty()) {
            return;
        }
        var named = unsettled.stream()
                .map(p -> "\u201c" + p.description() + "\u201d ("
                        + p.state().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        var number = unsettled.getFirst().supportCase().number();
        throw new ResolutionRefusedException(
                number,
                "Case #" + number
                        + " still has " + (unsettled.size() == 1 ? "a promise" : unsettled.size() + " promises")
                        + " to keep, renegotiate or release: " + named);
    }
}
