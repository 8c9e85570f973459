package org.followthrough.promise;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.followthrough.calendar.BusinessCalendar;

/**
 * Finds the words that set a due time ("by end of business Friday", "within 2 working days",
 * "tomorrow at 3 pm") in lower-cased sentence text and turns them into an instant. The semantics
 * are written down in {@code docs/promise-detector.md}; the short version: a day without a time
 * means that day's close of business, a time of day is taken literally in the customer's zone, and
 * durations count from when the reply was written.
 *
 * <p>Works in two steps. Small patterns mark pieces (a day, a time of day, a duration, a period, a
 * vague "soon"); pieces that stand next to each other with only a connecting word between them
 * ("Friday <em>at</em> 11am", "end of business Friday") make one phrase.
 */
final class DuePhraseParser {

    /** When and for whom a reply was written, and whose business hours count. */
    record Context(Instant writtenAt, ZoneId zone, BusinessCalendar calendar) {

        LocalDate today() {
            return writtenAt.atZone(zone).toLocalDate();
        }
    }

    // ---- pieces ---------------------------------------------------------------------------------

    private sealed interface Piece {}

    /** Speed without a time: "shortly", "as soon as possible". */
    private record Vague() implements Piece {}

    private enum SpanUnit {
        MINUTES,
        HOURS,
        DAYS,
        WEEKS,
        MONTHS
    }

    /** "in 2 hours", "within 5 business days": counted from when the reply was written. */
    private record Span(double amount, SpanUnit unit, boolean business) implements Piece {}

    private enum PeriodKind {
        END_OF_WEEK,
        WEEKEND,
        NEXT_WEEK,
        EARLY_NEXT_WEEK,
        MID_NEXT_WEEK,
        END_OF_MONTH,
        NEXT_MONTH
    }

    private record Period(PeriodKind kind) implements Piece {}

    private enum DayKind {
        TODAY,
        TONIGHT,
        TODAY_PART,
        TOMORROW,
        DAY_AFTER_TOMORROW,
        WEEKDAY,
        DATE,
        DAY_OF_MONTH
    }

    private enum WeekChoice {
        NEAREST,
        NEXT_WEEK,
        THIS_WEEK
    }

    /** A day; {@code part} is set for "this afternoon", {@code year} is 0 when not written. */
    private record Day(
            DayKind kind, DayOfWeek weekday, WeekChoice week, int year, int month, int dayOfMonth, LocalTime part)
            implements Piece {

        static Day of(DayKind kind) {
            return new Day(kind, null, WeekChoice.NEAREST, 0, 0, 0, null);
        }

        boolean isToday() {
            return kind == DayKind.TODAY || kind == DayKind.TONIGHT || kind == DayKind.TODAY_PART;
        }

        boolean isWeekdayOnly() {
            return kind == DayKind.WEEKDAY;
        }
    }

    /** A time of day; {@code alone} says whether it means anything without a day next to it. */
    private record Clock(LocalTime time, boolean alone) implements Piece {}

    private record EndOfBusiness() implements Piece {}

    private record FirstThing() implements Piece {}

    private record Token(int start, int end, Piece piece) {}

    /**
     * A pattern, what its match means, and the cheap check that spares running it: it can only match
     * text holding a digit ({@code digits}) or one of {@code words}.
     */
    private record Rule(Pattern pattern, Function<MatchResult, Piece> read, boolean digits, String... words) {

