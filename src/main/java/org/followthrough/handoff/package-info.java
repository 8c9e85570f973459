/**
 * Handoffs: a case moves to another agent or team only when the receiver accepts it; until then
 * its owner stays accountable, promises and all.
 */
package org.followthrough.handoff;
