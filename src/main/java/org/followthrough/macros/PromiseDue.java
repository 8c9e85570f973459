package org.followthrough.macros;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.followthrough.calendar.BusinessCalendar;
import org.followthrough.platform.InvalidInputException;

/**
 * When a promise a macro makes falls due, as a rule counted in the case team's business calendar
 * from the moment the macro is used: the end of today's business day, the end of the next one, a
 * number of business hours, or a number of business days. Stored as {@code KIND} or {@code KIND:n}.
 */
public record PromiseDue(Kind kind, int amount) {

    public enum Kind {
        END_OF_TODAY(false),
        END_OF_NEXT_BUSINESS_DAY(false),
        BUSINESS_HOURS(true),
        BUSINESS_DAYS(true);

        private final boolean counted;

        Kind(boolean counted) {
            this.counted = counted;
        }

        public boolean counted() {
            return counted;
        }

        public String messageKey() {
            return "macro.due." + name();
        }
    }

    static final int MAX_HOURS = 200;
    static final int MAX_DAYS = 60;

    public PromiseDue {
        if (kind == null) {
            throw new InvalidInputException("promiseDue", "is required with a promise");
        }
        if (kind.counted()) {
            int max = kind == Kind.BUSINESS_HOURS ? MAX_HOURS : MAX_DAYS;
            if (amount < 1 || amount > max) {
                throw new InvalidInputException("promiseDue", "must count between 1 and " + max);
            }
        } else {
            amount = 0;
        }
    }

    /** Reads the stored or submitted form: {@code END_OF_TODAY}, {@code BUSINESS_DAYS:2}. */
    public static PromiseDue parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("promiseDue", "is required with a promise");
        }
        var parts = text.strip().toUpperCase(Locale.ROOT).split(":", 2);
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "promiseDue",
                    "must be one of END_OF_TODAY, END_OF_NEXT_BUSINESS_DAY, " + "BUSINESS_HOURS:n, BUSINESS_DAYS:n");
        }
        if (!kind.counted()) {
            return new PromiseDue(kind, 0);
        }
        if (parts.length < 2) {
            throw new InvalidInputException("promiseDue", "needs a number: " + kind + ":n");
        }
        try {
            return new PromiseDue(kind, Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("promiseDue", "must count a whole number: " + kind + ":n");
        }
    }

    /** The due instant for a promise made at {@code now}, counted in {@code calendar}. */
    public Instant dueFrom(Instant now, BusinessCalendar calendar) {
        var today = now.atZone(calendar.zone()).toLocalDate();
        return switch (kind) {
            case END_OF_TODAY -> calendar.endOfBusinessDayAt(now);
            case END_OF_NEXT_BUSINESS_DAY -> calendar.endOfNextBusinessDayAt(now);
            case BUSINESS_HOURS -> calendar.plusBusinessTime(now, Duration.ofHours(amount));
            case BUSINESS_DAYS -> calendar.endOfBusinessDay(calendar.plusBusinessDays(today, amount));
        };
    }

    @Override
    public String toString() {
        return kind.counted() ? kind + ":" + amount : kind.name();
    }
}
