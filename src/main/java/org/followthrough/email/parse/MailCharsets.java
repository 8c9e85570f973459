package org.followthrough.email.parse;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the bytes of a text part or header into characters whatever the sender claimed: labels are
 * mapped to the superset real mail means by them, missing labels are guessed (strict UTF-8, else
 * windows-1252), and a label that contradicts the bytes loses to the bytes.
 */
final class MailCharsets {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    // What mail programs mean by a label, not what the label strictly names: Latin-1 and ASCII
    // senders use windows-1252's extra characters, GB2312 senders GBK's, Shift_JIS senders Microsoft's.
    private static final Map<String, String> SUPERSETS = Map.ofEntries(
            Map.entry("us-ascii", "windows-1252"),
            Map.entry("ascii", "windows-1252"),
            Map.entry("ansi_x3.4-1968", "windows-1252"),
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("l1", "windows-1252"),
            Map.entry("cp1252", "windows-1252"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("gb2312", "GB18030"),
            Map.entry("gb_2312-80", "GB18030"),
            Map.entry("csgb2312", "GB18030"),
            Map.entry("euc-cn", "GB18030"),
            Map.entry("x-euc-cn", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("x-gbk", "GB18030"),
            Map.entry("cp936", "GB18030"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"),
            Map.entry("cp932", "windows-31j"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("cp949", "x-windows-949"),
            Map.entry("big5", "x-windows-950"),
            Map.entry("big-5", "x-windows-950"),
            Map.entry("cn-big5", "x-windows-950"),
            Map.entry("tis-620", "x-windows-874"),
            Map.entry("iso-8859-11", "x-windows-874"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"));

    private static final int MAX_CACHED_LABELS = 256;
    private static final Map<String, Optional<Charset>> RESOLVED = new ConcurrentHashMap<>();

    private MailCharsets() {}

    /** Characters of a body or header whose bytes were labelled {@code label} (possibly null). */
    static String decode(byte[] bytes, String label, List<String> warnings) {
        return decode(bytes, 0, bytes.length, label, warnings);
    }

    static String decode(byte[] bytes, int offset, int length, String label, List<String> warnings) {
        String name = normalise(label);
        boolean sevenBit = isSevenBit(bytes, offset, length);
        if (name.isEmpty()) {
            if (sevenBit) {
                return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            }
            if (Utf8Scan.of(bytes, offset, length).valid()) {
                return new String(bytes, offset, length, StandardCharsets.UTF_8);
            }
            warnings.add("text without a charset read as windows-1252");
            return new String(bytes, offset, length, WINDOWS_1252);
        }
        if (name.equals("utf-7") || name.equals("unicode-1-1-utf-7") || name.equals("csunicode11utf7")) {
            warnings.add("utf-7 is not a Java charset; decoded by the parser");
            return Utf7.decode(bytes, offset, length);
        }
        Charset charset = resolve(name);
        if (charset == null) {
            Utf8Scan scan = Utf8Scan.of(bytes, offset, length);
            Charset fallback = scan.valid() ? StandardCharsets.UTF_8 : WINDOWS_1252;
            warnings.add(
                    "unknown charset " + name + " read as " + fallback.name().toLowerCase(Locale.ROOT));
            return new String(bytes, offset, length, fallback);
        }
        if (sevenBit && asciiCompatible(charset) && !containsEscape(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            Utf8Scan scan = Utf8Scan.of(bytes, offset, length);
            if (!scan.valid() && scan.multibyte() == 0) {
                warnings.add("text labelled " + name + " was not utf-8; read as windows-1252");
                return new String(bytes, offset, length, WINDOWS_1252);
            }
            if (!scan.valid()) {
                warnings.add("invalid utf-8 bytes replaced");
            }
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        if (charset.equals(WINDOWS_1252) || charset.name().startsWith("ISO-8859")) {
            Utf8Scan scan = Utf8Scan.of(bytes, offset, length);
            if (scan.valid() && scan.multibyte() > 0) {
                warnings.add("text labelled " + name + " read as utf-8");
                return new String(bytes, offset, length, StandardCharsets.UTF_8);
            }
        }
        return new String(bytes, offset, length, charset);
    }

    /** The Java charset for a mail charset label, mapped to the superset senders mean; null if unknown. */
    static Charset resolve(String label) {
        String name = normalise(label);
        if (name.isEmpty()) {
            return null;
        }
        Optional<Charset> known = RESOLVED.get(name);
        if (known != null) {
            return known.orElse(null);
        }
        Optional<Charset> found = lookUp(SUPERSETS.getOrDefault(name, name));
        if (RESOLVED.size() < MAX_CACHED_LABELS) {
            RESOLVED.put(name, found);
        }
        return found.orElse(null);
    }

    private static Optional<Charset> lookUp(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    static String normalise(String label) {
        if (label == null) {
            return "";
        }
        String name = label.strip();
        if (name.length() >= 2 && (name.charAt(0) == '"' || name.charAt(0) == '\'')) {
            name = name.substring(1, name.length() - 1).strip();
        }
        int star = name.indexOf('*');
        if (star >= 0) {
            name = name.substring(0, star);
        }
        return name.toLowerCase(Locale.ROOT);
    }

    static boolean isSevenBit(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsEscape(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == 0x1B) {
                return true;
            }
        }
        return false;
    }

    private static boolean asciiCompatible(Charset charset) {
        String name = charset.name();
        return !(name.startsWith("UTF-16") || name.startsWith("UTF-32") || name.startsWith("x-UTF-16"));
    }

    /**
     * Makes decoded text plain: line endings become {@code \n}, and control characters other than
     * newline and tab, byte-order marks and stray carriage returns go.
     */
    static String cleanText(String text) {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF') {
                break;
            }
            i++;
        }
        if (i == length) {
            return text;
        }
        StringBuilder out = new StringBuilder(length);
        out.append(text, 0, i);
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF') {
                continue;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether bytes are well-formed UTF-8, and how many multi-byte sequences they hold. */
    record Utf8Scan(boolean valid, int multibyte) {

        static Utf8Scan of(byte[] b, int offset, int length) {
            int multibyte = 0;
            boolean valid = true;
            int i = offset;
            int end = offset + length;
            while (i < end) {
                int c = b[i] & 0xFF;
                if (c < 0x80) {
                    i++;
                    continue;
                }
                int need;
                int min;
                if (c >= 0xC2 && c <= 0xDF) {
                    need = 1;
                    min = 0x80;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    need = 2;
                    min = 0x800;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    need = 3;
                    min = 0x10000;
                } else {
                    valid = false;
                    i++;
                    continue;
                }
                if (i + need >= end) {
                    valid = false;
                    break;
                }
                int code = c & (0x3F >> need);
                boolean ok = true;
                for (int k = 1; k <= need; k++) {
                    int next = b[i + k] & 0xFF;
                    if ((next & 0xC0) != 0x80) {
                        ok = false;
                        break;
                    }
                    code = (code << 6) | (next & 0x3F);
                }
                if (!ok || code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                    valid = false;
                    i++;
                    continue;
                }
                multibyte++;
                i += need + 1;
            }
            return new Utf8Scan(valid, multibyte);
        }
    }
}
