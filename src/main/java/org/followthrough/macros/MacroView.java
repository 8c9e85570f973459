package org.followthrough.macros;

import java.time.Instant;
import java.util.List;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;

/** A macro as the management page, the composer's picker and the API show it. */
public record MacroView(
        MacroId id,
        String title,
        String body,
        MacroScope scope,
        AgentId ownerId,
        TeamRef sharedWith,
        MacroActions actions,
        TeamRef movesTo,
        Usage usage,
        Instant updatedAt,
        boolean archived) {

    /** A team named by a macro, with its name. */
    public record TeamRef(TeamId id, String name) {}

    /** How often the macro was used, and when last. */
    public record Usage(long count, Instant lastUsedAt) {}

    /** The placeholders its text uses, for the list. */
    public List<String> placeholders() {
        return List.copyOf(Placeholders.used(body));
    }

    /** The tags it adds, sorted. */
    public List<String> addTags() {
        return MacroActions.sorted(actions.addTags());
    }
}
