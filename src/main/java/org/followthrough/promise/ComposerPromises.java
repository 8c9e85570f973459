package org.followthrough.promise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.followthrough.cases.EntryFollowUp;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Promises made in the reply or call composer: each {@code promise.description} with its
 * {@code promise.dueAt} (a local date-time in the agent's time zone) becomes a promise made in the
 * entry just written, in the same transaction.
 */
@Component
class ComposerPromises implements EntryFollowUp {

    static final String DESCRIPTION = "promise.description";
    static final String DUE = "promise.dueAt";

    private final PromiseDesk promises;

    ComposerPromises(PromiseDesk promises) {
        this.promises = promises;
    }

    @Override
    public void entryAdded(TimelineEntry entry, Map<String, List<String>> fields, SignedInAgent by) {
        var descriptions = fields.getOrDefault(DESCRIPTION, List.of());
        var dues = fields.getOrDefault(DUE, List.of());
        for (int i = 0; i < Math.max(descriptions.size(), dues.size()); i++) {
            var description = i < descriptions.size() ? descriptions.get(i) : "";
            var due = i < dues.size() ? dues.get(i) : "";
            if (blank(description) && blank(due)) {
                continue;
            }
            if (blank(description)) {
                throw new InvalidInputException(DESCRIPTION, "say what was promised");
            }
            if (blank(due)) {
                throw new InvalidInputException(DUE, "say by when \u201c" + description.strip() + "\u201d is due");
            }
            promises.make(
                    new PromiseDesk.MakePromise(entry.caseId(), description, localDue(due, by), null, entry.id()),
                    by.actor());
        }
    }

    static Instant localDue(String text, SignedInAgent by) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(zoneOf(by)).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(DUE, "must be a date and time such as 2026-11-27T17:00");
        }
    }

    static ZoneId zoneOf(SignedInAgent by) {
        try {
            return by.timeZone() == null ? ZoneOffset.UTC : ZoneId.of(by.timeZone());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
