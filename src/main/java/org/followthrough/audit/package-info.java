/** The audit log: who changed what, when, from what to what. Append-only, read by admins. */
@Tables(owns = {"audit_event"})
package org.followthrough.audit;

import org.followthrough.platform.Tables;
