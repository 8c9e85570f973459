package org.followthrough.macros;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.followthrough.cases.CaseStatus;
import org.followthrough.cases.SupportCase;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;

/**
 * What a macro does besides its text, all optional: the status the case takes when the reply goes
 * out, tags it adds, the team it moves to, and a promise made with the reply.
 */
public record MacroActions(CaseStatus status, Set<String> addTags, TeamId teamId, MacroPromise promise) {

    /** The statuses a reply may leave a case in (the composer's "then" choices). */
    public static final Set<CaseStatus> STATUSES =
            EnumSet.of(CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.WAITING_ON_THIRD_PARTY, CaseStatus.RESOLVED);

    public static final MacroActions NONE = new MacroActions(null, Set.of(), null, null);

    public MacroActions {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInputException(
                    "status",
                    "must be one of "
                            + STATUSES.stream().map(Enum::name).sorted().toList());
        }
        addTags = Set.copyOf(SupportCase.validTags(addTags));
    }

    public boolean any() {
        return status != null || !addTags.isEmpty() || teamId != null || promise != null;
    }

    /** A promise the macro makes: what, and when it falls due by rule. */
    public record MacroPromise(String description, PromiseDue due) {

        static final int MAX_DESCRIPTION = 500;

        public MacroPromise {
            description = Text.required("promiseDescription", description, MAX_DESCRIPTION);
            Placeholders.check("promiseDescription", description);
            if (due == null) {
                throw new InvalidInputException("promiseDue", "is required with a promise");
            }
        }

        /** The promise from a form: none when both fields are empty, refused when only one is given. */
        public static MacroPromise of(String description, String due) {
            boolean noDescription = description == null || description.isBlank();
            boolean noDue = due == null || due.isBlank();
            if (noDescription && noDue) {
                return null;
            }
            if (noDescription) {
                throw new InvalidInputException("promiseDescription", "is required with a due rule");
            }
            return new MacroPromise(description, PromiseDue.parse(due));
        }
    }

    static List<String> sorted(Set<String> tags) {
        return tags.stream().sorted().toList();
    }
}
