/** The live event streams of case pages and inboxes, and what pages report (typing). */
package org.followthrough.live.web;
