package org.followthrough.cases;

import java.util.List;
import java.util.Map;
import org.followthrough.identity.SignedInAgent;

/**
 * Work another module does with what an agent wrote, inside the transaction that adds the reply or
 * call: the composer's extra fields (a promise made in this reply) are saved with the entry or not
 * at all. Declared here and implemented elsewhere, so cases do not depend on those modules.
 */
public interface EntryFollowUp {

    void entryAdded(TimelineEntry entry, Map<String, List<String>> composerFields, SignedInAgent by);
}