        boolean mayMatch(String text, boolean hasDigit) {
            if (digits && hasDigit) {
                return true;
            }
            for (var word : words) {
                if (text.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- patterns -------------------------------------------------------------------------------

    private static final String MONTH =
            "(?:january|february|march|april|may|june|july|august|september|october|november|december"
                    + "|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\\.?)";
    private static final String NUMBER =
            "(?:\\d{1,3}(?:\\.\\d{1,2})?|a couple of|a couple|couple of|a few|few|several|an|a|one|two"
                    + "|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty"
                    + "|forty-five|forty five|forty|fifty|sixty|seventy-two|ninety)";
    private static final String AM_PM = "(?:a\\.m\\.|p\\.m\\.|a\\.m|p\\.m|am|pm)";

    private static final Pattern VAGUE = Pattern.compile("(?<![a-z])(?:as soon as (?:possible|we can|i can|practicable)"
            + "|asap|a\\.s\\.a\\.p\\.?|shortly|right away|straight away|straightaway|immediately|at the earliest"
            + " opportunity|in due course|promptly|(?<!as )soon(?! as(?![a-z])| after(?![a-z]))"
            + "|later(?! today| this| next| than| in the)(?: on)?)(?![a-z])");

    private static final Pattern SPAN = Pattern.compile("(?<![a-z])(?:in|within|inside(?: of)?|over|during|under"
            + "|in under|in less than|takes?|taking)\\s+(?:the\\s+)?(?:next\\s+|coming\\s+)?(?:about\\s+|around\\s+"
            + "|approx\\.?\\s+|approximately\\s+|roughly\\s+|another\\s+|up to\\s+|less than\\s+)?"
            + "(?<n1>" + NUMBER + ")(?:\\s*(?:-|to|or)\\s*(?<n2>" + NUMBER + "))?\\s*"
            + "(?<biz>business|working|work|bank)?\\s*"
            + "(?<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?|fortnights?)(?![a-z])"
            + "(?:'?s?\\s+time(?![a-z]))?");

    private static final Pattern HALF_HOUR = Pattern.compile("(?<![a-z])(?:in|within)\\s+(?:the\\s+next\\s+)?"
            + "(?:half\\s+an\\s+hour|a\\s+half[- ]hour|half[- ]an[- ]hour)(?![a-z])");

    private static final Pattern DAY_OR_TWO =
            Pattern.compile("(?<![a-z])(?:in|within|over)\\s+(?:the\\s+next\\s+|a\\s+)?day\\s+or\\s+two(?![a-z])");

    private static final Pattern THE_HOUR =
            Pattern.compile("(?<![a-z])(?:in|within|inside)\\s+the\\s+(?:next\\s+)?hour(?![a-z])");

    private static final Pattern PERIOD = Pattern.compile("(?<![a-z])(?:"
            + "(?<early>(?:early|earlier\\s+in|the\\s+beginning\\s+of|beginning\\s+of|the\\s+start\\s+of"
            + "|start\\s+of)\\s+next\\s+week)"
            + "|(?<mid>(?:mid|the\\s+middle\\s+of|middle\\s+of)[\\s-]+next\\s+week)"
            + "|(?<nextweek>(?:(?:the\\s+)?(?:end|close)\\s+of\\s+)?next\\s+week|(?:the\\s+)?following\\s+week)"
            + "|(?<eow>(?:the\\s+)?(?:end|close)\\s+of\\s+(?:the\\s+|this\\s+)?(?:working\\s+|business\\s+)?week"
            + "|later\\s+this\\s+week|this\\s+week|within\\s+the\\s+week|eow|the\\s+weekend(?<=(?:by|before|until)\\sthe\\s{1,3}weekend))"
            + "|(?<weekend>(?:over|at|during)\\s+the\\s+weekend|this\\s+weekend)"
            + "|(?<nextmonth>(?:(?:the\\s+)?end\\s+of\\s+)?next\\s+month)"
            + "|(?<eom>(?:the\\s+)?(?:end|close)\\s+of\\s+(?:the\\s+|this\\s+)?month|month[\\s-]end|eom)"
            + ")(?![a-z])");

    private static final Pattern RELATIVE_DAY = Pattern.compile("(?<![a-z])(?:"
            + "(?<dat>(?:the\\s+)?day\\s+after\\s+tomorrow)"
            + "|(?<tomorrow>tomorrow|tomorow|tommorow|tommorrow|tomorro|tmrw|tmrow|tmr|2morrow|2moro)"
            + "|(?<todaypart>this\\s+(?<tp>morning|afternoon|evening))"
            + "|(?<tonight>tonight|tonite|to-night)"
            + "|(?<today>later\\s+today|(?:the\\s+)?end\\s+of\\s+today|today|2day)"
            + ")(?![a-z])");

    private static final Pattern WEEKDAY = Pattern.compile("(?<![a-z])(?<!last\\s)(?<!past\\s)(?<!previous\\s)"
            + "(?:(?<mod>this\\s+coming|the\\s+coming|coming|this|next|the\\s+following)\\s+)?"
            + "(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|thurs|thur|thu|fri)"
            + "(?![a-z])(?:(?<=mon|tue|tues|thu|thur|thurs|fri)\\.)?"
            + "(?:\\s+(?:of\\s+)?(?<nw>next|this)\\s+week(?![a-z]))?");

    private static final Pattern DATE = Pattern.compile("(?<![a-z0-9])(?:"
            + "(?<iy>\\d{4})-(?<im>\\d{2})-(?<id>\\d{2})(?![0-9])"
            + "|(?<d1>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<m1>" + MONTH + ")(?![a-z])"
            + "(?:,?\\s+(?<y1>\\d{4})(?![0-9]))?"
            + "|(?<m2>" + MONTH + ")\\s+(?:the\\s+)?(?<d2>\\d{1,2})(?:st|nd|rd|th)?(?![a-z0-9])"
            + "(?:,?\\s+(?<y2>\\d{4})(?![0-9]))?"
            + "|(?<na>\\d{1,2})/(?<nb>\\d{1,2})(?:/(?<ny>\\d{4}|\\d{2}))?(?![0-9/])"
            + "|the\\s+(?<d3>\\d{1,2})(?:st|nd|rd|th)(?<=(?:by|on|before|until|for|from)\\sthe\\s{1,3}\\d{1,2}[a-z]{2})"
            + "(?![a-z])(?!\\s+(?:of\\s+)?"
            + MONTH + ")"
            + ")");

    private static final Pattern TIME_RANGE = Pattern.compile("(?<![a-z0-9])(?:"
            + "between\\s+(?<bh1>\\d{1,2})(?:[:.](?<bm1>[0-5]\\d))?\\s*(?<ba1>" + AM_PM + ")?\\s*(?:and|-|to|&)\\s*"
            + "(?<bh2>\\d{1,2})(?:[:.](?<bm2>[0-5]\\d))?\\s*(?<ba2>" + AM_PM + ")?"
            + "|(?<rh1>\\d{1,2})(?:[:.](?<rm1>[0-5]\\d))?\\s*(?<ra1>" + AM_PM + ")?\\s*(?:-|to|until|till)\\s*"
            + "(?<rh2>\\d{1,2})(?:[:.](?<rm2>[0-5]\\d))?\\s*(?<ra2>" + AM_PM + ")"
            + ")(?![a-z])");

    private static final Pattern CLOCK =
            Pattern.compile("(?<![a-z0-9.:])(?<h>\\d{1,2})(?:[:.](?<m>[0-5]\\d))?\\s*(?<ap>" + AM_PM + ")(?![a-z])");

    private static final Pattern COLON_TIME =
            Pattern.compile("(?<![a-z0-9.:£$€])(?<h>[01]?\\d|2[0-3]):(?<m>[0-5]\\d)(?![0-9:])");

    /** "at 3", "by 4": a bare hour counts only right after a preposition and before the clause ends. */
    private static final Pattern BARE_HOUR =
            Pattern.compile("(?<![0-9:.])(?<h>1[0-2]|[1-9])(?![0-9])(?<=(?:at|by|before|around|until)\\s\\d{1,2})"
                    + "(?=\\s*(?:[.,;!?)]|$|-\\s|\\s(?:today|tomorrow|tonight|on|this|latest|at\\s+the\\s+latest|and|so|if"
                    + "|when|or|but|then)(?![a-z])))");

    private static final Pattern O_CLOCK = Pattern.compile("(?<![a-z0-9])(?<h>\\d{1,2})\\s*o'?\\s?clock(?![a-z])");

    private static final Pattern NAMED_TIME =
            Pattern.compile("(?<![a-z])(?:noon|midday|mid-day|midnight|lunchtime|lunch\\s+time)(?![a-z])");

    private static final Pattern END_OF_BUSINESS = Pattern.compile("(?<![a-z])(?:"
            + "(?:the\\s+)?(?:end|close)\\s+of\\s+(?:the\\s+)?(?:business|working|work)\\s+day"
            + "|(?:the\\s+)?(?:end|close)\\s+of\\s+(?:the\\s+)?day"
            + "|(?:the\\s+)?(?:end|close)\\s+of\\s+(?:business|play)(?:\\s+(?:hours|day))?"
            + "|eod|cob|eob|eop)(?![a-z])");

    private static final Pattern FIRST_THING =
            Pattern.compile("(?<![a-z])first\\s+thing(?:\\s+in\\s+the\\s+morning)?(?![a-z])");

    private static final Pattern PART_OF_DAY = Pattern.compile(
            "(?<![a-z])(?<lead>(?:in|during|by)\\s+the\\s+)?(?<part>morning|afternoon|evening|night)(?![a-z])");

    /** What may stand between two pieces of one phrase: "Friday at 11am", "tomorrow, before noon". */
    private static final Pattern CONNECTOR = Pattern.compile(
            "[\\s,]*+(?:(?:at|on|by|before|around|about|from|of|the|no later than|latest|approx\\.?|approximately)"
                    + "(?![a-z])[\\s,]*+)*+");

    /** Pieces further apart than this never make one phrase, whatever stands between them. */
    private static final int LONGEST_CONNECTOR = 24;

    /** A preposition just before a phrase belongs to it: "<em>by</em> end of business Friday". */
    private static final Pattern LEADING_PREPOSITION = Pattern.compile("(?<![a-z])(?<prep>no later than|not later"
            + " than|at the latest by|latest by|by|before|on|at|for|until|till|around)\\s+$");

    private static final LocalTime MORNING = LocalTime.NOON;
    private static final LocalTime AFTERNOON = LocalTime.of(17, 0);
    private static final LocalTime EVENING = LocalTime.of(20, 0);
    private static final LocalTime MIDNIGHT = LocalTime.of(23, 59);
    private static final Duration PAST_CLOSE_GRACE = Duration.ofHours(2);
    private static final Duration FIRST_THING_AFTER_OPENING = Duration.ofHours(1);
    private static final int SEARCH_DAYS = 370;

    private static final Map<String, Long> NUMBER_WORDS = Map.ofEntries(
            Map.entry("a", 1L),
            Map.entry("an", 1L),
            Map.entry("one", 1L),
            Map.entry("a couple of", 2L),
            Map.entry("a couple", 2L),
            Map.entry("couple of", 2L),
            Map.entry("two", 2L),
            Map.entry("a few", 3L),
            Map.entry("few", 3L),
            Map.entry("several", 3L),
            Map.entry("three", 3L),
            Map.entry("four", 4L),
            Map.entry("five", 5L),
            Map.entry("six", 6L),
            Map.entry("seven", 7L),
            Map.entry("eight", 8L),
            Map.entry("nine", 9L),
            Map.entry("ten", 10L),
            Map.entry("eleven", 11L),
            Map.entry("twelve", 12L),
            Map.entry("fourteen", 14L),
            Map.entry("fifteen", 15L),
            Map.entry("twenty", 20L),
            Map.entry("thirty", 30L),
            Map.entry("forty", 40L),
            Map.entry("forty-five", 45L),
            Map.entry("forty five", 45L),
            Map.entry("fifty", 50L),
            Map.entry("sixty", 60L),
            Map.entry("seventy-two", 72L),
            Map.entry("ninety", 90L));

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("tues", DayOfWeek.TUESDAY),
            Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("thurs", DayOfWeek.THURSDAY),
            Map.entry("thur", DayOfWeek.THURSDAY),
            Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("fri", DayOfWeek.FRIDAY),
            Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sunday", DayOfWeek.SUNDAY));

    private static final List<Rule> RULES = List.of(
            new Rule(
                    VAGUE,
                    m -> new Vague(),
                    false,
                    "soon",
                    "asap",
                    "a.s.a.p",
                    "shortly",
                    "right away",
                    "straight",
                    "immediately",
                    "earliest",
                    "due course",
                    "promptly",
                    "later"),
            new Rule(SPAN, DuePhraseParser::span, true, "min", "hour", "hr", "day", "week", "wk", "month", "fortnight"),
            new Rule(HALF_HOUR, m -> new Span(30, SpanUnit.MINUTES, false), false, "half"),
            new Rule(THE_HOUR, m -> new Span(1, SpanUnit.HOURS, false), false, "hour"),
            new Rule(DAY_OR_TWO, m -> new Span(2, SpanUnit.DAYS, false), false, "day or two"),
            new Rule(PERIOD, DuePhraseParser::period, false, "week", "month", "eow", "eom"),
            new Rule(
                    RELATIVE_DAY,
                    DuePhraseParser::relativeDay,
                    false,
                    "tom",
                    "tmr",
                    "2mor",
                    "tonight",
                    "tonite",
                    "to-night",
                    "today",
                    "2day",
                    "this morning",
                    "this afternoon",
                    "this evening",
                    "day after"),
            new Rule(WEEKDAY, DuePhraseParser::weekday, false, "mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            new Rule(DATE, DuePhraseParser::date, true),
            new Rule(TIME_RANGE, DuePhraseParser::timeRange, true),
            new Rule(CLOCK, m -> clock(m.group(1), m.group(2), m.group(3)), true),
            new Rule(COLON_TIME, m -> colonTime(m.group(1), m.group(2)), true),
            new Rule(BARE_HOUR, m -> colonTime(m.group(1), "00"), true),
            new Rule(
                    O_CLOCK,
                    m -> new Clock(LocalTime.of(afternoonIfSmall(Integer.parseInt(m.group(1))), 0), true),
                    true),
            new Rule(
                    NAMED_TIME,
                    m -> new Clock(namedTime(m.group()), true),
                    false,
                    "noon",
                    "midday",
                    "mid-day",
                    "midnight",
                    "lunch"),
            new Rule(
                    END_OF_BUSINESS, m -> new EndOfBusiness(), false, "end of", "close of", "eod", "cob", "eob", "eop"),
            new Rule(FIRST_THING, m -> new FirstThing(), false, "first"),
            new Rule(
                    PART_OF_DAY,
                    m -> new Clock(partOfDay(m.group(2)), m.group(1) != null),
                    false,
                    "morning",
                    "afternoon",
                    "evening",
                    "night"));

    private static final Comparator<Token> IN_READING_ORDER = Comparator.comparingInt(Token::start)
            .thenComparing(Comparator.comparingInt(Token::end).reversed());

    /**
     * All due phrases in {@code text} (lower-cased, see {@link CommitmentSentences}), in reading
     * order. Phrases that cannot be resolved (an impossible date) are left out.
     */
    List<DuePhrase> findAll(String text, Context context) {
        var tokens = tokens(text);
        var phrases = new ArrayList<DuePhrase>(2);
        int i = 0;
        while (i < tokens.size()) {
            int next = groupEnd(text, tokens, i);
            var phrase = phrase(text, tokens.subList(i, next), context);
            if (phrase != null) {
                phrases.add(phrase);
            }
            i = next;
        }
        return phrases;
    }

    private static List<Token> tokens(String text) {
        var found = new ArrayList<Token>();
        boolean hasDigit = hasDigit(text);
        for (var rule : RULES) {
            if (!rule.mayMatch(text, hasDigit)) {
                continue;
            }
            var matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                var piece = rule.read().apply(matcher);
                if (piece != null) {
                    found.add(new Token(matcher.start(), matcher.end(), piece));
                }
            }
        }
        if (found.size() < 2) {
            return found;
        }
        found.sort(IN_READING_ORDER);
        var kept = new ArrayList<Token>(found.size());
        int covered = -1;
        for (var token : found) {
            if (token.start() >= covered) {
                kept.add(token);
                covered = token.end();
            }
        }
        return kept;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Index after the last token that joins the phrase starting at {@code first}. */
    private static int groupEnd(String text, List<Token> tokens, int first) {
        var piece = tokens.get(first).piece();
        if (!(piece instanceof Day
                || piece instanceof Clock
                || piece instanceof EndOfBusiness
                || piece instanceof FirstThing)) {
            return first + 1;
        }
        boolean day = piece instanceof Day;
        boolean time = !day;
        int i = first + 1;
        var connector = CONNECTOR.matcher(text);
        for (; i < tokens.size(); i++) {
            var next = tokens.get(i);
            int gapStart = tokens.get(i - 1).end();
            if (next.start() - gapStart > LONGEST_CONNECTOR
                    || !connector.region(gapStart, next.start()).matches()) {
                break;
            }
            if (next.piece() instanceof Day nextDay) {
                // one day per phrase, except that a weekday and a date may name it together
                boolean weekdayThenDate = nextDay.kind() == DayKind.DATE && isWeekdayOnly(tokens, first, i);
                boolean dateThenWeekday = nextDay.isWeekdayOnly() && hasDate(tokens, first, i);
                if (day && !weekdayThenDate && !dateThenWeekday) {
                    break;
                }
                day = true;
            } else if (next.piece() instanceof Clock
                    || next.piece() instanceof EndOfBusiness
                    || next.piece() instanceof FirstThing) {
                if (time) {
                    break;
                }
                time = true;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isWeekdayOnly(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).piece() instanceof Day d && !d.isWeekdayOnly()) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDate(List<Token> tokens, int from, int to) {
        for (int i = from; i < to; i++) {
            if (tokens.get(i).piece() instanceof Day d && d.kind() == DayKind.DATE) {
                return true;
            }
        }
        return false;
    }

    private static DuePhrase phrase(String text, List<Token> group, Context context) {
        Day day = null;
        Piece time = null;
        Piece whole = null;
        for (var token : group) {
            switch (token.piece()) {
                case Day d -> {
                    if (day == null || d.kind() == DayKind.DATE) {
                        day = d;
                    }
                }
                case Clock c -> time = c;
                case EndOfBusiness e -> time = e;
                case FirstThing f -> time = f;
                default -> whole = token.piece();
            }
        }
        if (whole == null && day == null && time instanceof Clock clock && !clock.alone()) {
            return null;
        }
        int start = group.getFirst().start();
        int end = group.getLast().end();
        var preposition =
                LEADING_PREPOSITION.matcher(text).useTransparentBounds(true).region(Math.max(0, start - 24), start);
        boolean before = false;
        if (preposition.find()) {
            before = preposition.group("prep").equals("before");
            start = preposition.start();
        }
        try {
            var due = new Resolution(context);
            Instant dueAt = switch (whole) {
                case Vague v -> null;
                case Span s -> due.span(s);
                case Period p -> due.period(p.kind());
                case null -> due.dayAndTime(day, time, before);
                default -> throw new IllegalStateException("unexpected " + whole);
            };
            if (whole == null && dueAt == null) {
                return null;
            }
            return new DuePhrase(start, end, dueAt);
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ---- reading pieces -------------------------------------------------------------------------

    private static Piece span(MatchResult m) {
        var amount = number(m.group("n2") != null ? m.group("n2") : m.group("n1"));
        var unit = m.group("unit");
        boolean business = m.group("biz") != null;
        var span = switch (unit.charAt(0)) {
            case 'm' ->
                unit.startsWith("mo")
                        ? new Span(amount, SpanUnit.MONTHS, false)
                        : new Span(amount, SpanUnit.MINUTES, business);
            case 'h' -> new Span(amount, SpanUnit.HOURS, business);
            case 'd' -> new Span(amount, SpanUnit.DAYS, business);
            case 'f' -> new Span(amount * 2, SpanUnit.WEEKS, business);
            default -> new Span(amount, SpanUnit.WEEKS, business);
        };
        boolean whole = amount == Math.rint(amount);
        boolean counted = span.unit() == SpanUnit.MINUTES || span.unit() == SpanUnit.HOURS;
        return amount > 0 && (whole || counted) ? span : null;
    }

    private static double number(String text) {
        var word = NUMBER_WORDS.get(text);
        return word != null ? word : Double.parseDouble(text);
    }

    private static Piece period(MatchResult m) {
        for (var kind : PeriodKind.values()) {
            if (m.group(periodGroup(kind)) != null) {
                return new Period(kind);
            }
        }
        return null;
    }

    private static String periodGroup(PeriodKind kind) {
        return switch (kind) {
            case END_OF_WEEK -> "eow";
            case WEEKEND -> "weekend";
            case NEXT_WEEK -> "nextweek";
            case EARLY_NEXT_WEEK -> "early";
            case MID_NEXT_WEEK -> "mid";
            case END_OF_MONTH -> "eom";
            case NEXT_MONTH -> "nextmonth";
        };
    }

    private static Piece relativeDay(MatchResult m) {
        if (m.group("dat") != null) {
            return Day.of(DayKind.DAY_AFTER_TOMORROW);
        }
        if (m.group("tomorrow") != null) {
            return Day.of(DayKind.TOMORROW);
        }
        if (m.group("todaypart") != null) {
            return new Day(DayKind.TODAY_PART, null, WeekChoice.NEAREST, 0, 0, 0, partOfDay(m.group("tp")));
        }
        if (m.group("tonight") != null) {
            return Day.of(DayKind.TONIGHT);
        }
        return Day.of(DayKind.TODAY);
    }

    private static Piece weekday(MatchResult m) {
        var mod = m.group("mod");
        var nw = m.group("nw");
        WeekChoice week;
        if ("next".equals(mod) || "next".equals(nw)) {
            week = WeekChoice.NEXT_WEEK;
        } else if ("this".equals(nw)) {
            week = WeekChoice.THIS_WEEK;
        } else {
            week = WeekChoice.NEAREST;
        }
        return new Day(DayKind.WEEKDAY, WEEKDAYS.get(m.group("wd")), week, 0, 0, 0, null);
    }

    private static Piece date(MatchResult m) {
        if (m.group("iy") != null) {
            return new Day(
                    DayKind.DATE,
                    null,
                    WeekChoice.NEAREST,
                    Integer.parseInt(m.group("iy")),
                    Integer.parseInt(m.group("im")),
                    Integer.parseInt(m.group("id")),
                    null);
        }
        if (m.group("na") != null) {
            return numericDate(m.group("na"), m.group("nb"), m.group("ny"));
        }
        if (m.group("d3") != null) {
            return new Day(DayKind.DAY_OF_MONTH, null, WeekChoice.NEAREST, 0, 0, Integer.parseInt(m.group("d3")), null);
        }
        boolean dayFirst = m.group("d1") != null;
        var month = month(m.group(dayFirst ? "m1" : "m2"));
        var dayOfMonth = Integer.parseInt(m.group(dayFirst ? "d1" : "d2"));
        var year = m.group(dayFirst ? "y1" : "y2");
        return new Day(
                DayKind.DATE,
                null,
                WeekChoice.NEAREST,
                year == null ? 0 : Integer.parseInt(year),
                month,
                dayOfMonth,
                null);
    }

    /**
     * "12/12" or "15/12" or "12/15": read only when day and month cannot be mistaken for each other
     * ("3/4" is the 3rd of April in London and March 4th in New York, so it is left alone).
     */
    private static Piece numericDate(String first, String second, String year) {
        int a = Integer.parseInt(first);
        int b = Integer.parseInt(second);
        int day;
        int month;
        if (a == b || (a > 12 && b <= 12)) {
            day = a;
            month = b;
        } else if (b > 12 && a <= 12) {
            day = b;
            month = a;
        } else {
            return null;
        }
        if (month < 1 || day < 1 || day > 31) {
            return null;
        }
        int y = year == null ? 0 : Integer.parseInt(year);
        return new Day(DayKind.DATE, null, WeekChoice.NEAREST, y != 0 && y < 100 ? 2000 + y : y, month, day, null);
    }

    private static int month(String name) {
        return switch (name.substring(0, 3)) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            default -> 12;
        };
    }

    /** A window "between 8am and 1pm" is promised by its end. */
    private static Piece timeRange(MatchResult m) {
        if (m.group("bh2") != null) {
            var amPm = m.group("ba2");
            return amPm != null
                    ? clock(m.group("bh2"), m.group("bm2"), amPm)
                    : colonTime(m.group("bh2"), m.group("bm2") == null ? "00" : m.group("bm2"));
        }
        return clock(m.group("rh2"), m.group("rm2"), m.group("ra2"));
    }

    private static Piece clock(String hour, String minute, String amPm) {
        int h = Integer.parseInt(hour);
        if (h < 1 || h > 12) {
            return null;
        }
        int m = minute == null ? 0 : Integer.parseInt(minute);
        boolean pm = amPm.charAt(0) == 'p';
        return new Clock(LocalTime.of(h % 12 + (pm ? 12 : 0), m), true);
    }

    /**
     * "by 10:30" is 10:30, but "by 2:30" is taken as 14:30: agents who mean half past two at night
     * say so, and a due time before the office opens is rarely meant.
     */
    private static Piece colonTime(String hour, String minute) {
        int h = Integer.parseInt(hour);
        if (h > 23) {
            return null;
        }
        return new Clock(LocalTime.of(afternoonIfSmall(h), Integer.parseInt(minute)), true);
    }

    private static int afternoonIfSmall(int hour) {
        return hour >= 1 && hour <= 7 ? hour + 12 : hour % 24;
    }

    private static LocalTime namedTime(String name) {
        return name.equals("midnight") ? MIDNIGHT : LocalTime.NOON;
    }

    private static LocalTime partOfDay(String part) {
        return switch (part) {
            case "morning" -> MORNING;
            case "afternoon" -> AFTERNOON;
            default -> EVENING;
        };
    }

    // ---- resolving ------------------------------------------------------------------------------

    /** Turns pieces into an instant for one reply; business-day questions go to the calendar. */
    private static final class Resolution {

        private final Instant writtenAt;
        private final ZoneId zone;
        private final BusinessCalendar calendar;
        /** The team's date: days that end at a close of business are counted from it. */
        private final LocalDate today;
        /** The customer's date: days with a time of day on their clock are counted from it. */
        private final LocalDate customerToday;

        Resolution(Context context) {
            this.writtenAt = context.writtenAt();
            this.zone = context.zone();
            this.calendar = context.calendar();
            this.today = writtenAt.atZone(calendar.zone()).toLocalDate();
            this.customerToday = context.today();
        }

        Instant span(Span span) {
            long whole = (long) span.amount();
            return switch (span.unit()) {
                case MINUTES -> plus(Duration.ofSeconds(Math.round(span.amount() * 60)), span.business());
                case HOURS -> plus(Duration.ofSeconds(Math.round(span.amount() * 3600)), span.business());
                case DAYS ->
                    span.business()
                            ? close(calendar.plusBusinessDays(today, (int) whole))
                            : close(today.plusDays(whole));
                case WEEKS ->
                    span.business()
                            ? close(calendar.plusBusinessDays(today, (int) whole * 5))
                            : close(today.plusWeeks(whole));
                case MONTHS -> close(today.plusMonths(whole));
            };
        }

        private Instant plus(Duration amount, boolean business) {
            return business ? calendar.plusBusinessTime(writtenAt, amount) : writtenAt.plus(amount);
        }

        Instant period(PeriodKind kind) {
            var thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            var nextMonday = thisMonday.plusWeeks(1);
            return switch (kind) {
                case END_OF_WEEK -> {
                    var last = lastBusinessDayOfWeek(thisMonday);
                    yield last != null && close(last).isAfter(writtenAt)
                            ? close(last)
                            : close(lastBusinessDayOfWeekOrLater(nextMonday));
                }
                case WEEKEND -> {
                    var sunday = at(thisMonday.plusDays(6), EVENING);
                    yield sunday.isAfter(writtenAt) ? sunday : at(nextMonday.plusDays(6), EVENING);
                }
                case NEXT_WEEK -> close(lastBusinessDayOfWeekOrLater(nextMonday));
                case EARLY_NEXT_WEEK -> close(nthBusinessDayOfWeek(nextMonday, 2));
                case MID_NEXT_WEEK -> close(nthBusinessDayOfWeek(nextMonday, 3));
                case END_OF_MONTH -> {
                    var end = close(lastBusinessDayOfMonth(today));
                    yield end.isAfter(writtenAt) ? end : close(lastBusinessDayOfMonth(today.plusMonths(1)));
                }
                case NEXT_MONTH -> close(lastBusinessDayOfMonth(today.plusMonths(1)));
            };
        }

        Instant dayAndTime(Day day, Piece time, boolean before) {
            return switch (time) {
                case null -> dayOnly(day, before);
                case Clock clock -> atTime(day, clock.time());
                case EndOfBusiness e -> {
                    if (day == null) {
                        yield calendar.endOfBusinessDayAt(writtenAt);
                    }
                    yield day.isToday() ? todayClose() : close(date(day, this::close));
                }
                case FirstThing f -> {
                    if (day == null || day.isToday()) {
                        yield nextFirstThing();
                    }
                    yield firstThing(date(day, this::firstThing));
                }
                default -> throw new IllegalStateException("unexpected " + time);
            };
        }

        private Instant dayOnly(Day day, boolean before) {
            return switch (day.kind()) {
                case TODAY -> todayClose();
                case TONIGHT -> todayAt(EVENING);
                case TODAY_PART -> todayAt(day.part());
                default -> {
                    var date = date(day, this::close);
                    yield before ? closeBefore(date) : close(date);
                }
            };
        }

        private Instant atTime(Day day, LocalTime time) {
            if (day == null) {
                var atToday = at(customerToday, time);
                return atToday.isAfter(writtenAt) ? atToday : at(customerToday.plusDays(1), time);
            }
            if (day.isToday()) {
                return todayAt(time);
            }
            return at(date(day, d -> at(d, time), customerToday), time);
        }

        /** The team's day meant, for a due at its close of business. */
        private LocalDate date(Day day, Function<LocalDate, Instant> dueOn) {
            return date(day, dueOn, today);
        }

        /** The day meant; a weekday named on that very day means today while {@code dueOn} is ahead. */
        private LocalDate date(Day day, Function<LocalDate, Instant> dueOn, LocalDate today) {
            return switch (day.kind()) {
                case TOMORROW -> today.plusDays(1);
                case DAY_AFTER_TOMORROW -> today.plusDays(2);
                case WEEKDAY -> weekday(day, dueOn, today);
                case DATE -> {
                    if (day.year() != 0) {
                        yield LocalDate.of(day.year(), day.month(), day.dayOfMonth());
                    }
                    var date = LocalDate.of(today.getYear(), day.month(), day.dayOfMonth());
                    yield date.isBefore(today) ? date.plusYears(1) : date;
                }
                case DAY_OF_MONTH -> dayOfMonth(day.dayOfMonth(), today);
                default -> today;
            };
        }

        private LocalDate weekday(Day day, Function<LocalDate, Instant> dueOn, LocalDate today) {
            var thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return switch (day.week()) {
                case NEXT_WEEK -> thisMonday.plusWeeks(1).with(TemporalAdjusters.nextOrSame(day.weekday()));
                case THIS_WEEK -> thisMonday.with(TemporalAdjusters.nextOrSame(day.weekday()));
                case NEAREST -> {
                    if (today.getDayOfWeek() == day.weekday()) {
                        yield dueOn.apply(today).isAfter(writtenAt) ? today : today.plusWeeks(1);
                    }
                    yield today.with(TemporalAdjusters.next(day.weekday()));
                }
            };
        }

        private LocalDate dayOfMonth(int dayOfMonth, LocalDate today) {
            for (int months = 0; months < 3; months++) {
                var month = today.withDayOfMonth(1).plusMonths(months);
                if (dayOfMonth <= month.lengthOfMonth()) {
                    var date = month.withDayOfMonth(dayOfMonth);
                    if (!date.isBefore(today)) {
                        return date;
                    }
                }
            }
            throw new DateTimeException("no day " + dayOfMonth + " ahead");
        }

        /** Today's close, or two hours from now when today has no close still ahead. */
        private Instant todayClose() {
            if (calendar.isBusinessDay(today)) {
                var close = calendar.endOfBusinessDay(today);
                if (close.isAfter(writtenAt)) {
                    return close;
                }
            }
            return writtenAt.plus(PAST_CLOSE_GRACE);
        }

        private Instant todayAt(LocalTime time) {
            var due = at(customerToday, time);
            return due.isAfter(writtenAt) ? due : writtenAt.plus(PAST_CLOSE_GRACE);
        }

        /** "before Friday": the close of the last business day before Friday. */
        private Instant closeBefore(LocalDate date) {
            var day = date.minusDays(1);
            for (int i = 0; i < SEARCH_DAYS && !calendar.isBusinessDay(day); i++) {
                day = day.minusDays(1);
            }
            var due = close(day);
            return due.isAfter(writtenAt) ? due : todayClose();
        }

        private Instant firstThing(LocalDate date) {
            var day = calendar.businessDayOnOrAfter(date);
            var opens = calendar.hoursOn(day).getFirst().opens();
            return day.atTime(opens).atZone(calendar.zone()).toInstant().plus(FIRST_THING_AFTER_OPENING);
        }

        private Instant nextFirstThing() {
            if (calendar.isBusinessDay(today)) {
                var opens = calendar.hoursOn(today).getFirst().opens();
                if (today.atTime(opens).atZone(calendar.zone()).toInstant().isAfter(writtenAt)) {
                    return firstThing(today);
                }
            }
            return firstThing(calendar.nextBusinessDay(today));
        }

        private LocalDate lastBusinessDayOfWeek(LocalDate monday) {
            for (var day = monday.plusDays(6); !day.isBefore(monday); day = day.minusDays(1)) {
                if (calendar.isBusinessDay(day)) {
                    return day;
                }
            }
            return null;
        }

        private LocalDate lastBusinessDayOfWeekOrLater(LocalDate monday) {
            var last = lastBusinessDayOfWeek(monday);
            return last != null ? last : calendar.businessDayOnOrAfter(monday.plusWeeks(1));
        }

        /** The n-th business day of the week starting {@code monday}, or its last if it has fewer. */
        private LocalDate nthBusinessDayOfWeek(LocalDate monday, int n) {
            LocalDate found = null;
            int count = 0;
            for (var day = monday; day.isBefore(monday.plusWeeks(1)) && count < n; day = day.plusDays(1)) {
                if (calendar.isBusinessDay(day)) {
                    found = day;
                    count++;
                }
            }
            return found != null ? found : calendar.businessDayOnOrAfter(monday.plusWeeks(1));
        }

        private LocalDate lastBusinessDayOfMonth(LocalDate inMonth) {
            var first = inMonth.withDayOfMonth(1);
            for (var day = inMonth.withDayOfMonth(inMonth.lengthOfMonth());
                    !day.isBefore(first);
                    day = day.minusDays(1)) {
                if (calendar.isBusinessDay(day)) {
                    return day;
                }
            }
            return calendar.businessDayOnOrAfter(first.plusMonths(1));
        }

        private Instant close(LocalDate date) {
            return calendar.endOfBusinessDay(date);
        }

        private Instant at(LocalDate date, LocalTime time) {
            return date.atTime(time).atZone(zone).toInstant();
        }
    }
}
