package org.followthrough.cases;

import java.util.stream.Collectors;
import org.followthrough.platform.ConflictException;

/** A status change the lifecycle does not allow: answered with 409 and the allowed moves. */
public class IllegalTransitionException extends ConflictException {

    /** For another aggregate's lifecycle (a promise's, a handoff's), which says the move in its own words. */
    public IllegalTransitionException(String message) {
        super(message);
    }

    public IllegalTransitionException(CaseStatus from, CaseStatus to) {
        super("A case cannot move from " + label(from) + " to " + label(to) + "; from " + label(from)
                + " it can move to "
                + from.next().stream().map(IllegalTransitionException::label).collect(Collectors.joining(", ")));
    }

    private static String label(CaseStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }
}
