/** Alerts to agents about their work (by email today), and who asked for them. */
@Tables(owns = {"agent_mail_alerts"})
package org.followthrough.notifications;

import org.followthrough.platform.Tables;
