/** The mailbox pages of the admin console and the mailboxes part of the REST API. */
package org.followthrough.email.web;
