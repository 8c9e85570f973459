/**
 * Macros (canned replies): a reply text with placeholders filled from the case, and the actions an
 * agent would take with it — set a status, add tags, move to a team, promise something by a due rule.
 * Personal to one agent, or shared by a supervisor with everyone or one team.
 */
@Tables(owns = {"macro"})
package org.followthrough.macros;

import org.followthrough.platform.Tables;
