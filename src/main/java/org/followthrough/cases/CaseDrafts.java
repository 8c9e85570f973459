package org.followthrough.cases;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.followthrough.identity.AgentId;
import org.followthrough.platform.Actor;
import org.followthrough.platform.ForbiddenException;
import org.followthrough.platform.InvalidInputException;
import org.followthrough.platform.Text;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The composers' drafts (ADR 019): what an agent typed on a case and has not sent, saved while
 * they type and given back when they open the case again, on any device, after signing out. A
 * draft is its agent's alone: nobody else reads or replaces it. Not part of the case: no timeline
 * entry, no audit record, no event.
 */
@Service
public class CaseDrafts {

    /** Promise rows in one draft: more than a composer holds in practice, few enough to bound a row. */
    public static final int MAX_PROMISE_ROWS = 20;

    static final int MAX_DESCRIPTION = 500;
    static final int MAX_DUE = 40;
    static final int MAX_CALL_MINUTES = 1440;

    private final Drafts drafts;
    private final CaseQueries cases;
    private final CaseAccess access;
    private final Clock clock;

    CaseDrafts(Drafts drafts, CaseQueries cases, CaseAccess access, Clock clock) {
        this.drafts = drafts;
        this.cases = cases;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Keeps what the agent typed, over their earlier draft of the same composer; a composer emptied
     * has no draft any more. Returns the draft as kept, with the time it was saved.
     */
    @Transactional
    public ComposerDraft save(CaseId caseId, ComposerDraft draft, Actor by) {
        var agent = agentOf(by);
        cases.get(caseId, access.scopeOf(by));
        check(draft);
        if (draft.isBlank()) {
            drafts.delete(agent, caseId, draft.kind());
            return ComposerDraft.empty(draft.kind());
        }
        var saved = draft.savedAt(clock.instant());
        drafts.save(agent, caseId, saved);
        return saved;
    }

    /** The agent's drafts on this case, one per composer; a composer without one has an empty draft. */
    @Transactional(readOnly = true)
    public Map<ComposerDraft.Kind, ComposerDraft> of(CaseId caseId, Actor by) {
        var mine = new EnumMap<ComposerDraft.Kind, ComposerDraft>(ComposerDraft.Kind.class);
        for (var kind : ComposerDraft.Kind.values()) {
            mine.put(kind, ComposerDraft.empty(kind));
        }
        drafts.of(agentOf(by), caseId).forEach(d -> mine.put(d.kind(), d));
        return mine;
    }

    /** The entry was sent: its draft has done its job. */
    @Transactional
    public void discard(CaseId caseId, ComposerDraft.Kind kind, Actor by) {
        drafts.delete(agentOf(by), caseId, kind);
    }

    private static AgentId agentOf(Actor by) {
        if (by == null || by.type() != Actor.Type.AGENT) {
            throw new ForbiddenException("Only agents keep drafts");
        }
        return new AgentId(by.id());
    }

    private static void check(ComposerDraft draft) {
        if (draft.kind() == null) {
            throw new InvalidInputException("kind", "must be reply, call or note");
        }
        Text.multiLine("body", draft.body());
        if (draft.body().length() > CaseDesk.MAX_BODY) {
            throw new InvalidInputException("body", "must have at most " + CaseDesk.MAX_BODY + " characters");
        }
        if (draft.channel() == Channel.INTERNAL) {
            throw new InvalidInputException("channel", "a reply goes to the customer; use a note for internal text");
        }
        var call = draft.call();
        if (call.minutes() != null && (call.minutes() < 0 || call.minutes() > MAX_CALL_MINUTES)) {
            throw new InvalidInputException("minutes", "must be between 0 and " + MAX_CALL_MINUTES);
        }
        if (call.seconds() != null && (call.seconds() < 0 || call.seconds() > 59)) {
            throw new InvalidInputException("seconds", "must be between 0 and 59");
        }
        if (draft.promises().size() > MAX_PROMISE_ROWS) {
            throw new InvalidInputException(
                    "promise.description", "a draft holds at most " + MAX_PROMISE_ROWS + " promises");
        }
        for (var row : draft.promises()) {
            Text.singleLine("promise.description", row.description());
            Text.singleLine("promise.dueAt", row.due());
            if (row.description() != null && row.description().length() > MAX_DESCRIPTION) {
                throw new InvalidInputException(
                        "promise.description", "must have at most " + MAX_DESCRIPTION + " characters");
            }
            if (row.due() != null && row.due().length() > MAX_DUE) {
                throw new InvalidInputException("promise.dueAt", "must have at most " + MAX_DUE + " characters");
            }
        }
        if (draft.keeps().size() > MAX_PROMISE_ROWS) {
            throw new InvalidInputException("promise.keeps", "a draft keeps at most " + MAX_PROMISE_ROWS + " promises");
        }
    }
}
