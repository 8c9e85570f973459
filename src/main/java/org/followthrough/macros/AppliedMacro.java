package org.followthrough.macros;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.followthrough.cases.CaseStatus;

/**
 * A macro filled in for one case: the reply text with its placeholders replaced, and its actions
 * made concrete — the promise's due time counted from now in the case team's calendar. The composer
 * puts these in its fields; nothing happens to the case until the agent sends.
 */
public record AppliedMacro(
        MacroId id,
        String title,
        String body,
        CaseStatus status,
        List<String> addTags,
        MacroView.TeamRef movesTo,
        Promise promise) {

    /** The promise the reply would make, due at an instant, counted in the calendar of {@code zone}. */
    public record Promise(String description, Instant dueAt, ZoneId zone) {}
}
