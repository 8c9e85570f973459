package org.followthrough.email.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readable text from a header value as the MIME reader loaded it (one character per byte): folding
 * undone, raw 8-bit bytes read as UTF-8 or windows-1252, and RFC 2047 encoded words decoded even
 * where they break the rules (inside words or quotes, with spaces, split in the middle of a
 * character).
 */
final class HeaderText {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]{1,64})\\?([bBqQ])\\?([^?]*)\\?=");
    private static final int MAX_LENGTH = 16_384;

    private HeaderText() {}

    /** The decoded, single-line text of a header value; {@code ""} for {@code null}. */
    static String decode(String raw, List<String> warnings) {
        return decode(raw, null, warnings);
    }

    /**
     * The decoded, single-line text of a header value, raw 8-bit bytes read as UTF-8, else in {@code
     * textCharset} (the charset the message's text declares), else as windows-1252.
     */
    static String decode(String raw, String textCharset, List<String> warnings) {
        if (raw == null) {
            return "";
        }
        String value = raw.length() > MAX_LENGTH ? raw.substring(0, MAX_LENGTH) : raw;
        return singleLine(decodeWords(recover8bit(unfold(value), textCharset, warnings), warnings))
                .strip();
    }

    /** Undoes header folding: line breaks go, the whitespace after them stays. */
    static String unfold(String raw) {
        if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Header bytes above 127 arrive as one character each; senders mean UTF-8 by them, or failing
     * that, windows-1252.
     */
    static String recover8bit(String value, List<String> warnings) {
        return recover8bit(value, null, warnings);
    }

    /**
     * Header bytes above 127 arrive as one character each. Senders that do not encode them write in
     * UTF-8, or in the charset of their text (an old Russian program writes KOI8-R throughout), or in
     * windows-1252; the first of these that decodes the bytes cleanly wins.
     */
    static String recover8bit(String value, String textCharset, List<String> warnings) {
        boolean eightBit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            if (c >= 0x80) {
                eightBit = true;
            }
        }
        if (!eightBit) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (MailCharsets.Utf8Scan.of(bytes, 0, bytes.length).valid()) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String inTextCharset = cleanly(bytes, textCharset);
        if (inTextCharset != null) {
            warnings.add(
                    "8-bit header text read as " + MailCharsets.normalise(textCharset) + ", the charset of the text");
            return inTextCharset;
        }
        warnings.add("8-bit header text read as windows-1252");
        return new String(bytes, MailCharsets.WINDOWS_1252);
    }

    /** The bytes in this charset, or null when it is unknown, UTF-8 or ASCII, or does not fit them. */
    private static String cleanly(byte[] bytes, String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        Charset charset = MailCharsets.resolve(MailCharsets.normalise(label));
        if (charset == null
                || charset.equals(StandardCharsets.UTF_8)
                || charset.equals(StandardCharsets.US_ASCII)
                || !charset.canEncode()) {
            return null;
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x80 && c <= 0x9F) || c == '\uFFFD' || (c < 0x20 && c != '\t')) {
                return null;
            }
        }
        return text;
    }

    /**
     * Decodes encoded words wherever they are. Adjacent words in one charset are joined before
     * decoding, so a character split between two words comes out whole.
     */
    static String decodeWords(String value, List<String> warnings) {
        if (value.indexOf("=?") < 0) {
            return value;
        }
        Matcher word = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (word.find()) {
            String gap = value.substring(last, word.start());
            boolean joined = pendingCharset != null && gap.isBlank();
            String charset = word.group(1);
            if (!joined || !MailCharsets.normalise(charset).equals(MailCharsets.normalise(pendingCharset))) {
                flush(out, pending, pendingCharset, warnings);
                pendingCharset = null;
                if (!joined) {
                    out.append(gap);
                }
            }
            byte[] bytes = switch (word.group(2)) {
                case "B", "b" -> {
                    byte[] text = word.group(3).getBytes(StandardCharsets.ISO_8859_1);
                    yield TransferEncoding.base64(text, 0, text.length).bytes();
                }
                default -> TransferEncoding.qEncoding(word.group(3));
            };
            pending.writeBytes(bytes);
            pendingCharset = charset;
            last = word.end();
        }
        flush(out, pending, pendingCharset, warnings);
        out.append(value, last, value.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset, List<String> warnings) {
        if (charset == null || pending.size() == 0) {
            pending.reset();
            return;
        }
        out.append(MailCharsets.decode(pending.toByteArray(), charset, warnings));
        pending.reset();
    }

    /** Tabs and line breaks become spaces, other control characters go. */
    static String singleLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFEFF';
            if (control && out == null) {
                out = new StringBuilder(text.length());
                out.append(text, 0, i);
            }
            if (out != null) {
                if (c == '\t' || c == '\n' || c == '\r') {
                    out.append(' ');
                } else if (!control) {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
