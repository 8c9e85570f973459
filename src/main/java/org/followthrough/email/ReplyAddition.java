package org.followthrough.email;

import java.time.ZoneId;
import java.util.Locale;
import org.followthrough.cases.CaseId;

/**
 * What another module adds under a reply by email when the agent ticks the composer's box for it
 * (the promise module: the promises still open on the case). Called in the reply's transaction,
 * after the other follow-ups, so what this very reply recorded is there.
 */
public interface ReplyAddition {

    /** The text to add under the reply, starting with its own blank lines; "" for nothing. */
    String under(CaseId caseId, ZoneId zone, Locale locale);
}
