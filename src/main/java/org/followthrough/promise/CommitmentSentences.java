package org.followthrough.promise;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an agent's reply into the sentences the agent wrote: the customer's quoted words are left
 * out (lines starting with {@code >}, everything from an "On …, Ana wrote:" or "Original Message"
 * header on, and text inside double quotation marks), and abbreviations ("Mr.", "approx.", "e.g.",
 * "3 p.m. tomorrow") do not end a sentence. Line breaks end a sentence unless the line was wrapped
 * mid-sentence; bullet points are sentences of their own.
 */
final class CommitmentSentences {

    /**
     * Stands in for quoted characters. Not whitespace, so that patterns with {@code \\s+} do not
     * crawl through long blanked runs, and not a letter, so that nothing matches it.
     */
    static final char BLANK = '\uE000';

    private static final Pattern REPLY_HEADER =
            Pattern.compile("^\\s*on\\s.{0,300}(?:wrote|schrieb|a écrit|escribió|scrisse|schreef)\\s*:\\s*$"
                    + "|^\\s*-{2,}\\s*(?:original message|forwarded message)\\s*-{2,}.*$|^\\s*_{8,}\\s*$");
    private static final Pattern REPLY_HEADER_START = Pattern.compile("^\\s*on\\s.*\\d.*$");
    private static final Pattern REPLY_HEADER_END = Pattern.compile("^.*(?:wrote|schrieb|a écrit)\\s*:\\s*$");
    private static final Pattern FROM_LINE = Pattern.compile("^\\s*from:\\s.*$");
    private static final Pattern SENT_LINE = Pattern.compile("^\\s*(?:sent|date|to|subject):.*$");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•·]|\\d{1,2}[.)])\\s+");

    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "e.g", "i.e", "eg", "ie", "etc", "approx", "vs", "no",
            "nr", "nos", "ref", "incl", "excl", "min", "max", "dept", "est", "ltd", "inc", "co", "corp", "tel", "ext",
            "fig", "cf", "viz", "n.b", "nb", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
            "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.m", "p.m", "u.s",
            "u.k", "e.u", "acc", "a/c", "pt", "vol", "qty", "hr", "hrs", "mins", "wk", "wks", "mo", "yr", "yrs");

    /** After these the next capital may still belong to the same sentence ("3 p.m. Friday"). */
    private static final Set<String> TIME_ABBREVIATIONS = Set.of("a.m", "p.m");

    private static final Pattern SAME_SENTENCE_AFTER_TIME = Pattern.compile(
            "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june"
                    + "|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct"
                    + "|nov|dec|gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|aest|ist|sgt|jst)(?![a-z]).*",
            Pattern.DOTALL);

    private CommitmentSentences() {}

    static List<CommitmentSentence> split(String text) {
        var analysed = analysable(text);
        int end = ownWordsEnd(analysed);
        var sentences = new ArrayList<CommitmentSentence>();
        int start = 0;
        int lineStart = 0;
        while (lineStart < end) {
            int lineEnd = analysed.indexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > end) {
                lineEnd = end;
            }
            var bullet = BULLET.matcher(analysed).region(lineStart, lineEnd);
            if (bullet.lookingAt()) {
                add(sentences, text, analysed, start, lineStart);
                start = bullet.end();
            } else if (lineStart > 0 && endsSentenceAtLineBreak(text, analysed, lineStart)) {
                add(sentences, text, analysed, start, lineStart);
                start = lineStart;
            }
            for (int i = Math.max(start, lineStart); i < lineEnd; i++) {
                char c = analysed.charAt(i);
                if (c != '.' && c != '!' && c != '?') {
                    continue;
                }
                int after = i + 1;
                while (after < lineEnd && ".!?\"')]".indexOf(analysed.charAt(after)) >= 0) {
                    after++;
                }
                if (after < lineEnd && !Character.isWhitespace(analysed.charAt(after))) {
                    i = after - 1;
                    continue;
                }
                if (endsSentence(text, analysed, i, after, lineEnd)) {
                    add(sentences, text, analysed, start, after);
                    start = after;
                }
                i = after - 1;
            }
            lineStart = lineEnd + 1;
        }
        add(sentences, text, analysed, start, end);
        return sentences;
    }

    /**
     * A line break ends a sentence unless the line before stops mid-sentence (on a letter or digit)
     * and the next line carries on in lower case.
     */
    private static boolean endsSentenceAtLineBreak(String text, String analysed, int lineStart) {
        int previous = lineStart - 1;
        int breaks = 0;
        while (previous >= 0 && Character.isWhitespace(analysed.charAt(previous))) {
            if (analysed.charAt(previous) == '\n') {
                breaks++;
            }
            previous--;
        }
        if (previous < 0) {
            return false;
        }
        int next = lineStart;
        while (next < analysed.length() && analysed.charAt(next) == ' ') {
            next++;
        }
        if (breaks > 1 || next >= analysed.length()) {
            return true;
        }
        return !(Character.isLetterOrDigit(text.charAt(previous)) && Character.isLowerCase(text.charAt(next)));
    }

    private static boolean endsSentence(String text, String analysed, int mark, int after, int lineEnd) {
        int next = after;
        while (next < lineEnd && Character.isWhitespace(analysed.charAt(next))) {
            next++;
        }
        if (next >= lineEnd) {
            return true;
        }
        if (analysed.charAt(mark) != '.') {
            return true;
        }
        char following = text.charAt(next);
        if (!(Character.isUpperCase(following)
                || Character.isDigit(following)
                || "\"'(-*•".indexOf(analysed.charAt(next)) >= 0)) {
            return false;
        }
        var word = wordBefore(analysed, mark);
        if (word.length() == 1 && Character.isUpperCase(text.charAt(mark - 1))) {
            return false; // an initial: "J. Smith"
        }
        if (TIME_ABBREVIATIONS.contains(word)) {
            return !SAME_SENTENCE_AFTER_TIME
                    .matcher(analysed)
                    .region(next, lineEnd)
                    .lookingAt();
        }
        return !ABBREVIATIONS.contains(word);
    }

    private static String wordBefore(String analysed, int mark) {
        int from = mark;
        while (from > 0) {
            char c = analysed.charAt(from - 1);
            if (Character.isLetter(c) || c == '.' || c == '/') {
                from--;
            } else {
                break;
            }
        }
        return analysed.substring(from, mark);
    }

    private static void add(List<CommitmentSentence> sentences, String text, String analysed, int from, int to) {
        while (from < to && Character.isWhitespace(analysed.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(analysed.charAt(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (Character.isLetter(analysed.charAt(i))) {
                sentences.add(new CommitmentSentence(text.substring(from, to), analysed.substring(from, to)));
                return;
            }
        }
    }

    /**
     * The reply lower-cased, with curly quotes, apostrophes, dashes and odd spaces made plain,
     * quoted lines and quoted words blanked: every character keeps its place.
     */
    private static String analysable(String text) {
        var chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = plain(Character.toLowerCase(text.charAt(i)));
        }
        boolean lineStart = true;
        for (int i = 0; i < chars.length; i++) {
            if (lineStart) {
                int j = i;
                while (j < chars.length && (chars[j] == ' ' || chars[j] == '\t')) {
                    j++;
                }
                if (j < chars.length && chars[j] == '>') {
                    while (j < chars.length && chars[j] != '\n') {
                        chars[j++] = BLANK;
                    }
                }
            }
            lineStart = chars[i] == '\n';
        }
        blankQuotations(chars);
        return new String(chars);
    }

    private static char plain(char c) {
        return switch (c) {
            case '\u2019', '\u2018', '\u02bc', '`', '\u00b4' -> '\'';
            case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> '"';
            case '\u2013', '\u2014', '\u2212' -> '-';
            case '\u00a0', '\u2009', '\u202f', '\t', '\r' -> ' ';
            default -> c;
        };
    }

    /** Words inside double quotation marks are someone else's: blank them, marks included. */
    private static void blankQuotations(char[] chars) {
        int open = -1;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '\n' && i + 1 < chars.length && chars[i + 1] == '\n') {
                open = -1;
            } else if (chars[i] == '"') {
                if (open < 0) {
                    open = i;
                } else {
                    if (i - open <= 400) {
                        for (int j = open; j <= i; j++) {
                            if (chars[j] != '\n') {
                                chars[j] = BLANK;
                            }
                        }
                    }
                    open = -1;
                }
            }
        }
    }

    /** Headers start with "on", "from:", dashes or underscores: other lines need no closer look. */
    private static boolean mayStartHeader(String analysed, int lineStart, int lineEnd) {
        int i = lineStart;
        while (i < lineEnd && Character.isWhitespace(analysed.charAt(i))) {
            i++;
        }
        return i < lineEnd && "of-_".indexOf(analysed.charAt(i)) >= 0;
    }

    /** Where the agent's own words end: at the first header of a quoted earlier message. */
    private static int ownWordsEnd(String analysed) {
        int lineStart = 0;
        while (lineStart < analysed.length()) {
            int lineEnd = analysed.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = analysed.length();
            }
            if (!mayStartHeader(analysed, lineStart, lineEnd)) {
                lineStart = lineEnd + 1;
                continue;
            }
            if (REPLY_HEADER.matcher(analysed).region(lineStart, lineEnd).matches()) {
                return lineStart;
            }
            int nextEnd = lineEnd < analysed.length() ? analysed.indexOf('\n', lineEnd + 1) : -1;
            if (nextEnd < 0) {
                nextEnd = analysed.length();
            }
            if (lineEnd < analysed.length()) {
                var next = analysed.substring(lineEnd + 1, nextEnd);
                if (REPLY_HEADER_START
                                .matcher(analysed)
                                .region(lineStart, lineEnd)
                                .matches()
                        && REPLY_HEADER_END.matcher(next).matches()) {
                    return lineStart;
                }
                if (FROM_LINE.matcher(analysed).region(lineStart, lineEnd).matches()
                        && SENT_LINE.matcher(next).matches()) {
                    return lineStart;
                }
            }
            lineStart = lineEnd + 1;
        }
        return analysed.length();
    }
}
