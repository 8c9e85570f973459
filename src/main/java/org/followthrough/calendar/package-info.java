/** Business calendars: when a team works, so that "by end of business Friday" means something. */
package org.followthrough.calendar;
