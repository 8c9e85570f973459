package org.followthrough.cases;

import java.util.UUID;

/**
 * A case found by search, with the passage that matched. {@code snippetHtml} is escaped text whose
 * only markup is {@code <mark>} around the matched words.
 */
public record CaseHit(CaseView supportCase, UUID entryId, String snippetHtml, double rank) {}
