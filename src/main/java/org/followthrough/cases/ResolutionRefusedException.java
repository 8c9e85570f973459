package org.followthrough.cases;

import org.followthrough.platform.ConflictException;

/**
 * A {@link ResolutionGuard}'s refusal to let a case end while it still holds work: a 409 like any
 * conflict, which the case page answers with what is still open and a way to settle each.
 */
public class ResolutionRefusedException extends ConflictException {

    private final long caseNumber;

    public ResolutionRefusedException(long caseNumber, String message) {
        super(message);
        this.caseNumber = caseNumber;
    }

    public long caseNumber() {
        return caseNumber;
    }
}
