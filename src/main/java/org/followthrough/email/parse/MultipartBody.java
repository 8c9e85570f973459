package org.followthrough.email.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the parts of a multipart body by its boundary, as forgivingly as Jakarta Mail's
 * {@code MimeMultipart} with every tolerance switched on: a missing end boundary ends the last part
 * at the end of the body, a missing boundary parameter takes the first {@code --} line, and trailing
 * whitespace after a boundary is ignored. Jakarta's own class is not used because constructing it
 * and each of its body parts runs a service lookup over the whole class path (jakartaee/mail-api
 * issues 699 and 861), which cost ten times the rest of parsing a message.
 */
final class MultipartBody {

    /** Where one part, headers included, lies in the raw bytes. */
    record Part(int start, int end) {}

    /**
     * The parts found, and whether the closing boundary was there.
     *
     * @param parts in order; empty when no boundary line was found at all
     */
    record Split(List<Part> parts, boolean complete) {}

    private MultipartBody() {}

    /**
     * Splits {@code raw[start, end)} at lines of {@code --boundary}; with a {@code null} boundary,
     * the first line that looks like one is taken.
     */
    static Split split(byte[] raw, int start, int end, String boundary) {
        byte[] delimiter = boundary == null ? null : ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int partStart = -1;
        int line = start;
        while (line < end) {
            int lineEnd = line;
            while (lineEnd < end && raw[lineEnd] != '\n') {
                lineEnd++;
            }
            int next = lineEnd < end ? lineEnd + 1 : end;
            if (lineEnd - line >= 2 && raw[line] == '-' && raw[line + 1] == '-') {
                int textEnd = lineEnd;
                while (textEnd > line
                        && (raw[textEnd - 1] == '\r' || raw[textEnd - 1] == ' ' || raw[textEnd - 1] == '\t')) {
                    textEnd--;
                }
                if (delimiter == null && textEnd - line > 2 && !allDashes(raw, line, textEnd)) {
                    delimiter = Arrays.copyOfRange(raw, line, textEnd);
                }
                if (delimiter != null && startsWith(raw, line, textEnd, delimiter)) {
                    int length = textEnd - line;
                    boolean closing =
                            length == delimiter.length + 2 && raw[textEnd - 2] == '-' && raw[textEnd - 1] == '-';
                    if (length == delimiter.length || closing) {
                        if (partStart >= 0) {
                            parts.add(new Part(partStart, withoutLineBreak(raw, partStart, line)));
                        }
                        if (closing) {
                            return new Split(parts, true);
                        }
                        partStart = next;
                    }
                }
            }
            line = next;
        }
        if (partStart >= 0 && partStart < end) {
            parts.add(new Part(partStart, end));
        }
        return new Split(parts, false);
    }

    /** The line break before a boundary belongs to the boundary, not to the part. */
    private static int withoutLineBreak(byte[] raw, int partStart, int boundaryLine) {
        int end = boundaryLine;
        if (end > partStart && raw[end - 1] == '\n') {
            end--;
        }
        if (end > partStart && raw[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    private static boolean startsWith(byte[] raw, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDashes(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] != '-') {
                return false;
            }
        }
        return true;
    }
}
