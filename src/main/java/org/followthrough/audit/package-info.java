/** The audit log: who changed what, when, from what to what. Append-only, read by admins. */
package org.followthrough.audit;
