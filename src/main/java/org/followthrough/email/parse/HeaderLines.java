package org.followthrough.email.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a header block into Jakarta Mail's {@link InternetHeaders} the way its own loader does (one
 * character per byte, continuation lines kept), but without the loader's service lookup, which
 * scans the class path on every call and cost more than the rest of parsing put together.
 */
final class HeaderLines {

    private static final int CHUNK = 4096;

    private HeaderLines() {}

    /** The headers up to the first empty line; the stream is left at the first byte after it. */
    static InternetHeaders read(InputStream in) throws MessagingException {
        if (!in.markSupported()) {
            return new InternetHeaders(in);
        }
        try {
            in.mark(Integer.MAX_VALUE);
            byte[] buffer = new byte[CHUNK];
            int length = 0;
            int end = -1;
            while (end < 0) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, length, buffer.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
                end = blockEnd(buffer, length);
            }
            int blockLength = end < 0 ? length : end;
            in.reset();
            in.skipNBytes(blockLength);
            return headers(buffer, blockLength);
        } catch (IOException e) {
            throw new MessagingException("the header block could not be read", e);
        }
    }

    /** The offset just after the empty line that ends the block, or -1 when it is not in the buffer yet. */
    private static int blockEnd(byte[] buffer, int length) {
        int lineStart = 0;
        int i = 0;
        while (i < length) {
            byte b = buffer[i];
            if (b == '\n' || b == '\r') {
                int next = i + 1;
                if (b == '\r') {
                    if (next == length) {
                        return -1;
                    }
                    if (buffer[next] == '\n') {
                        next++;
                    }
                }
                if (i == lineStart) {
                    return next;
                }
                lineStart = next;
                i = next;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static InternetHeaders headers(byte[] buffer, int length) {
        InternetHeaders headers = new InternetHeaders();
        String block = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < block.length()) {
            int end = i;
            while (end < block.length() && block.charAt(end) != '\n' && block.charAt(end) != '\r') {
                end++;
            }
            if (end == i) {
                break;
            }
            String line = block.substring(i, end);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !field.isEmpty()) {
                field.append("\r\n").append(line);
            } else {
                if (!field.isEmpty()) {
                    headers.addHeaderLine(field.toString());
                }
                field.setLength(0);
                field.append(line);
            }
            i = end;
            if (i < block.length() && block.charAt(i) == '\r') {
                i++;
            }
            if (i < block.length() && block.charAt(i) == '\n') {
                i++;
            }
        }
        if (!field.isEmpty()) {
            headers.addHeaderLine(field.toString());
        }
        return headers;
    }
}
