package org.followthrough.email.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Message ids from {@code Message-ID}, {@code In-Reply-To} and {@code References}, without their
 * angle brackets, tolerating commas, missing brackets, comments and folding inside an id.
 */
final class MessageIds {

    private static final int MAX_REFERENCES = 500;

    private MessageIds() {}

    /** The message's own id: the first bracketed id, else the first word; {@code null} when empty. */
    static String messageId(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> ids = scan(raw, false, 1);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String text = HeaderText.unfold(raw).replace("<", " ").replace(">", " ").strip();
        if (text.isEmpty()) {
            return null;
        }
        int space = indexOfWhitespace(text);
        return space < 0 ? text : text.substring(0, space);
    }

    /** The first id of an {@code In-Reply-To}, bracketed or a bare word with an {@code @}. */
    static String first(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> bracketed = scan(raw, false, 1);
        if (!bracketed.isEmpty()) {
            return bracketed.get(0);
        }
        List<String> bare = scan(raw, true, 1);
        return bare.isEmpty() ? null : bare.get(0);
    }

    /** Every id of a {@code References}, in order and without repeats. */
    static List<String> all(String raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>(scan(raw, true, MAX_REFERENCES));
        return List.copyOf(ids);
    }

    private static List<String> scan(String raw, boolean bareWords, int limit) {
        List<String> ids = new ArrayList<>();
        int length = raw.length();
        int i = 0;
        while (i < length && ids.size() < limit) {
            char c = raw.charAt(i);
            if (c == '(') {
                int depth = 1;
                i++;
                while (i < length && depth > 0) {
                    char d = raw.charAt(i++);
                    if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                    }
                }
            } else if (c == '"') {
                int close = raw.indexOf('"', i + 1);
                i = close < 0 ? length : close + 1;
            } else if (c == '<') {
                int close = raw.indexOf('>', i + 1);
                int end = close < 0 ? length : close;
                String id = withoutWhitespace(raw.substring(i + 1, end));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
                i = end + 1;
            } else if (c == ',' || Character.isWhitespace(c) || c == '>') {
                i++;
            } else {
                int start = i;
                while (i < length) {
                    char d = raw.charAt(i);
                    if (d == ',' || d == '<' || d == '(' || d == '"' || Character.isWhitespace(d)) {
                        break;
                    }
                    i++;
                }
                String word = raw.substring(start, i);
                if (bareWords && word.indexOf('@') > 0) {
                    ids.add(word);
                }
            }
        }
        return ids;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
