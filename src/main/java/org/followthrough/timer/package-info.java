/**
 * Timers kept in PostgreSQL: work that must happen at a moment (a reminder, a breach, an
 * escalation) survives restarts and happens once however many app nodes run.
 */
@Tables(owns = {"timer"})
package org.followthrough.timer;

import org.followthrough.platform.Tables;
