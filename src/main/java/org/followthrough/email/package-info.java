/**
 * The email channel: mailboxes read over IMAP and sent from over SMTP, messages threaded onto
 * cases, replies sent through an outbox, and nothing that arrives ever lost.
 */
package org.followthrough.email;
