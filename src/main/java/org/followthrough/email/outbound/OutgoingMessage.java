package org.followthrough.email.outbound;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A message we send, written as RFC 5322 bytes by us: text and HTML alternatives in base64, headers
 * in RFC 2047 where they are not ASCII. Jakarta Mail's own message objects look up a stream
 * provider on the class path for each part they build or write, which cost most of a send; its
 * transport only needs something that writes itself, and this does.
 */
final class OutgoingMessage extends MimeMessage {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final int ENCODED_WORD_BYTES = 45;

    private final byte[] bytes;

    private OutgoingMessage(Session session, byte[] bytes) {
        super(session);
        this.bytes = bytes;
    }

    /** The headers and body of one message; {@code headers} in order, values not yet encoded. */
    record Draft(
            String fromName,
            String fromAddress,
            List<String> to,
            List<String> cc,
            String subject,
            String messageId,
            String inReplyTo,
            List<String> references,
            Instant date,
            Map<String, String> extraHeaders,
            String text,
            String html) {}

    static OutgoingMessage of(Session session, Draft draft) {
        return new OutgoingMessage(session, write(draft));
    }

    /** The bytes as sent, CRLF line ends, 7-bit. */
    static byte[] write(Draft draft) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Date", DATE.format(draft.date().atOffset(ZoneOffset.UTC)));
        headers.put("From", address(draft.fromName(), draft.fromAddress()));
        headers.put("To", String.join(", ", draft.to()));
        if (!draft.cc().isEmpty()) {
            headers.put("Cc", String.join(", ", draft.cc()));
        }
        headers.put("Message-ID", "<" + draft.messageId() + ">");
        if (draft.inReplyTo() != null) {
            headers.put("In-Reply-To", "<" + draft.inReplyTo() + ">");
        }
        if (!draft.references().isEmpty()) {
            headers.put(
                    "References",
                    draft.references().stream().map(r -> "<" + r + ">").collect(Collectors.joining("\r\n ")));
        }
        headers.put("Subject", encoded(draft.subject()));
        headers.putAll(draft.extraHeaders());
        headers.put("MIME-Version", "1.0");
        var boundary = "=_ft_" + UUID.randomUUID().toString().replace("-", "");
        headers.put("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        var out = new StringBuilder(draft.text().length() * 3 + 1024);
        headers.forEach(
                (name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
        out.append("\r\n");
        part(out, boundary, "text/plain; charset=UTF-8", draft.text());
        part(out, boundary, "text/html; charset=UTF-8", draft.html());
        out.append("--").append(boundary).append("--\r\n");
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(StringBuilder out, String boundary, String type, String content) {
        out.append("--").append(boundary).append("\r\n");
        out.append("Content-Type: ").append(type).append("\r\n");
        out.append("Content-Transfer-Encoding: base64\r\n\r\n");
        var crlf = content.replace("\r\n", "\n").replace("\n", "\r\n");
        out.append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
                        .encodeToString(crlf.getBytes(StandardCharsets.UTF_8)))
                .append("\r\n");
    }

    /** {@code "Name" <address>}, the name quoted or RFC 2047 encoded as it needs. */
    static String address(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        if (ascii(name)) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address + ">";
        }
        return encoded(name) + " <" + address + ">";
    }

    /** The text as is when it is printable ASCII, else RFC 2047 encoded words of whole characters. */
    static String encoded(String text) {
        var clean = text.replaceAll("[\\r\\n]+", " ");
        if (ascii(clean)) {
            return clean;
        }
        var words = new ArrayList<String>();
        var chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < clean.length(); ) {
            int codePoint = clean.codePointAt(i);
            var character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > ENCODED_WORD_BYTES) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        if (!chunk.isEmpty()) {
            words.add(word(chunk.toString()));
        }
        return String.join("\r\n ", words);
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        os.write(bytes);
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        os.write(bytes);
    }

    @Override
    public int getSize() {
        return bytes.length;
    }
}
