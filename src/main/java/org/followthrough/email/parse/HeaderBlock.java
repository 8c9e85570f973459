package org.followthrough.email.parse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Where a message's header block starts, after an mbox {@code From } line or stray blank lines, and
 * the refusal of data that has no header block at all or is binary.
 */
final class HeaderBlock {

    private static final int SNIFFED = 8_192;
    private static final int MAX_HEADER_BYTES = 256 * 1024;
    private static final Set<String> KNOWN = Set.of(
            "from",
            "to",
            "cc",
            "bcc",
            "subject",
            "date",
            "message-id",
            "received",
            "return-path",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "sender",
            "reply-to",
            "delivered-to",
            "in-reply-to",
            "references",
            "dkim-signature",
            "authentication-results",
            "arc-seal",
            "list-id",
            "precedence",
            "auto-submitted",
            "thread-topic",
            "thread-index",
            "importance",
            "user-agent");

    private HeaderBlock() {}

    /** The offset of the first header line; throws when the bytes are not a mail message. */
    static int start(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new UnparseableMailException("the message is empty");
        }
        int start = 0;
        while (start < raw.length && isSpace(raw[start])) {
            start++;
        }
        if (start == raw.length) {
            throw new UnparseableMailException("the message is empty");
        }
        if (looksBinary(raw, start)) {
            throw new UnparseableMailException("the data is binary, not a mail message");
        }
        if (startsWith(raw, start, "From ")) {
            start = nextLine(raw, start);
        }
        int line = start;
        boolean known = false;
        boolean first = true;
        int limit = Math.min(raw.length, start + MAX_HEADER_BYTES);
        while (line < limit) {
            int end = lineEnd(raw, line);
            if (end == line || (end == line + 1 && raw[line] == '\r')) {
                break;
            }
            if (raw[line] != ' ' && raw[line] != '\t') {
                int colon = fieldNameEnd(raw, line, end);
                if (colon < 0) {
                    if (first) {
                        throw new UnparseableMailException(
                                "no header block: the data does not start with mail headers");
                    }
                } else {
                    String name = new String(raw, line, colon - line, StandardCharsets.ISO_8859_1)
                            .strip()
                            .toLowerCase(Locale.ROOT);
                    known |= KNOWN.contains(name) || name.startsWith("x-") || name.startsWith("list-");
                }
                first = false;
            } else if (first) {
                throw new UnparseableMailException("no header block: the data starts with a continuation line");
            }
            for (int i = line; i < end; i++) {
                if (raw[i] == 0) {
                    throw new UnparseableMailException("the header block holds binary data");
                }
            }
            line = end < raw.length ? end + 1 : end;
        }
        if (!known) {
            throw new UnparseableMailException("no header block: none of the usual mail headers was found");
        }
        return start;
    }

    private static boolean looksBinary(byte[] raw, int start) {
        int end = Math.min(raw.length, start + SNIFFED);
        // A stray NUL in a body is repaired later; a run of control bytes is not text at all.
        int control = 0;
        for (int i = start; i < end; i++) {
            int b = raw[i] & 0xFF;
            if ((b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) || b == 0x7F) {
                control++;
            }
        }
        return control * 20 > end - start;
    }

    /** The index of the colon ending a valid field name on this line, or -1. */
    private static int fieldNameEnd(byte[] raw, int from, int end) {
        int i = from;
        while (i < end && raw[i] > 32 && raw[i] < 127 && raw[i] != ':') {
            i++;
        }
        if (i == from) {
            return -1;
        }
        int nameEnd = i;
        while (i < end && (raw[i] == ' ' || raw[i] == '\t')) {
            i++;
        }
        return i < end && raw[i] == ':' ? nameEnd : -1;
    }

    private static int lineEnd(byte[] raw, int from) {
        int i = from;
        while (i < raw.length && raw[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int nextLine(byte[] raw, int from) {
        int end = lineEnd(raw, from);
        return end < raw.length ? end + 1 : end;
    }

    private static boolean startsWith(byte[] raw, int from, String prefix) {
        if (raw.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
