package org.followthrough.email.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Date} header, read leniently: RFC 5322 and its obsolete forms, missing weekday or
 * seconds, two-digit years, named zones, comments, and the ISO and asctime forms some programs send.
 */
final class MailDates {

    private static final Pattern RFC_5322 = Pattern.compile(
            "(\\d{1,2})[\\s-]+([A-Za-z]{3})[A-Za-z]*\\.?[\\s-]+(\\d{2,4}),?\\s+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:\\.\\d{1,9})?)?"
                    + "\\s*(?:([+-])(\\d{1,2}):?(\\d{2})|\\(?([A-Za-z]{1,5})\\)?)?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?\\s*(?:(Z)|([+-])(\\d{2}):?(\\d{2}))?");
    private static final Pattern ASCTIME =
            Pattern.compile("([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s+(\\d{4})");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
            Map.entry("ut", 0),
            Map.entry("utc", 0),
            Map.entry("gmt", 0),
            Map.entry("z", 0),
            Map.entry("edt", -4),
            Map.entry("est", -5),
            Map.entry("cdt", -5),
            Map.entry("cst", -6),
            Map.entry("mdt", -6),
            Map.entry("mst", -7),
            Map.entry("pdt", -7),
            Map.entry("pst", -8),
            Map.entry("bst", 1),
            Map.entry("cet", 1),
            Map.entry("met", 1),
            Map.entry("mez", 1),
            Map.entry("cest", 2),
            Map.entry("mesz", 2),
            Map.entry("eet", 2),
            Map.entry("eest", 3),
            Map.entry("msk", 3),
            Map.entry("jst", 9),
            Map.entry("kst", 9));

    private MailDates() {}

    /** The moment the header names, or {@code null} when it names none. */
    static Instant parse(String raw) {
        if (raw == null) {
            return null;
        }
        String text = HeaderText.unfold(raw).strip();
        if (text.length() > 200) {
            text = text.substring(0, 200);
        }
        try {
            Matcher rfc = RFC_5322.matcher(text);
            if (rfc.find()) {
                Integer month = MONTHS.get(rfc.group(2).toLowerCase(Locale.ROOT));
                if (month == null) {
                    return null;
                }
                int year = year(rfc.group(3));
                LocalDateTime local = LocalDateTime.of(
                        year,
                        month,
                        Integer.parseInt(rfc.group(1)),
                        Integer.parseInt(rfc.group(4)),
                        Integer.parseInt(rfc.group(5)),
                        rfc.group(6) == null ? 0 : Math.min(59, Integer.parseInt(rfc.group(6))));
                ZoneOffset offset = rfc.group(7) != null
                        ? offset(rfc.group(7), rfc.group(8), rfc.group(9))
                        : namedZone(rfc.group(10));
                return local.toInstant(offset);
            }
            Matcher iso = ISO.matcher(text);
            if (iso.find()) {
                LocalDateTime local = LocalDateTime.of(
                        Integer.parseInt(iso.group(1)),
                        Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)),
                        Integer.parseInt(iso.group(4)),
                        Integer.parseInt(iso.group(5)),
                        iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6)));
                ZoneOffset offset =
                        iso.group(8) != null ? offset(iso.group(8), iso.group(9), iso.group(10)) : ZoneOffset.UTC;
                return local.toInstant(offset);
            }
            Matcher asctime = ASCTIME.matcher(text);
            if (asctime.find()) {
                Integer month = MONTHS.get(asctime.group(1).toLowerCase(Locale.ROOT));
                if (month == null) {
                    return null;
                }
                return LocalDateTime.of(
                                Integer.parseInt(asctime.group(6)),
                                month,
                                Integer.parseInt(asctime.group(2)),
                                Integer.parseInt(asctime.group(3)),
                                Integer.parseInt(asctime.group(4)),
                                asctime.group(5) == null ? 0 : Integer.parseInt(asctime.group(5)))
                        .toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        if (digits.length() == 2) {
            return year < 50 ? 2000 + year : 1900 + year;
        }
        if (digits.length() == 3) {
            return 1900 + year;
        }
        return year;
    }

    private static ZoneOffset offset(String sign, String hours, String minutes) {
        int seconds = Integer.parseInt(hours) * 3600 + Integer.parseInt(minutes) * 60;
        return ZoneOffset.ofTotalSeconds(sign.equals("-") ? -seconds : seconds);
    }

    private static ZoneOffset namedZone(String name) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        Integer hours = ZONE_HOURS.get(name.toLowerCase(Locale.ROOT));
        return ZoneOffset.ofHours(hours == null ? 0 : hours);
    }
}
