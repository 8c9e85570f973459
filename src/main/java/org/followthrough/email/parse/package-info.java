/**
 * Reads inbound mail as it arrives from the wild: headers, bodies in any charset, attachments, quoted
 * history, signatures, auto-replies and bounces, with HTML made safe to show. Pure Java, no beans.
 */
package org.followthrough.email.parse;
