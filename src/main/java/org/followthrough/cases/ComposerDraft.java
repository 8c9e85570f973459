package org.followthrough.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an agent has typed in one of a case's composers and not sent yet, exactly as typed: the
 * text, the composer's other fields, the promise rows and, in a reply, the promises it keeps. A
 * draft is its agent's alone (ADR 019). {@code savedAt} is null for a composer with no draft.
 */
public record ComposerDraft(
        Kind kind,
        String body,
        Channel channel,
        CaseStatus then,
        Call call,
        Boolean listPromises,
        List<Composer.PromiseDraft> promises,
        List<UUID> keeps,
        Instant savedAt) {

    /** The composer a draft belongs to. */
    public enum Kind {
        REPLY,
        CALL,
        NOTE;

        /** The composer's tab on the case page: {@code reply}, {@code call}, {@code note}. */
        public String tab() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The call composer's own fields, as typed; null where left as they were. */
    public record Call(CallDirection direction, Integer minutes, Integer seconds) {

        static final Call NONE = new Call(null, null, null);
    }

    public ComposerDraft {
        body = body == null ? "" : body;
        call = call == null ? Call.NONE : call;
        promises = promises == null ? List.of() : List.copyOf(promises);
        keeps = keeps == null ? List.of() : List.copyOf(keeps);
    }

    /** A composer with nothing typed in it. */
    public static ComposerDraft empty(Kind kind) {
        return new ComposerDraft(kind, "", null, null, Call.NONE, null, List.of(), List.of(), null);
    }

    /** Whether it holds nothing worth keeping: no text, no promise, no tick. */
    public boolean isBlank() {
        return body.isBlank() && promises.stream().allMatch(Composer.PromiseDraft::isEmpty) && keeps.isEmpty();
    }

    public boolean saved() {
        return savedAt != null;
    }

    ComposerDraft savedAt(Instant at) {
        return new ComposerDraft(kind, body, channel, then, call, listPromises, promises, keeps, at);
    }
}
