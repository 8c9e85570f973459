package org.followthrough.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a team works: opening hours per weekday in the team's time zone, and holidays. Answers the
 * questions promises and handoffs ask: when does the business day end, what is five business days
 * from now, when are four working hours up.
 *
 * <p>Immutable and cheap to share. A calendar with no opening hours at all treats every day as a
 * business day open around the clock, so that arithmetic on it always ends.
 */
public final class BusinessCalendar {

    /** Hours a team is open on one day, {@code opens} before {@code closes}, both local. */
    public record OpeningHours(LocalTime opens, LocalTime closes) {

        public OpeningHours {
            if (opens == null || closes == null || !opens.isBefore(closes)) {
                throw new IllegalArgumentException("opening hours must open before they close");
            }
        }
    }

    /** Monday to Friday, 09:00 to 17:00. */
    public static final List<OpeningHours> OFFICE_HOURS =
            List.of(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));

    private static final int SEARCH_DAYS = 3 * 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> week;
    private final Set<LocalDate> holidays;
    private final boolean alwaysOpen;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, Set<LocalDate> holidays) {
        this.zone = zone;
        var copy = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        for (var day : DayOfWeek.values()) {
            var hours = new ArrayList<>(week.getOrDefault(day, List.of()));
            hours.sort(Comparator.comparing(OpeningHours::opens));
            for (int i = 1; i < hours.size(); i++) {
                if (hours.get(i).opens().isBefore(hours.get(i - 1).closes())) {
                    throw new IllegalArgumentException("opening hours on " + day + " overlap");
                }
            }
            copy.put(day, List.copyOf(hours));
        }
        this.week = copy;
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
        this.alwaysOpen = copy.values().stream().allMatch(List::isEmpty);
    }

    /** Office hours, Monday to Friday, no holidays. */
    public static BusinessCalendar standard(ZoneId zone) {
        var week = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        for (var day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, OFFICE_HOURS);
        }
        return new BusinessCalendar(zone, week, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<OpeningHours>> week() {
        return week;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public List<OpeningHours> hoursOn(LocalDate date) {
        if (alwaysOpen) {
            return List.of(new OpeningHours(LocalTime.MIN, LocalTime.MAX));
        }
        return holidays.contains(date) ? List.of() : week.get(date.getDayOfWeek());
    }

    public boolean isBusinessDay(LocalDate date) {
        return !hoursOn(date).isEmpty();
    }

    public boolean isOpen(Instant instant) {
        var local = instant.atZone(zone);
        var time = local.toLocalTime();
        return hoursOn(local.toLocalDate()).stream()
                .anyMatch(h -> !time.isBefore(h.opens()) && time.isBefore(h.closes()));
    }

    /** The first business day strictly after {@code date}. */
    public LocalDate nextBusinessDay(LocalDate date) {
        var day = date.plusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("no business day within three years of " + date);
    }

    /** {@code date} itself if it is a business day, otherwise the next one. */
    public LocalDate businessDayOnOrAfter(LocalDate date) {
        return isBusinessDay(date) ? date : nextBusinessDay(date);
    }

    /** The business day {@code days} business days after {@code date}; zero gives the day itself or the next one. */
    public LocalDate plusBusinessDays(LocalDate date, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        var day = days == 0 ? businessDayOnOrAfter(date) : date;
        for (int i = 0; i < days; i++) {
            day = nextBusinessDay(day);
        }
        return day;
    }

    /**
     * The moment the business day ends on {@code date}, or on the next business day if {@code date}
     * is not one: "by end of business Friday" when Friday is a holiday means Monday's close.
     */
    public Instant endOfBusinessDay(LocalDate date) {
        var day = businessDayOnOrAfter(date);
        var closes = hoursOn(day).getLast().closes();
        return day.atTime(closes).atZone(zone).toInstant();
    }

    /** When the next business day after {@code instant}'s local date opens. */
    public Instant startOfNextBusinessDay(Instant instant) {
        var day = nextBusinessDay(instant.atZone(zone).toLocalDate());
        return day.atTime(hoursOn(day).getFirst().opens()).atZone(zone).toInstant();
    }

    /** Today's end of business as seen at {@code now}, or the next business day's if today's has passed. */
    public Instant endOfBusinessDayAt(Instant now) {
        var today = now.atZone(zone).toLocalDate();
        var end = endOfBusinessDay(today);
        return end.isAfter(now) ? end : endOfBusinessDay(nextBusinessDay(today));
    }

    /**
     * The close of the business day after the one {@link #endOfBusinessDayAt} gives: "tomorrow, end
     * of day" as seen at {@code now}, never the same instant as "end of today", even after closing time.
     */
    public Instant endOfNextBusinessDayAt(Instant now) {
        var today = endOfBusinessDayAt(now).atZone(zone).toLocalDate();
        return endOfBusinessDay(nextBusinessDay(today));
    }

    /**
     * {@code amount} of working time after {@code start}, counting only opening hours: four
     * business hours from Friday 16:00 are up on Monday at 12:00.
     */
    public Instant plusBusinessTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        var remaining = amount;
        var local = start.atZone(zone);
        var day = local.toLocalDate();
        var from = local.toLocalDateTime();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            for (var hours : hoursOn(day)) {
                var opens = day.atTime(hours.opens());
                var closes = hours.closes().equals(LocalTime.MAX)
                        ? day.plusDays(1).atStartOfDay()
                        : day.atTime(hours.closes());
                if (!closes.isAfter(from)) {
                    continue;
                }
                var begin = opens.isAfter(from) ? opens : from;
                var open = Duration.between(begin, closes);
                if (open.compareTo(remaining) >= 0) {
                    return begin.plus(remaining).atZone(zone).toInstant();
                }
                remaining = remaining.minus(open);
            }
        }
        throw new IllegalStateException("no working time within three years of " + start);
    }

    /** How much working time lies between two instants. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        var total = Duration.ZERO;
        var start = from.atZone(zone).toLocalDateTime();
        var end = to.atZone(zone).toLocalDateTime();
        for (var day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
            for (var hours : hoursOn(day)) {
                var opens = day.atTime(hours.opens());
                var closes = hours.closes().equals(LocalTime.MAX)
                        ? day.plusDays(1).atStartOfDay()
                        : day.atTime(hours.closes());
                var a = opens.isAfter(start) ? opens : start;
                var b = closes.isBefore(end) ? closes : end;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /** The closing time on a business day, if it is one. */
    public Optional<LocalTime> closingTime(LocalDate date) {
        var hours = hoursOn(date);
        return hours.isEmpty() ? Optional.empty() : Optional.of(hours.getLast().closes());
    }
}
