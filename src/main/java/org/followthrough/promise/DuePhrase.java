package org.followthrough.promise;

import java.time.Instant;

/**
 * Words in a sentence that set a due time, as offsets into the text they were found in. {@code
 * dueAt} is null for phrases that promise speed but no time ("shortly", "as soon as possible").
 */
record DuePhrase(int start, int end, Instant dueAt) {

    boolean vague() {
        return dueAt == null;
    }
}
