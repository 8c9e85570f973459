package org.followthrough.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Times and durations as people read them, for templates: {@code ${@fmt.ago(instant)}}. */
@Component("fmt")
public class Formats {

    private final Clock clock;
    private final MessageSource messages;
    private final Map<Locale, DateTimeFormatter> dateTimes = new ConcurrentHashMap<>();

    Formats(Clock clock, MessageSource messages) {
        this.clock = clock;
        this.messages = messages;
    }

    /** "just now", "5 min ago", "3 h ago", "2 d ago". */
    public String ago(Instant instant) {
        if (instant == null) {
            return "";
        }
        var elapsed = Duration.between(instant, clock.instant());
        if (elapsed.isNegative() || elapsed.toMinutes() < 1) {
            return message("time.justNow");
        }
        if (elapsed.toHours() < 1) {
            return message("time.minutesAgo", elapsed.toMinutes());
        }
        if (elapsed.toDays() < 1) {
            return message("time.hoursAgo", elapsed.toHours());
        }
        return message("time.daysAgo", elapsed.toDays());
    }

    /** Date and time in the given zone, e.g. "23 Nov 2026, 14:05". */
    public String dateTime(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        return dateTimes
                .computeIfAbsent(
                        locale(),
                        l -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                                .withLocale(l))
                .format(instant.atZone(zone == null ? ZoneId.of("UTC") : zone));
    }

    /** The time it is now where someone is, e.g. "14:05 (Europe/Berlin)". */
    public String localTime(ZoneId zone) {
        var now = clock.instant().atZone(zone);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(locale())
                        .format(now) + " (" + zone.getId() + ")";
    }

    /**
     * The time of day in someone else's zone with the zone's abbreviation, e.g. "19:05 CET", for a
     * time shown next to the viewer's own: whose time it is is never left to guess.
     */
    public String timeIn(Instant instant, ZoneId zone) {
        if (instant == null || zone == null) {
            return "";
        }
        var at = instant.atZone(zone);
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(locale())
                        .format(at) + " "
                + DateTimeFormatter.ofPattern("zzz", locale()).format(at);
    }

    /** An instant kept as text (in a timeline event's data), shown like {@link #dateTime}. */
    public String dateTimeOf(Object isoInstant, ZoneId zone) {
        if (isoInstant == null) {
            return "";
        }
        try {
            return dateTime(Instant.parse(isoInstant.toString()), zone);
        } catch (DateTimeParseException e) {
            return isoInstant.toString();
        }
    }

    /** The value of an {@code <input type="datetime-local">}: "2026-11-27T17:00" in the zone. */
    public String inputDateTime(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        return instant.atZone(zone == null ? ZoneId.of("UTC") : zone)
                .toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
    }

    /** "in 3 h", "in 2 d", or how long ago for a time that has passed. */
    public String until(Instant instant) {
        if (instant == null) {
            return "";
        }
        var left = Duration.between(clock.instant(), instant);
        if (left.isNegative()) {
            return message("time.overdueBy", roughly(left.negated()));
        }
        return message("time.in", roughly(left));
    }

    private String roughly(Duration duration) {
        if (duration.toMinutes() < 60) {
            return message("time.minutes", Math.max(1, duration.toMinutes()));
        }
        if (duration.toHours() < 48) {
            return message("time.hours", duration.toHours());
        }
        return message("time.days", duration.toDays());
    }

    /** Machine-readable instant for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** "4 min 05 s" for a call. */
    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return message("duration.seconds", seconds);
        }
        if (seconds < 3600) {
            return message("duration.minutes", seconds / 60, String.format("%02d", seconds % 60));
        }
        return message("duration.hours", seconds / 3600, String.format("%02d", (seconds % 3600) / 60));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
