package org.followthrough.cases;

import java.util.UUID;
import org.followthrough.identity.AgentId;

/**
 * A view of the inbox kept by name: personal (its maker's tab) or shared (a tab of everyone's,
 * made by supervisors and admins).
 */
public record SavedView(UUID id, String name, AgentId createdBy, boolean shared, InboxFilters filters) {

    public static final int MAX_NAME = 40;
}
