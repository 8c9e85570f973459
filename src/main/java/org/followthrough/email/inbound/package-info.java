/**
 * Mail coming in: each mailbox polled on its timer, messages filed onto cases in lanes, threaded by
 * their headers or the case token, and what cannot be filed kept in the quarantine or the list of
 * mail not filed, with every received message kept whole in the archive.
 */
package org.followthrough.email.inbound;
