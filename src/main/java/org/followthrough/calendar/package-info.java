/** Business calendars: when a team works, so that "by end of business Friday" means something. */
@Tables(owns = {"team_calendar", "team_holiday", "team_opening_hours"})
package org.followthrough.calendar;

import org.followthrough.platform.Tables;
