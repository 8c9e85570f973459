package org.followthrough.cases;

import org.followthrough.platform.Actor;

/**
 * Work another module does with what an agent wrote, inside the transaction that adds the reply or
 * call: what else the agent filled in the {@link Composer} (a promise made in this reply) is saved
 * with the entry or not at all. Declared here and implemented elsewhere, so cases do not depend on
 * those modules.
 */
public interface EntryFollowUp {

    void entryAdded(TimelineEntry entry, Composer composer, Actor by);
}
