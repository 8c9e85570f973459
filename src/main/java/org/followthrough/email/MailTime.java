package org.followthrough.email;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A time as mail written to people says it: "Tuesday 8 December, 14:00 (Europe/Berlin)", in their language. */
public final class MailTime {

    /** One formatter per language: building one parses its pattern. */
    private static final Map<Locale, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

    private MailTime() {}

    public static String formatted(Instant at, ZoneId zone, Locale locale) {
        var format = FORMATS.computeIfAbsent(locale, l -> DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", l));
        return format.format(at.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
