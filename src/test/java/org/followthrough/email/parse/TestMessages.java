package org.followthrough.email.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small raw messages for tests: {@code aMessage().subject("Hi").attachment(...).bytes()}. */
final class TestMessages {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> extraHeaderLines = new ArrayList<>();
    private String text = "Hello.";
    private String html;
    private final List<String> parts = new ArrayList<>();

    private TestMessages() {
        headers.put("From", "Ann Lee <ann@example.com>");
        headers.put("To", "support@followthrough.example");
        headers.put("Subject", "Test");
        headers.put("Date", "Mon, 5 Jan 2026 10:00:00 +0000");
        headers.put("Message-ID", "<test@example.com>");
    }

    static TestMessages aMessage() {
        return new TestMessages();
    }

    TestMessages header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    TestMessages subject(String subject) {
        return header("Subject", subject);
    }

    TestMessages without(String name) {
        headers.remove(name);
        return this;
    }

    /** A raw header line, written as given after the others. */
    TestMessages line(String headerLine) {
        extraHeaderLines.add(headerLine);
        return this;
    }

    TestMessages text(String text) {
        this.text = text;
        return this;
    }

    TestMessages html(String html) {
        this.html = html;
        return this;
    }

    TestMessages attachment(String filename, String contentType, byte[] data) {
        parts.add("Content-Type: " + contentType + "; name=\"" + filename + "\"\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\n");
        return this;
    }

    TestMessages inlineImage(String contentId, byte[] data) {
        parts.add("Content-Type: image/png\nContent-ID: <" + contentId + ">\nContent-Disposition: inline\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\n");
        return this;
    }

    byte[] bytes() {
        StringBuilder out = new StringBuilder();
        headers.forEach(
                (name, value) -> out.append(name).append(": ").append(value).append('\n'));
        extraHeaderLines.forEach(line -> out.append(line).append('\n'));
        out.append("MIME-Version: 1.0\n");
        if (parts.isEmpty() && html == null) {
            out.append("Content-Type: text/plain; charset=utf-8\n\n")
                    .append(text)
                    .append('\n');
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        out.append("Content-Type: multipart/mixed; boundary=\"part\"\n\n");
        out.append("--part\nContent-Type: text/plain; charset=utf-8\n\n")
                .append(text)
                .append('\n');
        if (html != null) {
            out.append("--part\nContent-Type: text/html; charset=utf-8\n\n")
                    .append(html)
                    .append('\n');
        }
        for (String part : parts) {
            out.append("--part\n").append(part);
        }
        out.append("--part--\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
