package org.followthrough.promise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.followthrough.cases.Composer;
import org.followthrough.cases.EntryFollowUp;
import org.followthrough.cases.TimelineEntry;
import org.followthrough.identity.ActingAgents;
import org.followthrough.identity.SignedInAgent;
import org.followthrough.platform.Actor;
import org.followthrough.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Promises made and kept in the reply or call composer: each of the {@link Composer}'s promise rows,
 * its due a local date-time in the agent's time zone, becomes a promise made in the entry just
 * written, and each promise it ticks as kept is kept with that entry as evidence, in the same
 * transaction and before the composer's "Then set" status applies (so a reply may keep the last
 * promise and resolve the case in one step).
 */
@Component
class ComposerPromises implements EntryFollowUp {

    static final String DESCRIPTION = "promise.description";
    static final String DUE = "promise.dueAt";
    static final String KEEPS = "promise.keeps";

    private final PromiseDesk promises;
    private final PromiseQueries queries;
    private final ActingAgents agents;

    ComposerPromises(PromiseDesk promises, PromiseQueries queries, ActingAgents agents) {
        this.promises = promises;
        this.queries = queries;
        this.agents = agents;
    }

    @Override
    public void entryAdded(TimelineEntry entry, Composer composer, Actor actor) {
        if (composer.promises().isEmpty() && composer.keeps().isEmpty()) {
            return;
        }
        var by = agents.of(actor);
        for (var id : composer.keeps()) {
            var promise = queries.find(new PromiseId(id))
                    .filter(p -> p.supportCase().id().equals(entry.caseId()))
                    .orElseThrow(() -> new InvalidInputException(KEEPS, "is not a promise of this case: " + id));
            if (promise.state().isUnsettled()) {
                promises.keep(promise.id(), entry.id(), null, by.actor());
            }
        }
        for (var row : composer.promises()) {
            var description = row.description();
            var due = row.due();
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
        return DueTime.parse(text, zoneOf(by), DUE);
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
