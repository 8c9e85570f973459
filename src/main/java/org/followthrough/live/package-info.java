/**
 * Live: who else has a case open or is typing a reply, and what changed on a case or in the inbox,
 * pushed to open pages as server-sent events and carried between nodes by PostgreSQL NOTIFY (ADR 020).
 */
@Tables(owns = {})
package org.followthrough.live;

import org.followthrough.platform.Tables;
