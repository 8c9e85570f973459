/**
 * Mail going out: replies by email, acknowledgements and alert mail queued in the outbox with the
 * work that caused them, and sent over SMTP after that commits, retried until delivered or given up.
 */
package org.followthrough.email.outbound;
