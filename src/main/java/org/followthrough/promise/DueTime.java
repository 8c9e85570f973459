package org.followthrough.promise;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.followthrough.platform.InvalidInputException;

/**
 * A due time as the console sends it: a local date-time read in the agent's own zone
 * ({@code 2026-11-27T17:00}), or followed by the zone it was written in when the agent chose the
 * customer's or the team's time ({@code 2026-11-27T17:00[America/New_York]}). A time that falls in a
 * clock change's gap moves forward by the gap; one that falls twice takes the earlier of the two.
 */
public final class DueTime {

    private DueTime() {}

    public static Instant parse(String text, ZoneId agentZone, String field) {
        try {
            var value = text.strip();
            var zone = agentZone;
            int open = value.indexOf('[');
            if (open >= 0 && value.endsWith("]")) {
                var named = value.substring(open + 1, value.length() - 1).strip();
                if (!named.isEmpty()) {
                    zone = ZoneId.of(named);
                }
                value = value.substring(0, open).strip();
            }
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "must be a date and time such as 2026-11-27T17:00");
        }
    }

    /** The local time with the zone it was written in, unless that is the agent's own. */
    public static String written(String local, String zone) {
        return local == null || local.isBlank() || zone == null || zone.isBlank()
                ? local
                : local.strip() + "[" + zone.strip() + "]";
    }
}
