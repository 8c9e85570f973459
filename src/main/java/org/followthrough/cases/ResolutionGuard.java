package org.followthrough.cases;

/**
 * Asked before a case is resolved or closed; refuses by throwing a {@link
 * ResolutionRefusedException} (a 409) that says what is still outstanding.
 * Declared here and implemented by modules that hold work a case must not end with, so cases do
 * not depend on them.
 */
public interface ResolutionGuard {

    void checkMayEnd(CaseId caseId);
}
