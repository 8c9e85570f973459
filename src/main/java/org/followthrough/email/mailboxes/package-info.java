/**
 * The mailboxes admins set up: addresses, IMAP and SMTP servers, passwords kept sealed, connection
 * checks, and the lease that lets one node at a time poll each.
 */
package org.followthrough.email.mailboxes;
