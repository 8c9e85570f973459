package org.followthrough.email.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Mailboxes from an address header, read the way people's mail programs actually write them:
 * unquoted commas in names ({@code Lee, Ann <ann@example.com>}), addresses without brackets after a
 * name ({@code Ann Lee ann@example.com}), names in comments, groups, encoded words in quotes.
 */
final class AddressList {

    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final int MAX_ADDRESSES = 500;
    private static final int MAX_LENGTH = 32_768;

    private AddressList() {}

    static List<MailAddress> parse(String raw, List<String> warnings) {
        return parse(raw, null, warnings);
    }

    /** As {@link #parse(String, List)}, raw 8-bit names read as {@link HeaderText#recover8bit} says. */
    static List<MailAddress> parse(String raw, String textCharset, List<String> warnings) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String header = HeaderText.recover8bit(HeaderText.unfold(raw), textCharset, warnings);
        if (header.length() > MAX_LENGTH) {
            header = header.substring(0, MAX_LENGTH);
        }
        List<MailAddress> addresses = new ArrayList<>();
        String pendingName = null;
        for (String segment : segments(header)) {
            if (segment.isBlank()) {
                continue;
            }
            MailAddress address = mailbox(segment, pendingName, warnings);
            if (address != null) {
                addresses.add(address);
                pendingName = null;
                if (addresses.size() == MAX_ADDRESSES) {
                    break;
                }
            } else if (segment.indexOf('<') < 0) {
                // A name cut off by an unquoted comma: it belongs to the mailbox that follows.
                pendingName = pendingName == null ? segment.strip() : pendingName + ", " + segment.strip();
            }
        }
        return addresses;
    }

    /** The header split at top-level commas and semicolons, with group names dropped. */
    private static List<String> segments(String header) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean angle = false;
        int comment = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < header.length()) {
                    current.append(header.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (comment > 0) {
                current.append(c);
                if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                } else if (c == '\\' && i + 1 < header.length()) {
                    current.append(header.charAt(++i));
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    current.append(c);
                }
                case '(' -> {
                    comment = 1;
                    current.append(c);
                }
                case '<' -> {
                    angle = true;
                    current.append(c);
                }
                case '>' -> {
                    angle = false;
                    current.append(c);
                }
                case ',', ';' -> {
                    if (angle) {
                        current.append(c);
                    } else {
                        segments.add(current.toString());
                        current.setLength(0);
                    }
                }
                case ':' -> {
                    if (!angle && current.indexOf("@") < 0 && current.indexOf("<") < 0) {
                        current.setLength(0);
                    } else {
                        current.append(c);
                    }
                }
                default -> current.append(c);
            }
        }
        segments.add(current.toString());
        return segments;
    }

    private static MailAddress mailbox(String segment, String namePrefix, List<String> warnings) {
        int open = -1;
        int close = -1;
        boolean quoted = false;
        int comment = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (comment > 0) {
                if (c == '(') {
                    comment++;
                } else if (c == ')') {
                    comment--;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment = 1;
            } else if (c == '<') {
                open = i;
                close = -1;
            } else if (c == '>' && open >= 0) {
                close = i;
            }
        }
        String address;
        String name;
        if (open >= 0) {
            address = cleanAddress(segment.substring(open + 1, close > open ? close : segment.length()));
            String before = withoutComments(segment.substring(0, open));
            name = before.isBlank() ? commentText(segment.substring(0, open)) : before;
        } else {
            String text = withoutComments(segment);
            List<String> words = words(text);
            int at = -1;
            for (int w = words.size() - 1; w >= 0; w--) {
                if (words.get(w).indexOf('@') > 0 && words.get(w).charAt(0) != '"') {
                    at = w;
                    break;
                }
            }
            if (at < 0) {
                return null;
            }
            address = cleanAddress(words.get(at));
            words.remove(at);
            name = words.isEmpty() ? commentText(segment) : String.join(" ", words);
        }
        if (address.isEmpty()) {
            return null;
        }
        String display = displayName(name, warnings);
        if (namePrefix != null) {
            display = displayName(namePrefix, warnings) + (display.isEmpty() ? "" : ", " + display);
        }
        return new MailAddress(display, address);
    }

    private static String cleanAddress(String text) {
        String address = text.strip();
        if (address.regionMatches(true, 0, "mailto:", 0, 7)) {
            address = address.substring(7);
        }
        if (address.startsWith("@")) {
            int colon = address.indexOf(':');
            address = colon >= 0 ? address.substring(colon + 1) : "";
        }
        StringBuilder out = new StringBuilder(address.length());
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!Character.isWhitespace(c) && c != '<' && c != '>' && c != '"' && c != '\'') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String displayName(String raw, List<String> warnings) {
        String text = raw.strip();
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(text.charAt(++i));
            } else if (c != '"') {
                out.append(c);
            }
        }
        String name = HeaderText.singleLine(HeaderText.decodeWords(out.toString(), warnings))
                .strip();
        name = SPACES.matcher(name).replaceAll(" ");
        if (name.length() >= 2 && name.charAt(0) == '\'' && name.charAt(name.length() - 1) == '\'') {
            name = name.substring(1, name.length() - 1).strip();
        }
        return name;
    }

    private static String withoutComments(String text) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                out.append(c);
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && depth == 0) {
                quoted = true;
                out.append(c);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String commentText(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        return open >= 0 && close > open ? text.substring(open + 1, close) : "";
    }

    /** Whitespace-separated words, keeping quoted strings whole. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                word.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
