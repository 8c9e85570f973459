/** The email channel in the console and the REST API: mailboxes, the mail on a case, the quarantine. */
package org.followthrough.email.web;
