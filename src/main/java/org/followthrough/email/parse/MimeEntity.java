package org.followthrough.email.parse;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One MIME entity, the message itself or any part of it: its header fields by lower-case name, and
 * where its content lies in the raw bytes of the message (never copied until asked for).
 */
record MimeEntity(Map<String, List<String>> fields, byte[] raw, int contentStart, int contentEnd) {

    /** The entity whose header block starts at {@code start} and whose content ends at {@code end}. */
    static MimeEntity read(byte[] raw, int start, int end) throws MessagingException {
        ByteArrayInputStream in = new ByteArrayInputStream(raw, start, end - start);
        InternetHeaders headers = HeaderLines.read(in);
        return of(headers, raw, end - in.available(), end);
    }

    /** Indexes Jakarta's header list once, instead of a linear search per lookup. */
    static MimeEntity of(InternetHeaders headers, byte[] raw, int contentStart, int contentEnd) {
        Map<String, List<String>> fields = new HashMap<>();
        for (Enumeration<Header> all = headers.getAllHeaders(); all.hasMoreElements(); ) {
            Header header = all.nextElement();
            fields.computeIfAbsent(header.getName().strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                    .add(header.getValue());
        }
        return new MimeEntity(fields, raw, contentStart, contentEnd);
    }

    /** The first value of a header as loaded (one character per byte), or {@code null}. */
    String header(String name) {
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    /** Every value of a header, in order; empty when there is none. */
    List<String> all(String name) {
        List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : values;
    }

    /** A copy of the content, still transfer-encoded. */
    byte[] content() {
        return Arrays.copyOfRange(raw, contentStart, contentEnd);
    }
}
