package org.followthrough.email.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code Content-Type} or {@code Content-Disposition} value with its parameters, read forgivingly:
 * missing semicolons, unquoted values with spaces, RFC 2231 extended values and continuations, and
 * RFC 2047 or raw 8-bit file names.
 *
 * @param value the lower-case value before the parameters ({@code text/plain}, {@code attachment})
 * @param params parameters by lower-case name, already decoded
 */
record ContentHeader(String value, Map<String, String> params) {

    static final ContentHeader NONE = new ContentHeader("", Map.of());

    /** The parameter's value, or {@code null}. */
    String param(String name) {
        return params.get(name);
    }

    static ContentHeader parse(String raw, List<String> warnings) {
        if (raw == null) {
            return NONE;
        }
        String header = HeaderText.recover8bit(HeaderText.unfold(raw), warnings);
        if (header.length() > 8192) {
            header = header.substring(0, 8192);
        }
        int length = header.length();
        int i = 0;
        while (i < length && Character.isWhitespace(header.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < length && header.charAt(i) != ';' && !Character.isWhitespace(header.charAt(i))) {
            i++;
        }
        String value = header.substring(start, i).toLowerCase(Locale.ROOT);
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1);
        }
        Map<String, String> plain = new HashMap<>();
        Map<String, TreeMap<Integer, Section>> extended = new HashMap<>();
        while (i < length) {
            char c = header.charAt(i);
            if (c == ';' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < length && header.charAt(i) != '=' && header.charAt(i) != ';') {
                i++;
            }
            String name = header.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= length || header.charAt(i) == ';') {
                continue;
            }
            i++;
            while (i < length && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            String paramValue;
            if (i < length && header.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < length && header.charAt(i) != '"') {
                    char q = header.charAt(i);
                    if (q == '\\' && i + 1 < length) {
                        q = header.charAt(++i);
                    }
                    quoted.append(q);
                    i++;
                }
                i++;
                paramValue = quoted.toString();
            } else {
                int valueStart = i;
                while (i < length && header.charAt(i) != ';') {
                    i++;
                }
                paramValue = header.substring(valueStart, i).strip();
            }
            if (name.isEmpty()) {
                continue;
            }
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, paramValue);
            } else {
                String base = name.substring(0, star);
                String rest = name.substring(star + 1);
                boolean encoded = rest.endsWith("*") || rest.isEmpty();
                String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
                int section = 0;
                if (!number.isEmpty()) {
                    try {
                        section = Integer.parseInt(number);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                }
                extended.computeIfAbsent(base, k -> new TreeMap<>())
                        .putIfAbsent(section, new Section(paramValue, encoded));
            }
        }
        Map<String, String> params = new HashMap<>(plain);
        extended.forEach((name, sections) -> params.put(name, joinSections(sections, warnings)));
        for (String name : List.of("name", "filename")) {
            String text = params.get(name);
            if (text != null) {
                params.put(
                        name,
                        HeaderText.singleLine(HeaderText.decodeWords(text, warnings))
                                .strip());
            }
        }
        return new ContentHeader(value, Map.copyOf(params));
    }

    private record Section(String text, boolean encoded) {}

    /** RFC 2231: percent-encoded sections in the charset the first one names, joined in order. */
    private static String joinSections(TreeMap<Integer, Section> sections, List<String> warnings) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (Section section : sections.values()) {
            String text = section.text();
            if (section.encoded()) {
                if (first) {
                    int quote = text.indexOf('\'');
                    int second = quote < 0 ? -1 : text.indexOf('\'', quote + 1);
                    if (second > 0) {
                        charset = text.substring(0, quote);
                        text = text.substring(second + 1);
                    }
                }
                percentDecode(text, bytes);
            } else {
                bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            first = false;
        }
        return MailCharsets.decode(
                bytes.toByteArray(), charset == null || charset.isBlank() ? null : charset, warnings);
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (high >= 0 && low >= 0) {
                    out.write((high << 4) | low);
                    i += 2;
                    continue;
                }
            }
            if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
