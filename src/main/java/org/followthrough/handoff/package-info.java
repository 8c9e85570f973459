/**
 * Handoffs: a case moves to another agent or team only when the receiver accepts it; until then
 * its owner stays accountable, promises and all.
 */
@Tables(owns = {"handoff"})
package org.followthrough.handoff;

import org.followthrough.platform.Tables;
