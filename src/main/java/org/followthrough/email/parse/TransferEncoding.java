package org.followthrough.email.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Content-Transfer-Encoding, decoded forgivingly: base64 with broken padding, stray characters or
 * padding in the middle, quoted-printable with bad escapes, and unknown encodings read as 8-bit.
 */
final class TransferEncoding {

    private static final byte[] SEXTETS = new byte[128];

    static {
        Arrays.fill(SEXTETS, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = (byte) i;
        }
        // The URL-safe alphabet turns up from some web mailers.
        SEXTETS['-'] = 62;
        SEXTETS['_'] = 63;
    }

    private TransferEncoding() {}

    /** The normalised encoding name: lower case, no quotes, {@code 7bit} when absent. */
    static String name(String header) {
        if (header == null) {
            return "7bit";
        }
        String name = header.strip().toLowerCase(Locale.ROOT);
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
            name = name.substring(0, semicolon).strip();
        }
        if (name.length() >= 2 && name.charAt(0) == '"') {
            name = name.substring(1, name.length() - 1);
        }
        return name.isEmpty() ? "7bit" : name;
    }

    /**
     * The decoded content, or {@code null} when it cannot be decoded (base64 that is mostly not
     * base64, uuencode that does not decode).
     */
    static byte[] decode(byte[] raw, String encoding, List<String> warnings) {
        return switch (encoding) {
            case "7bit", "8bit", "binary" -> raw;
            case "base64" -> {
                Base64Result result = base64(raw, 0, raw.length);
                if (result.mostlyInvalid()) {
                    yield null;
                }
                if (result.invalid() > 0) {
                    warnings.add("base64 content had " + result.invalid() + " stray characters, skipped");
                }
                yield result.bytes();
            }
            case "quoted-printable" -> quotedPrintable(raw, 0, raw.length);
            case "uuencode", "x-uuencode", "x-uue" -> uudecode(raw);
            default -> {
                warnings.add("unknown transfer encoding " + encoding + " read as 8bit");
                yield raw;
            }
        };
    }

    /** The decoded size without decoding, exact for base64 and the identity encodings. */
    static long decodedSize(byte[] raw, String encoding) {
        if (!encoding.equals("base64")) {
            return -1;
        }
        long sextets = 0;
        for (byte b : raw) {
            if (b >= 0 && SEXTETS[b] >= 0) {
                sextets++;
            }
        }
        return sextets * 3 / 4;
    }

    record Base64Result(byte[] bytes, int invalid, int total) {

        /** Text that is not base64 at all, rather than base64 with a few stray characters. */
        boolean mostlyInvalid() {
            return invalid >= 3 && invalid * 50L > total;
        }
    }

    static Base64Result base64(byte[] in, int offset, int length) {
        byte[] out = new byte[length / 4 * 3 + 3];
        int o = 0;
        int buffer = 0;
        int count = 0;
        int invalid = 0;
        boolean lineHasData = false;
        int pendingSpaces = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            int c = in[i] & 0xFF;
            byte value = c < 128 ? SEXTETS[c] : -1;
            if (value >= 0) {
                if (lineHasData) {
                    invalid += pendingSpaces;
                }
                pendingSpaces = 0;
                lineHasData = true;
                buffer = (buffer << 6) | value;
                if (++count == 4) {
                    out[o++] = (byte) (buffer >> 16);
                    out[o++] = (byte) (buffer >> 8);
                    out[o++] = (byte) buffer;
                    count = 0;
                    buffer = 0;
                }
            } else if (c == '=') {
                // Padding ends a quantum; content glued together from several encoders carries it midway.
                o = flush(out, o, buffer, count);
                count = 0;
                buffer = 0;
            } else if (c == '\r' || c == '\n') {
                lineHasData = false;
                pendingSpaces = 0;
            } else if (c == ' ' || c == '\t') {
                pendingSpaces++;
            } else {
                invalid++;
            }
        }
        o = flush(out, o, buffer, count);
        return new Base64Result(Arrays.copyOf(out, o), invalid, length);
    }

    private static int flush(byte[] out, int o, int buffer, int count) {
        if (count == 2) {
            out[o++] = (byte) (buffer >> 4);
        } else if (count == 3) {
            out[o++] = (byte) (buffer >> 10);
            out[o++] = (byte) (buffer >> 2);
        }
        return o;
    }

    static byte[] quotedPrintable(byte[] in, int offset, int length) {
        byte[] out = new byte[length];
        int o = 0;
        // Where trailing literal whitespace on the current line starts: transport padding to drop.
        int trailingSpace = -1;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = in[i];
            if (b == '=') {
                int j = i + 1;
                while (j < end && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j < end && (in[j] == '\r' || in[j] == '\n')) {
                    i = in[j] == '\r' && j + 1 < end && in[j + 1] == '\n' ? j + 1 : j;
                    trailingSpace = -1;
                    continue;
                }
                if (j == end) {
                    break;
                }
                int high = i + 2 < end ? hex(in[i + 1]) : -1;
                int low = i + 2 < end ? hex(in[i + 2]) : -1;
                if (high >= 0 && low >= 0) {
                    out[o++] = (byte) ((high << 4) | low);
                    i += 2;
                } else {
                    out[o++] = b;
                }
                trailingSpace = -1;
            } else if (b == '\r' || b == '\n') {
                if (trailingSpace >= 0) {
                    o = trailingSpace;
                }
                trailingSpace = -1;
                out[o++] = b;
            } else if (b == ' ' || b == '\t') {
                if (trailingSpace < 0) {
                    trailingSpace = o;
                }
                out[o++] = b;
            } else {
                trailingSpace = -1;
                out[o++] = b;
            }
        }
        return Arrays.copyOf(out, o);
    }

    /** Quoted-printable as RFC 2047's Q encoding writes it in headers: underscores are spaces. */
    static byte[] qEncoding(String text) {
        byte[] out = new byte[text.length() * 3];
        int o = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out[o++] = ' ';
            } else if (c == '='
                    && i + 2 < text.length()
                    && hex((byte) text.charAt(i + 1)) >= 0
                    && hex((byte) text.charAt(i + 2)) >= 0) {
                out[o++] = (byte) ((hex((byte) text.charAt(i + 1)) << 4) | hex((byte) text.charAt(i + 2)));
                i += 2;
            } else if (c < 0x100) {
                out[o++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                for (byte u : utf8) {
                    out[o++] = u;
                }
            }
        }
        return Arrays.copyOf(out, o);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    private static byte[] uudecode(byte[] raw) {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(raw), "uuencode")) {
            return in.readAllBytes();
        } catch (IOException | MessagingException e) {
            return null;
        }
    }
}
