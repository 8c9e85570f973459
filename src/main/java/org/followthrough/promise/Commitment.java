package org.followthrough.promise;

import java.time.Instant;
import java.util.Objects;

/**
 * A promise found in what an agent wrote, offered to the agent to confirm, edit or dismiss.
 *
 * @param sentence the sentence as the agent wrote it, trimmed
 * @param duePhrase the words that set the due time as written ("by end of business Friday"), or
 *     null when the sentence names none; set but with a null {@code dueAt} for "shortly", "as soon
 *     as possible"
 * @param dueAt when the promise falls due, or null when the sentence commits without a time
 * @param confidence how sure the detector is, from 0 to 1
 */
public record Commitment(String sentence, String duePhrase, Instant dueAt, double confidence) {

    public Commitment {
        Objects.requireNonNull(sentence, "sentence");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must lie between 0 and 1");
        }
        if (dueAt != null && duePhrase == null) {
            throw new IllegalArgumentException("a due time needs the words that set it");
        }
    }
}
