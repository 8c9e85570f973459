package org.followthrough.macros;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.followthrough.cases.IllegalTransitionException;
import org.followthrough.identity.AgentId;
import org.followthrough.identity.TeamId;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;

/**
 * A canned reply: its title (what agents search for), its text with placeholders, and what it does
 * to the case. A personal macro belongs to the agent who wrote it; a shared one is seen by everyone,
 * or by one team. A macro in use is revised, never edited behind the back of its history: an
 * archived one cannot be used or revised until restored.
 */
public final class Macro {

    static final int MAX_TITLE = 120;
    static final int MAX_BODY = 20_000;

    private final MacroId id;
    private final MacroScope scope;
    private final AgentId ownerId;
    private final Instant createdAt;
    private Content content;
    private TeamId sharedWith;
    private Instant archivedAt;
    private Instant updatedAt;

    /** What an agent writes: the title, the text and the actions. */
    public record Content(String title, String body, MacroActions actions) {

        public Content {
            title = Text.required("title", title, MAX_TITLE);
            body = Text.required("body", body, MAX_BODY);
            Placeholders.check("body", body);
            actions = actions == null ? MacroActions.NONE : actions;
        }
    }

    Macro(
            MacroId id,
            MacroScope scope,
            AgentId ownerId,
            TeamId sharedWith,
            Content content,
            Instant createdAt,
            Instant updatedAt,
            Instant archivedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.ownerId = ownerId;
        this.sharedWith = sharedWith;
        this.content = Objects.requireNonNull(content, "content");
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.archivedAt = archivedAt;
        if (scope == MacroScope.PERSONAL && ownerId == null) {
            throw new IllegalArgumentException("a personal macro has an owner");
        }
    }

    /** A macro only its author sees. */
    static Macro personal(MacroId id, AgentId owner, Content content, Instant now) {
        return new Macro(
                id, MacroScope.PERSONAL, Objects.requireNonNull(owner, "owner"), null, content, now, now, null);
    }

    /** A macro everyone sees, or only the members of {@code team} when one is named. */
    static Macro shared(MacroId id, TeamId team, Content content, Instant now) {
        return new Macro(id, MacroScope.SHARED, null, team, content, now, now, null);
    }

    void revise(Content revised, TeamId team, Instant now) {
        requireActive("revise");
        if (scope == MacroScope.PERSONAL && team != null) {
            throw new InvalidInputException("sharedWithTeamId", "only a shared macro is shared with a team");
        }
        this.content = Objects.requireNonNull(revised, "content");
        this.sharedWith = team;
        this.updatedAt = now;
    }

    void archive(Instant now) {
        requireActive("archive");
        this.archivedAt = now;
        this.updatedAt = now;
    }

    void restore(Instant now) {
        if (archivedAt == null) {
            throw new IllegalTransitionException("This macro is not archived, so there is nothing to restore.");
        }
        this.archivedAt = null;
        this.updatedAt = now;
    }

    /** Refuses to fill in an archived macro: the composer offers only active ones. */
    void checkUsable() {
        requireActive("use");
    }

    private void requireActive(String what) {
        if (archivedAt != null) {
            throw new IllegalTransitionException("This macro is archived: restore it to " + what + " it.");
        }
    }

    /** The fields the audit log records, before and after a change. */
    Map<String, Object> auditView() {
        var map = new LinkedHashMap<String, Object>();
        map.put("title", content.title());
        map.put("scope", scope.name());
        map.put("sharedWith", sharedWith == null ? null : sharedWith.value());
        map.put(
                "status",
                content.actions().status() == null
                        ? null
                        : content.actions().status().name());
        map.put("addTags", MacroActions.sorted(content.actions().addTags()));
        map.put(
                "teamId",
                content.actions().teamId() == null
                        ? null
                        : content.actions().teamId().value());
        var promise = content.actions().promise();
        map.put("promise", promise == null ? null : promise.description() + " · " + promise.due());
        map.put("archived", archivedAt != null);
        return map;
    }

    public MacroId id() {
        return id;
    }

    public MacroScope scope() {
        return scope;
    }

    public AgentId ownerId() {
        return ownerId;
    }

    public TeamId sharedWith() {
        return sharedWith;
    }

    public Content content() {
        return content;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public boolean archived() {
        return archivedAt != null;
    }
}
